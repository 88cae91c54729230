using System.Management.Automation;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Get-MilvusPrivilegeGroup: pymilvus list_privilege_groups (built-in and custom groups). -Name takes wildcards.</summary>
[Cmdlet(VerbsCommon.Get, "MilvusPrivilegeGroup")]
[OutputType(typeof(MilvusPrivilegeGroupInfo))]
public sealed class GetMilvusPrivilegeGroupCommand : MilvusCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupName")]
    [ArgumentCompleter(typeof(PrivilegeGroupNameCompleter))]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override string ErrorThing => "PrivilegeGroup";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        if (!TryInvoke(Name, ct => client.ListPrivilegeGroupsAsync(cancellationToken: ct), out var groups))
        {
            return;
        }

        IReadOnlyList<string> selected = WildcardNames.Select(groups.Select(g => g.PrivilegeGroup), Name, out var missing);
        WildcardNames.ReportMissing(this, missing, "PrivilegeGroup");
        foreach (var group in groups.Where(g => selected.Contains(g.PrivilegeGroup)))
        {
            WriteObject(Stamp(new MilvusPrivilegeGroupInfo { GroupName = group.PrivilegeGroup, Privileges = group.Privileges.ToArray() }));
        }
    }
}
