using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Add-MilvusFileResource: pymilvus add_file_resource(name, path).</summary>
[Cmdlet(VerbsCommon.Add, "MilvusFileResource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusFileResourceInfo))]
public sealed class AddMilvusFileResourceCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>Where the file is, as the server sees it (an object-store path such as s3://bucket/dict.txt).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ErrorThing => "FileResource";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        if (ShouldProcess($"file resource '{Name}' -> {Path}", "Add file resource")
            && TryInvoke(Name, ct => client.AddFileResourceAsync(Name, Path, cancellationToken: ct))
            && PassThru)
        {
            WriteObject(Stamp(new MilvusFileResourceInfo { Name = Name, Path = Path }));
        }
    }
}
