using System.Management.Automation;

namespace Milvus.PowerShell.Commands;

/// <summary>Remove-MilvusFileResource: pymilvus remove_file_resource(name).</summary>
[Cmdlet(VerbsCommon.Remove, "MilvusFileResource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMilvusFileResourceCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    protected override string ErrorThing => "FileResource";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string name in Name)
        {
            if (ShouldProcess($"file resource '{name}'", "Remove file resource"))
            {
                TryInvoke(name, ct => client.RemoveFileResourceAsync(name, cancellationToken: ct));
            }
        }
    }
}
