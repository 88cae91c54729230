using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Gets external collection refresh jobs (Milvus 3.0).</para>
/// <para type="description">With -JobId: get_refresh_external_collection_progress for each job. Otherwise
/// list_refresh_external_collection_jobs, all jobs or those of -CollectionName.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusExternalCollectionJob", DefaultParameterSetName = ListSet)]
[OutputType(typeof(MilvusExternalCollectionJobInfo))]
public sealed class GetMilvusExternalCollectionJobCommand : MilvusCmdlet
{
    private const string ListSet = "List";
    private const string JobSet = "Job";

    [Parameter(Mandatory = true, ParameterSetName = JobSet, ValueFromPipelineByPropertyName = true)]
    public long[] JobId { get; set; } = Array.Empty<long>();

    [Parameter(ParameterSetName = ListSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    public string CollectionName { get; set; } = string.Empty;

    protected override string ErrorThing => "ExternalCollectionJob";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        if (ParameterSetName == JobSet)
        {
            foreach (long id in JobId)
            {
                if (TryInvoke(id, ct => client.GetRefreshExternalCollectionProgressAsync(id, cancellationToken: ct), out var job))
                {
                    WriteObject(Stamp(MilvusExternalCollectionJobInfo.From(job)));
                }
            }

            return;
        }

        if (TryInvoke(CollectionName, ct => client.ListRefreshExternalCollectionJobsAsync(CollectionName, cancellationToken: ct), out var jobs))
        {
            foreach (var job in jobs)
            {
                WriteObject(Stamp(MilvusExternalCollectionJobInfo.From(job)));
            }
        }
    }
}
