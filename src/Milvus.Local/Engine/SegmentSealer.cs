using Microsoft.Data.Sqlite;
using Milvus.Local.Catalog;
using Milvus.Local.Data;

namespace Milvus.Local.Engine;

/// <summary>
/// Seals growing segments in the background, like Milvus's data coordinator sealing a growing segment and its
/// compaction merging small ones: a write only commits its rows and asks for a seal (<see cref="Request"/>), so no
/// insert waits on a merge. The worker reads the partition's growing segments under the engine lock, concatenates and
/// encodes them off the lock, then commits the merged sealed segment in one transaction (a kill leaves either the
/// growing segments or the sealed one, never both) and swaps it into the loaded data, whose delete bitmap is rebuilt
/// from the delete records, so a delete that arrived during the merge still hides its rows. A merge whose inputs
/// changed meanwhile (flushed, compacted, dropped, a field added) is abandoned and asked for again.
/// </summary>
internal sealed class SegmentSealer(EngineCore core)
{
    public const int SealAfterSegments = 16;
    public const int SealAfterRows = 65536;

    private readonly Queue<(long Collection, long Partition)> _queue = new();
    private readonly HashSet<(long, long)> _queued = new();
    private readonly CancellationTokenSource _stop = new();
    private bool _running;
    private bool _started;
    private bool _paused;

    /// <summary>The last unexpected failure of the worker, for diagnostics.</summary>
    public string? LastError { get; private set; }

    /// <summary>How many merges the worker committed (for tests and diagnostics).</summary>
    public int Merges => _merges;

    private int _merges;

    /// <summary>Asks the worker to seal the partition's growing segments if enough have gathered (returns at once).</summary>
    public void Request(long collectionId, long partitionId)
    {
        lock (_queue)
        {
            if (_stop.IsCancellationRequested || !_queued.Add((collectionId, partitionId))) return;
            _queue.Enqueue((collectionId, partitionId));
        }
        StartWorker();
    }

    /// <summary>Lets the worker run (requests made while the engine opens only queue up).</summary>
    public void Start()
    {
        lock (_queue) _started = true;
        StartWorker();
    }

    /// <summary>Holds requests in the queue while true (tests: shows a write does not wait for its seal).</summary>
    internal bool Paused
    {
        get { lock (_queue) return _paused; }
        set
        {
            lock (_queue) _paused = value;
            StartWorker();
        }
    }

    /// <summary>Test seam: runs on the worker between reading the inputs and committing the merge, off the engine lock.</summary>
    internal Action? AfterConcatenate { get; set; }

    /// <summary>Stops sealing (call under the engine lock before the store closes).</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Waits until no request is queued or running (tests; not under the engine lock). False on timeout.</summary>
    public bool WaitIdle(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_queue)
                if (!_running && (_queue.Count == 0 || !_started || _paused)) return true;
            Thread.Sleep(5);
        }
        return false;
    }

    /// <summary>Whether the partition's growing segments are due for sealing.</summary>
    public static bool IsDue(IReadOnlyCollection<int> growingRowCounts)
        => growingRowCounts.Count >= SealAfterSegments || growingRowCounts.Sum() >= SealAfterRows;

    private void StartWorker()
    {
        lock (_queue)
        {
            if (!_started || _paused || _running || _queue.Count == 0 || _stop.IsCancellationRequested) return;
            _running = true;
        }
        _ = Task.Run(Work);
    }

    private void Work()
    {
        while (true)
        {
            (long Collection, long Partition) next;
            lock (_queue)
            {
                if (_queue.Count == 0 || _paused || _stop.IsCancellationRequested)
                {
                    _running = false;
                    return;
                }
                next = _queue.Dequeue();
                _queued.Remove(next);
            }
            try
            {
                Seal(next.Collection, next.Partition);
            }
            catch (Exception) when (_stop.IsCancellationRequested) { }
            catch (Exception e) when (e is SqliteException or IOException)
            {
                // Rolled back whole (the growing segments stay); the next write to the partition asks again.
                core.RecordDeferredFailure($"sealing partition {next.Partition} of collection {next.Collection}", e);
            }
            catch (Exception e)
            {
                // The worker must survive: later seals depend on it.
                LastError = e.Message;
            }
        }
    }

    private void Seal(long collectionId, long partitionId)
    {
        CollectionMeta c;
        List<Segment> inputs;
        lock (core.Gate)
        {
            if (_stop.IsCancellationRequested || core.FindCollection(collectionId) is not { } found) return;
            c = found;
            var growing = Growing(c, partitionId);
            if (!IsDue(growing.Select(s => s.RowCount).ToList())) return;
            inputs = Inputs(c, growing.Select(s => s.Id).ToHashSet());
        }
        var merged = SegmentMerge.Concatenate(c.Schema, inputs.Select(s => (s, (bool[]?)null)).ToList());
        AfterConcatenate?.Invoke();
        lock (core.Gate)
        {
            if (_stop.IsCancellationRequested) return;
            var ids = inputs.Select(s => s.Id).ToHashSet();
            if (core.FindCollection(collectionId) != c || !merged.Matches(c.Schema) || !Growing(c, partitionId).Select(s => s.Id).ToHashSet().IsSupersetOf(ids))
            {
                Request(collectionId, partitionId);
                return;
            }
            SegmentMerge.Commit(core, c, partitionId, ids, merged);
            Interlocked.Increment(ref _merges);
        }
    }

    private List<Storage.SegmentStore.SegmentRecord> Growing(CollectionMeta c, long partitionId)
        => core.Segments.ListSegments(c.Id).Where(s => s.PartitionId == partitionId && !s.Sealed).ToList();

    /// <summary>The segments from the loaded data when it holds them all (no read), else from the file.</summary>
    private List<Segment> Inputs(CollectionMeta c, HashSet<long> ids)
    {
        var loaded = core.LoadedData(c.Id)?.Snapshot.Select(v => v.Segment).Where(s => ids.Contains(s.Id)).ToList();
        return loaded is not null && loaded.Count == ids.Count ? loaded : core.Segments.ReadSegments(c.Id, c.Schema, s => ids.Contains(s.Id));
    }
}
