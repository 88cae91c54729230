using System.Management.Automation;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Get-MilvusRole: pymilvus list_roles (with each role's users) + describe_role. -Name takes wildcards. Pipe to Get-MilvusPrivilege for grants.</summary>
[Cmdlet(VerbsCommon.Get, "MilvusRole")]
[OutputType(typeof(MilvusRoleInfo))]
public sealed class GetMilvusRoleCommand : MilvusCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [Alias("RoleName")]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override string ErrorThing => "Role";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        if (!TryInvoke(Name, ct => client.ListRoleUsersAsync(cancellationToken: ct), out IReadOnlyDictionary<string, IReadOnlyList<string>> users))
        {
            return;
        }

        IReadOnlyList<string> selected = WildcardNames.Select(users.Keys.ToList(), Name, out var missing);
        WildcardNames.ReportMissing(this, missing, "Role");
        foreach (string role in selected)
        {
            if (TryInvoke(role, ct => client.DescribeRoleAsync(role, null, cancellationToken: ct), out var description))
            {
                WriteObject(Stamp(new MilvusRoleInfo { RoleName = role, Description = description.Description, Users = users[role].ToArray() }));
            }
        }
    }
}
