using System.Management.Automation;

namespace Milvus.PowerShell.Commands;

/// <summary>Remove-MilvusResourceGroup: pymilvus drop_resource_group (the group must hold no nodes or replicas).</summary>
[Cmdlet(VerbsCommon.Remove, "MilvusResourceGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMilvusResourceGroupCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    protected override string ErrorThing => "ResourceGroup";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string name in Name)
        {
            if (ShouldProcess(DescribeTarget("resource group", name), "Remove resource group"))
            {
                TryInvoke(name, ct => client.DropResourceGroupAsync(name, cancellationToken: ct));
            }
        }
    }
}
