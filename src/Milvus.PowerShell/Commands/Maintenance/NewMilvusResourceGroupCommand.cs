using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>New-MilvusResourceGroup: pymilvus create_resource_group with a ResourceGroupConfig.</summary>
[Cmdlet(VerbsCommon.New, "MilvusResourceGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusResourceGroupInfo))]
public sealed class NewMilvusResourceGroupCommand : ResourceGroupConfigCommand
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string name in Name)
        {
            if (!ShouldProcess(DescribeTarget("resource group", name), "Create resource group"))
            {
                continue;
            }

            var config = BuildConfig(null);
            if (TryInvoke(name, ct => client.CreateResourceGroupAsync(name, config, cancellationToken: ct))
                && TryInvoke(name, ct => client.DescribeResourceGroupAsync(name, cancellationToken: ct), out var info))
            {
                WriteObject(Stamp(ToOutput(info)));
            }
        }
    }
}
