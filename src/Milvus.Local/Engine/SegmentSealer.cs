using Microsoft.Data.Sqlite;
using Milvus.Local.Catalog;
using Milvus.Local.Data;

namespace Milvus.Local.Engine;

/// <summary>
/// Seals growing segments and combines small sealed ones in the background, like Milvus's data coordinator sealing a
/// growing segment by size and its mix compaction merging small segments (sizes: <see cref="SegmentSizing"/>): a write
/// only commits its rows and asks for a seal (<see cref="Request"/>), so no insert waits on a merge. The worker reads
/// the inputs under the engine lock, concatenates and encodes them off the lock (a combine also builds the merged
/// segment's indexes there, so it is swapped in already indexed and searches never meet it unindexed), then commits the
/// merged segment in one transaction (a kill leaves either the inputs or the merged segment, never both) and swaps it
/// into the loaded data, whose delete bitmap is rebuilt from the delete records, so a delete that arrived during the
/// merge still hides its rows. A merge whose inputs changed meanwhile (flushed, compacted, dropped, a field added) is
/// abandoned and asked for again.
/// </summary>
internal sealed class SegmentSealer
{
    private readonly EngineCore _core;
    private readonly BackgroundWorker<(long Collection, long Partition)> _worker;

    public SegmentSealer(EngineCore core)
    {
        _core = core;
        _worker = new(SealAndCombine, Deferred);
    }

    /// <summary>The last unexpected failure of the worker, for diagnostics.</summary>
    public string? LastError => _worker.LastError;

    /// <summary>How many merges the worker committed (for tests and diagnostics).</summary>
    public int Merges => _merges;

    private int _merges;

    /// <summary>How many combines of small sealed segments the worker committed (for tests and diagnostics).</summary>
    public int Combines => _combines;

    private int _combines;

    /// <summary>Asks the worker to seal the partition's growing segments if enough have gathered (returns at once).</summary>
    public void Request(long collectionId, long partitionId) => _worker.Enqueue((collectionId, partitionId));

    /// <summary>Lets the worker run (requests made while the engine opens only queue up).</summary>
    public void Start() => _worker.Start();

    /// <summary>Holds requests in the queue while true (tests: shows a write does not wait for its seal).</summary>
    internal bool Paused
    {
        get => _worker.Paused;
        set => _worker.Paused = value;
    }

    /// <summary>Test seam: runs on the worker between reading the inputs and committing the merge, off the engine lock.</summary>
    internal Action? AfterConcatenate { get; set; }

    /// <summary>Stops sealing (call under the engine lock before the store closes).</summary>
    public void Stop() => _worker.Stop();

    /// <summary>Waits until no request is queued or running (tests; not under the engine lock). False on timeout.</summary>
    public bool WaitIdle(TimeSpan timeout) => _worker.WaitIdle(timeout);

    private bool Stopping => _worker.Stopping.IsCancellationRequested;

    private void SealAndCombine((long Collection, long Partition) next)
    {
        Seal(next.Collection, next.Partition);
        Combine(next.Collection, next.Partition);
    }

    /// <summary>A storage failure rolled the merge back whole (the growing segments stay); the next write to the partition asks again.</summary>
    private bool Deferred((long Collection, long Partition) next, Exception e)
    {
        if (e is not (SqliteException or IOException)) return false;
        _core.RecordDeferredFailure($"sealing partition {next.Partition} of collection {next.Collection}", e);
        return true;
    }

    /// <summary>
    /// Seals the partition's growing segment once it reaches the seal size (all its chunks merged into one sealed
    /// segment); before that, combines a full size tier of its chunks into one chunk that stays growing.
    /// </summary>
    private void Seal(long collectionId, long partitionId)
    {
        CollectionMeta c;
        List<(Segment, bool[]?)> inputs;
        bool seal;
        lock (_core.Gate)
        {
            if (Stopping || _core.FindCollection(collectionId) is not { } found) return;
            c = found;
            var growing = Growing(c, partitionId);
            seal = _core.Sizing.IsDue(c.Schema, growing.Select(s => s.RowCount).ToList());
            var ids = seal ? growing.Select(s => s.Id).ToHashSet() : SegmentSizing.GrowingCombinePlan(growing.Select(s => (s.Id, s.RowCount))).ToHashSet();
            if (ids.Count == 0) return;
            inputs = Inputs(c, ids, dropDeleted: false);
        }
        var merged = SegmentMerge.Concatenate(c.Schema, inputs);
        AfterConcatenate?.Invoke();
        var (id, staged) = Stage(merged);
        lock (_core.Gate)
        {
            if (!StillValid(c, partitionId, inputs, staged, sealedInputs: false, id)) return;
            SegmentMerge.Commit(_core, c, partitionId, Ids(inputs), staged, segmentId: id, seal: seal);
            Interlocked.Increment(ref _merges);
        }
        // Another tier may have filled up.
        if (!seal) Request(collectionId, partitionId);
    }

