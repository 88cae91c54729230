using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Get-MilvusFileResource: pymilvus list_file_resources. -Name takes wildcards.</summary>
[Cmdlet(VerbsCommon.Get, "MilvusFileResource")]
[OutputType(typeof(MilvusFileResourceInfo))]
public sealed class GetMilvusFileResourceCommand : MilvusCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override string ErrorThing => "FileResource";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        if (!TryInvoke(Name, ct => client.ListFileResourcesAsync(cancellationToken: ct), out var resources))
        {
            return;
        }

        IReadOnlyList<string> selected = WildcardNames.Select(resources.Select(r => r.Name), Name, out var missing);
        WildcardNames.ReportMissing(this, missing, "FileResource");
        foreach (var resource in resources.Where(r => selected.Contains(r.Name)))
        {
            WriteObject(Stamp(new MilvusFileResourceInfo { Name = resource.Name, Path = resource.Path, Id = resource.Id }));
        }
    }
}
