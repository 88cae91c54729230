using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Snapshot;

/// <summary>
/// <para type="synopsis">Restores a snapshot into a new collection.</para>
/// <para type="description">Wraps restore_snapshot: the server creates the target collection and copies the
/// snapshot's data in a job. Returns the job; -Wait polls get_restore_snapshot_state (with progress) until it
/// completes, and a failed job becomes an error carrying the server's reason.</para>
/// </summary>
[Cmdlet(VerbsData.Restore, "MilvusSnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusSnapshotRestoreJob))]
public sealed class RestoreMilvusSnapshotCommand : MilvusCmdlet
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The snapshot to restore.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SnapshotNameCompleter))]
    public string Name { get; set; } = string.Empty;

    /// <summary>The collection the snapshot belongs to (pymilvus source_collection_name).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection", "SourceCollectionName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string CollectionName { get; set; } = string.Empty;

    /// <summary>The new collection to restore into; it must not exist yet.</summary>
    [Parameter(Mandatory = true, Position = 2)]
    [Alias("Target")]
    [ValidateNotNullOrEmpty]
    public string TargetCollectionName { get; set; } = string.Empty;

    /// <summary>The database to create the target collection in (default: the database in effect).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public string? TargetDatabase { get; set; }

    /// <summary>Wait until the job completes, showing its progress.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    protected override string ErrorThing => "Snapshot";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        string targetDb = string.IsNullOrEmpty(TargetDatabase) ? ResolveDatabase() : TargetDatabase;
        if (!ShouldProcess($"collection '{TargetCollectionName}' in db '{targetDb}'", $"Restore snapshot '{Name}' of '{CollectionName}'"))
        {
            return;
        }

        if (!TryInvoke(Name, ct => client.RestoreSnapshotAsync(Name, CollectionName, TargetCollectionName, targetDbName: targetDb, cancellationToken: ct),
                out long jobId)
            || !TryInvoke(jobId, ct => Wait ? WaitAsync(client, jobId, ct) : client.GetRestoreSnapshotStateAsync(jobId, cancellationToken: ct),
                out RestoreSnapshotJobInfo job))
        {
            return;
        }

        MilvusSnapshotRestoreJob output = Stamp(SnapshotOutput.Job(job));
        if (Wait && job.State == SnapshotRestoreState.Failed)
        {
            WriteItemError("MilvusSnapshotRestoreFailed", ErrorCategory.InvalidResult, output,
                $"Restoring snapshot '{Name}' into '{TargetCollectionName}' failed: {job.Reason}");
        }

        WriteObject(output);
    }

    private async Task<RestoreSnapshotJobInfo> WaitAsync(AsyncMilvusClient client, long jobId, CancellationToken cancellationToken)
    {
        var progress = StartProgress($"Restoring snapshot '{Name}' into '{TargetCollectionName}'", $"Job {jobId} started");
        try
        {
            while (true)
            {
                RestoreSnapshotJobInfo job = await client.GetRestoreSnapshotStateAsync(jobId, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (job.IsFinished)
                {
                    return job;
                }

                progress.Report($"Job {jobId}: {job.State}, {job.Progress}%", job.Progress);
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            progress.Complete();
        }
    }
}
