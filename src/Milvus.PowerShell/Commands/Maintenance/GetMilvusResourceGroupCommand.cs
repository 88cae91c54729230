using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Get-MilvusResourceGroup: pymilvus list_resource_groups + describe_resource_group. -Name takes wildcards.</summary>
[Cmdlet(VerbsCommon.Get, "MilvusResourceGroup")]
[OutputType(typeof(MilvusResourceGroupInfo))]
public sealed class GetMilvusResourceGroupCommand : MilvusCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override string ErrorThing => "ResourceGroup";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        if (!TryInvoke(Name, ct => client.ListResourceGroupsAsync(cancellationToken: ct), out IReadOnlyList<string> all))
        {
            return;
        }

        IReadOnlyList<string> selected = WildcardNames.Select(all, Name, out var missing);
        WildcardNames.ReportMissing(this, missing, "ResourceGroup");
        foreach (string name in selected)
        {
            if (TryInvoke(name, ct => client.DescribeResourceGroupAsync(name, cancellationToken: ct), out var info))
            {
                WriteObject(Stamp(ResourceGroupConfigCommand.ToOutput(info)));
            }
        }
    }
}
