using System.Management.Automation;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Get-MilvusUser: pymilvus list_users + describe_user (roles). -Name takes wildcards.</summary>
[Cmdlet(VerbsCommon.Get, "MilvusUser")]
[OutputType(typeof(MilvusUserInfo))]
public sealed class GetMilvusUserCommand : MilvusCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UserName")]
    [ArgumentCompleter(typeof(UserNameCompleter))]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override string ErrorThing => "User";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        if (!TryInvoke(Name, ct => client.ListUsersAsync(cancellationToken: ct), out IReadOnlyList<string> all))
        {
            return;
        }

        IReadOnlyList<string> selected = WildcardNames.Select(all, Name, out var missing);
        WildcardNames.ReportMissing(this, missing, "User");
        foreach (string user in selected)
        {
            if (TryInvoke(user, ct => client.DescribeUserAsync(user, cancellationToken: ct), out var description))
            {
                WriteObject(Stamp(new MilvusUserInfo
                {
                    UserName = user,
                    Roles = description?.Roles.ToArray() ?? Array.Empty<string>(),
                    Description = description?.Description ?? string.Empty,
                }));
            }
        }
    }
}