    /// <summary>
    /// Combines the partition's small sealed segments into one (Milvus's mix compaction), dropping the rows deleted when
    /// it reads them, and builds the combined segment's indexes before the swap. Snapshot-protected segments stay.
    /// </summary>
    private void Combine(long collectionId, long partitionId)
    {
        CollectionMeta c;
        List<(Segment, bool[]?)> inputs;
        List<IndexMeta> indexes;
        lock (_core.Gate)
        {
            if (Stopping || _core.FindCollection(collectionId) is not { } found) return;
            c = found;
            var kept = _core.Snapshots.ProtectedSegments();
            var candidates = _core.Segments.ListSegments(c.Id).Where(s => s.PartitionId == partitionId && s.Sealed && !kept.Contains(s.Id));
            var plan = _core.Sizing.CombinePlan(c.Schema, candidates.Select(s => (s.Id, s.RowCount)));
            if (plan.Count == 0) return;
            inputs = Inputs(c, plan.ToHashSet(), dropDeleted: true);
            indexes = c.Indexes.ToList();
        }
        var merged = SegmentMerge.Concatenate(c.Schema, inputs);
        AfterConcatenate?.Invoke();
        var built = _core.Indexes.BuildFor(c.Schema, indexes, merged);
        var (id, staged) = Stage(merged);
        built = _core.Indexes.Stage(id, built);
        lock (_core.Gate)
        {
            if (!StillValid(c, partitionId, inputs, staged, sealedInputs: true, id)) return;
            SegmentMerge.Commit(_core, c, partitionId, Ids(inputs), staged, built.Where(b => c.Indexes.Any(i => i.Id == b.IndexId)).ToList(), id);
            Interlocked.Increment(ref _combines);
        }
        // A partition may hold more than one bucket of small segments.
        Request(collectionId, partitionId);
    }

    /// <summary>Writes the merged rows' large columns ahead of the commit, under a new segment id (<see cref="SegmentMerge.Stage"/>).</summary>
    private (long Id, SegmentMerge.Content Staged) Stage(SegmentMerge.Content merged)
    {
        long id;
        lock (_core.Gate) id = (long)_core.Oracle.Next();
        return (id, SegmentMerge.Stage(_core, id, merged, _worker.Stopping));
    }

    /// <summary>
    /// Whether the inputs are still there as read (call under the engine lock); if not, drops what was staged under
    /// <paramref name="stagedId"/> and asks again.
    /// </summary>
    private bool StillValid(CollectionMeta c, long partitionId, List<(Segment Segment, bool[]? Dropped)> inputs, SegmentMerge.Content merged, bool sealedInputs, long stagedId)
    {
        if (Stopping) return false;
        var current = _core.Segments.ListSegments(c.Id).Where(s => s.PartitionId == partitionId && s.Sealed == sealedInputs).Select(s => s.Id).ToHashSet();
        if (_core.FindCollection(c.Id) == c && merged.Matches(c.Schema) && current.IsSupersetOf(Ids(inputs))) return true;
        _core.Write(tx =>
        {
            _core.Segments.DeleteSegments([stagedId], tx);
            _core.Indexes.DropStaged(stagedId, tx);
        });
        Request(c.Id, partitionId);
        return false;
    }

    private static HashSet<long> Ids(List<(Segment Segment, bool[]? Dropped)> inputs) => inputs.Select(s => s.Segment.Id).ToHashSet();

    private List<Storage.SegmentStore.SegmentRecord> Growing(CollectionMeta c, long partitionId)
        => _core.Segments.ListSegments(c.Id).Where(s => s.PartitionId == partitionId && !s.Sealed).ToList();

    /// <summary>
    /// The segments from the loaded data when it holds them all (no read; with their delete bitmaps when
    /// <paramref name="dropDeleted"/>), else from the file (every row kept).
    /// </summary>
    private List<(Segment, bool[]?)> Inputs(CollectionMeta c, HashSet<long> ids, bool dropDeleted)
    {
        var loaded = _core.IsLoading(c.Id) ? null : _core.LoadedData(c.Id)?.Snapshot.Where(v => ids.Contains(v.Segment.Id)).ToList();
        if (loaded is not null && loaded.Count == ids.Count) return loaded.Select(v => (v.Segment, dropDeleted ? v.Deleted : null)).ToList();
        return _core.Segments.ReadSegments(c.Id, c.Schema, s => ids.Contains(s.Id)).Select(s => (s, (bool[]?)null)).ToList();
    }
}
