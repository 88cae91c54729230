using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Set-MilvusResourceGroup: pymilvus update_resource_groups. Settings not given keep their current values.</summary>
[Cmdlet(VerbsCommon.Set, "MilvusResourceGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusResourceGroupInfo))]
public sealed class SetMilvusResourceGroupCommand : ResourceGroupConfigCommand
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(DescribeTarget("resource group", Name), "Update resource group"))
        {
            return;
        }

        var client = ResolveClient();
        if (!TryInvoke(Name, ct => client.DescribeResourceGroupAsync(Name, cancellationToken: ct), out var current))
        {
            return;
        }

        var configs = new Dictionary<string, Milvus.Client.ResourceGroupConfig> { [Name] = BuildConfig(current.Config) };
        if (TryInvoke(Name, ct => client.UpdateResourceGroupsAsync(configs, cancellationToken: ct)) && PassThru
            && TryInvoke(Name, ct => client.DescribeResourceGroupAsync(Name, cancellationToken: ct), out var info))
        {
            WriteObject(Stamp(ToOutput(info)));
        }
    }
}
