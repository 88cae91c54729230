using System.Diagnostics;
using System.Threading.Channels;
using Milvus.Local.Catalog;
using Milvus.Local.Engine;
using Milvus.Protocol.Api;

namespace Milvus.Local.Snapshots;

/// <summary>
/// Runs restore jobs in the background, one at a time, as Milvus's copy-segment jobs: Pending until the worker picks
/// the job, Executing while it copies the snapshot's segments into the target collection (one segment per step and
/// transaction, so progress is copied/total), then Completed, or Failed with the reason (the half-restored target is
/// dropped, as Milvus rolls back). Jobs left unfinished when the engine closed start again on the next open.
/// </summary>
internal sealed class SnapshotRestorer
{
    private readonly EngineCore _core;
    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    public SnapshotRestorer(EngineCore core)
    {
        _core = core;
        foreach (var job in core.Snapshots.Jobs.Where(j => j.IsActive)) _queue.Writer.TryWrite(job.Id);
        _ = Task.Run(RunAsync);
    }

    /// <summary>Test hook, called outside the engine lock before each step of a job (the first while it is still Pending).</summary>
    public Func<RestoreJob, Task>? BeforeStep { get; set; }

    public void Enqueue(RestoreJob job) => _queue.Writer.TryWrite(job.Id);

    private async Task RunAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_core.Closing).ConfigureAwait(false))
                while (_queue.Reader.TryRead(out var jobId))
                    if (!await RunJobAsync(jobId).ConfigureAwait(false)) return;
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Runs one job to its end; false when the engine closed meanwhile.</summary>
    private async Task<bool> RunJobAsync(long jobId)
    {
        var clock = Stopwatch.StartNew();
        for (var step = 0; ; step++)
        {
            if (BeforeStep is { } hook)
            {
                RestoreJob? current;
                lock (_core.Gate) current = _core.IsDisposed ? null : _core.Snapshots.Job(jobId);
                if (current is null) return false;
                await hook(current).ConfigureAwait(false);
            }
            lock (_core.Gate)
            {
                if (_core.IsDisposed) return false;
                var job = _core.Snapshots.Job(jobId);
                try
                {
                    if (!Step(job, step)) return true;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Fail(job, e.Message);
                    return true;
                }
                finally
                {
                    job.TimeCostMs = clock.ElapsedMilliseconds;
                }
            }
        }
    }

    /// <summary>One unit of work under the lock; false once the job has reached a final state.</summary>
    private bool Step(RestoreJob job, int step)
    {
        var snapshot = _core.Snapshots.ById(job.SnapshotId) ?? throw SnapshotErrors.NotFound(job.SnapshotName);
        var target = _core.CollectionsOf(_core.FindDatabase(job.TargetDbName)?.Id ?? -1).FirstOrDefault(c => c.Id == job.TargetCollectionId);
        if (target is null)
        {
            Fail(job, $"the target collection {job.TargetCollectionName} was dropped during the restore");
            return false;
        }
        if (step == 0) Start(job, snapshot, target);
        else if (job.CopiedSegments < job.TotalSegments) CopyNext(job, snapshot, target);
        if (job.CopiedSegments < job.TotalSegments)
        {
            _core.Snapshots.SaveJob(job);
            return true;
        }
        job.State = RestoreSnapshotState.RestoreSnapshotCompleted;
        _core.Snapshots.SaveJob(job);
        return false;
    }

    /// <summary>Executing: clears whatever an interrupted run left, then writes the snapshot's delete records first, so rows appear already filtered.</summary>
    private void Start(RestoreJob job, SnapshotMeta snapshot, CollectionMeta target)
    {
        job.State = RestoreSnapshotState.RestoreSnapshotExecuting;
        job.CopiedSegments = 0;
        var partitions = PartitionMap(snapshot, target);
        var deletes = _core.Snapshots.Store.ReadDeletes(snapshot.Id);
        _core.Write(tx =>
        {
            _core.Segments.DeleteCollectionData(target.Id, tx);
            foreach (var group in deletes.GroupBy(d => (d.Ts, d.PartitionId)))
                _core.Segments.WriteDeletes(target.Id, group.Key.PartitionId == 0 ? 0 : partitions[group.Key.PartitionId],
                    group.Select(d => d.Key), group.Key.Ts, tx);
        });
        Reload(target);
    }

    private void CopyNext(RestoreJob job, SnapshotMeta snapshot, CollectionMeta target)
    {
        var source = snapshot.SegmentIds[job.CopiedSegments];
        var partition = PartitionMap(snapshot, target)[_core.Snapshots.Store.PartitionOfSegment(source)];
        _core.Write(tx => _core.Snapshots.Store.CopySegment(source, (long)_core.Oracle.Next(), target.Id, partition, tx));
        job.CopiedSegments++;
        Reload(target);
    }

    /// <summary>Snapshot partition id to the target's partition of the same name.</summary>
    private static Dictionary<long, long> PartitionMap(SnapshotMeta snapshot, CollectionMeta target)
        => snapshot.Definition.Partitions.ToDictionary(p => p.Id, p => target.FindPartition(p.Name)!.Id);

    private void Reload(CollectionMeta target)
    {
        if (_core.LoadedData(target.Id) is null) return;
        _core.Release(target.Id);
        _core.Load(target);
    }

    private void Fail(RestoreJob job, string reason)
    {
        job.State = RestoreSnapshotState.RestoreSnapshotFailed;
        job.Reason = reason;
        var target = _core.CollectionsOf(_core.FindDatabase(job.TargetDbName)?.Id ?? -1).FirstOrDefault(c => c.Id == job.TargetCollectionId);
        if (target is not null && !_core.AliasesOf(target.Id).Any()) _core.Write(tx => _core.RemoveCollection(target, tx));
        _core.Snapshots.SaveJob(job);
    }
}
