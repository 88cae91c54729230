using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Snapshot;

/// <summary>
/// <para type="synopsis">Gets snapshot restore jobs: by id, or those restoring into a collection, or all of the database.</para>
/// <para type="description">Wraps get_restore_snapshot_state (-JobId) and list_restore_snapshot_jobs.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusSnapshotRestoreJob", DefaultParameterSetName = ListSet)]
[OutputType(typeof(MilvusSnapshotRestoreJob))]
public sealed class GetMilvusSnapshotRestoreJobCommand : MilvusCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "ById";

    /// <summary>Job ids (from Restore-MilvusSnapshot).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, long.MaxValue)]
    public long[] JobId { get; set; } = [];

    /// <summary>Only the jobs restoring into this (target) collection.</summary>
    [Parameter(ParameterSetName = ListSet, Position = 0)]
    [Alias("Collection")]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string? CollectionName { get; set; }

    protected override string ErrorThing => "SnapshotRestoreJob";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (ParameterSetName == IdSet)
        {
            foreach (long id in JobId)
            {
                if (TryInvoke(id, ct => client.GetRestoreSnapshotStateAsync(id, cancellationToken: ct), out RestoreSnapshotJobInfo job))
                {
                    WriteObject(Stamp(SnapshotOutput.Job(job)));
                }
            }

            return;
        }

        if (TryInvoke(CollectionName ?? ResolveDatabase(), ct => client.ListRestoreSnapshotJobsAsync(CollectionName ?? string.Empty, cancellationToken: ct),
                out IReadOnlyList<RestoreSnapshotJobInfo> jobs))
        {
            foreach (RestoreSnapshotJobInfo job in jobs)
            {
                WriteObject(Stamp(SnapshotOutput.Job(job)));
            }
        }
    }
}
