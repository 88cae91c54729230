using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Refreshes an external collection from its data source (Milvus 3.0).</para>
/// <para type="description">Wraps refresh_external_collection: starts a refresh job and outputs it (its JobId feeds
/// Get-MilvusExternalCollectionJob). -ExternalSource and -ExternalSpec point the collection at a new source.</para>
/// </summary>
[Cmdlet(VerbsData.Update, "MilvusExternalCollection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusExternalCollectionJobInfo))]
public sealed class UpdateMilvusExternalCollectionCommand : MilvusNamedCollectionCmdlet
{
    /// <summary>A new external data source path (object-store URI); empty keeps the current one.</summary>
    [Parameter]
    public string ExternalSource { get; set; } = string.Empty;

    /// <summary>A new external spec (JSON configuration); empty keeps the current one.</summary>
    [Parameter]
    public string ExternalSpec { get; set; } = string.Empty;

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        if (ShouldProcess(DescribeTarget("collection", Name), "Refresh external collection")
            && TryInvoke(Name, ct => client.RefreshExternalCollectionAsync(Name, ExternalSource, ExternalSpec, cancellationToken: ct), out long jobId)
            && TryInvoke(Name, ct => client.GetRefreshExternalCollectionProgressAsync(jobId, cancellationToken: ct), out var job))
        {
            WriteObject(Stamp(MilvusExternalCollectionJobInfo.From(job)));
        }
    }
}
