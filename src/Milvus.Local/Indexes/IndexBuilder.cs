using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Local.Engine;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Indexes;

/// <summary>An index built over a merged segment before the segment is stored (a combine swaps its segment in indexed).</summary>
internal sealed record PrebuiltIndex(long IndexId, ISegmentIndex Index, byte[] Blob);

/// <summary>How far an index is built: rows covered, rows still waiting, and the state Milvus reports.</summary>
internal sealed record IndexProgress(long IndexedRows, long TotalRows, long PendingRows, IndexState State, string FailReason);

/// <summary>
/// Builds vector indexes per sealed segment in the background, like Milvus's index nodes: one worker takes a
/// collection whose segments or indexes changed, loads stored graphs for its segments, builds the missing ones
/// off the engine lock (with every core) and stores each as a blob. Searches use whatever is attached to a segment
/// and scan the rest exactly, so they never wait for a build. Segments below <see cref="MinRowsToIndex"/> rows are
/// not indexed (Milvus's minSegmentNumRowsToEnableIndex): they are searched exactly and count as indexed.
/// </summary>
internal sealed class IndexBuilder
{
    public const int MinRowsToIndex = 1024;

    private readonly EngineCore _core;
    private readonly IndexStore _store;
    private readonly ConditionalWeakTable<Segment, ConcurrentDictionary<long, ISegmentIndex>> _attached = new();
    private readonly ConcurrentDictionary<long, string> _failures = new();
    private readonly Queue<long> _queue = new();
    private readonly HashSet<long> _queued = new();
    private readonly CancellationTokenSource _stop = new();
    private bool _running;
    private bool _started;

    public IndexBuilder(EngineCore core)
    {
        _core = core;
        _store = new IndexStore(core.Store);
    }

    /// <summary>The last unexpected failure of the worker, for diagnostics.</summary>
    public string? LastError { get; private set; }

    /// <summary>Threads a build uses (every core; tests may lower it).</summary>
    public int BuildThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>The built index of <paramref name="indexId"/> over <paramref name="segment"/>, when it is ready.</summary>
    public ISegmentIndex? Find(Segment segment, long indexId)
        => _attached.TryGetValue(segment, out var map) && map.TryGetValue(indexId, out var index) ? index : null;

    /// <summary>Asks the worker to bring the collection's indexes up to date (returns at once).</summary>
    public void Refresh(long collectionId)
    {
        lock (_queue)
        {
            if (_stop.IsCancellationRequested || !_queued.Add(collectionId)) return;
            _queue.Enqueue(collectionId);
        }
        StartWorker();
    }

    /// <summary>
    /// Lets the worker run. Until then refreshes only queue up: the engine's other parts still read the file
    /// without the engine lock while it is being opened.
    /// </summary>
    public void Start()
    {
        lock (_queue) _started = true;
        StartWorker();
    }

    private void StartWorker()
    {
        lock (_queue)
        {
            if (!_started || _running || _queue.Count == 0) return;
            _running = true;
        }
        _ = Task.Run(Work);
    }

    /// <summary>Stops building (call under the engine lock before the store closes; a running build is cancelled).</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Progress of one index (call under the engine lock).</summary>
    public IndexProgress Progress(CollectionMeta c, IndexMeta index)
    {
        var segments = _core.Segments.ListSegments(c.Id);
        var total = segments.Sum(s => (long)s.RowCount);
        var field = c.Schema.StorageFields().First(f => f.FieldID == index.FieldId);
        if (!VectorIndexKinds.IsBuilt(index, field)) return new IndexProgress(total, total, 0, IndexState.Finished, "");
        var built = _store.BuiltSegments(index.Id);
        var pending = segments.Where(s => NeedsIndex(s.Sealed, s.RowCount) && !built.Contains(s.Id)).Sum(s => (long)s.RowCount);
        if (_failures.TryGetValue(index.Id, out var reason)) return new IndexProgress(total - pending, total, pending, IndexState.Failed, reason);
        return new IndexProgress(total - pending, total, pending, pending > 0 ? IndexState.InProgress : IndexState.Finished, "");
    }

    /// <summary>
    /// Attaches the stored graphs of the segment's built indexes, so a collection loaded in the background is ready with
    /// its indexes, not only its rows (call under the engine lock).
    /// </summary>
    public void AttachStored(CollectionMeta c, Segment segment)
    {
        foreach (var index in c.Indexes)
        {
            if (Find(segment, index.Id) is not null || segment.Column(index.FieldId) is not (DenseVectorColumn or SparseVectorColumn) || !NeedsIndex(segment.IsSealed, segment.RowCount)) continue;
            if (c.Schema.StorageFields().FirstOrDefault(f => f.FieldID == index.FieldId) is not { } field || !VectorIndexKinds.IsBuilt(index, field)) continue;
            if (_store.Read(segment.Id, index.Id) is { } blob) Attach(segment, index.Id, VectorIndexKinds.Load(index, blob, segment.Column(index.FieldId)!));
        }
    }

    /// <summary>
    /// Builds, off the engine lock, the indexes a merged sealed segment needs (none below <see cref="MinRowsToIndex"/>
    /// rows), so that it can be swapped in already indexed: searches never meet it unindexed and the index state stays
    /// Finished across the swap. Cancelled when the engine closes.
    /// </summary>
    public List<PrebuiltIndex> BuildFor(CollectionSchema schema, IReadOnlyList<IndexMeta> indexes, SegmentMerge.Content merged)
    {
        var result = new List<PrebuiltIndex>();
        if (!NeedsIndex(true, merged.RowCount)) return result;
        foreach (var index in indexes)
        {
            if (schema.StorageFields().FirstOrDefault(f => f.FieldID == index.FieldId) is not { } field || !VectorIndexKinds.IsBuilt(index, field)) continue;
            if (merged.Columns.GetValueOrDefault(index.FieldId) is not { } column || column is not (DenseVectorColumn or SparseVectorColumn)) continue;
            var built = VectorIndexKinds.Build(index, column, BuildThreads, _stop.Token);
            result.Add(new PrebuiltIndex(index.Id, built, built.Serialize()));
        }
        return result;
    }

    /// <summary>Stores prebuilt indexes with their segment's commit (call under the engine lock).</summary>
    public void Store(long segmentId, IEnumerable<PrebuiltIndex> indexes, SqliteTransaction tx)
    {
        foreach (var index in indexes) _store.Write(segmentId, index.IndexId, index.Blob, tx);
    }

    /// <summary>Attaches prebuilt indexes to their committed segment (call under the engine lock).</summary>
    public void Attach(Segment segment, IEnumerable<PrebuiltIndex> indexes)
    {
        foreach (var index in indexes) Attach(segment, index.IndexId, index.Index);
    }

    private static bool NeedsIndex(bool isSealed, int rows) => isSealed && rows >= MinRowsToIndex;

    private void Work()
    {
        while (true)
        {
            long collectionId;
            lock (_queue)
            {
                if (_queue.Count == 0 || _stop.IsCancellationRequested)
                {
                    _running = false;
                    return;
                }
                collectionId = _queue.Dequeue();
                _queued.Remove(collectionId);
            }
            try { Update(collectionId); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // The worker must survive (later builds depend on it); the next change of the collection retries.
                LastError = e.Message;
            }
        }
    }

    private sealed record Job(CollectionMeta Collection, IndexMeta Index, Segment Segment, Column Column);

    private void Update(long collectionId)
    {
        var jobs = new List<Job>();
        lock (_core.Gate)
        {
            if (_stop.IsCancellationRequested) return;
            var collections = Collections();
            _core.Write(tx => _store.DeleteOrphans(collections.SelectMany(c => c.Indexes).Select(i => i.Id).ToList(), tx));
            var c = collections.FirstOrDefault(x => x.Id == collectionId);
            if (c is null) return;
            var indexes = c.Indexes.Where(i => c.Schema.StorageFields().FirstOrDefault(f => f.FieldID == i.FieldId) is { } f && VectorIndexKinds.IsBuilt(i, f)).ToList();
            if (indexes.Count == 0) return;
            var loaded = _core.LoadedData(c.Id);
            foreach (var index in indexes)
            {
                var built = _store.BuiltSegments(index.Id);
                var segments = loaded is not null
                    ? loaded.Snapshot.Select(v => v.Segment).Where(s => NeedsIndex(s.IsSealed, s.RowCount)).ToList()
                    : _core.Segments.ReadSegments(c.Id, c.Schema, s => NeedsIndex(s.Sealed, s.RowCount) && !built.Contains(s.Id));
                foreach (var segment in segments)
                {
                    if (Find(segment, index.Id) is not null || segment.Column(index.FieldId) is not { } column || column is not (DenseVectorColumn or SparseVectorColumn)) continue;
                    if (built.Contains(segment.Id))
                    {
                        if (_store.Read(segment.Id, index.Id) is { } blob)
                            Attach(segment, index.Id, VectorIndexKinds.Load(index, blob, column));
                    }
                    else jobs.Add(new Job(c, index, segment, column));
                }
            }
        }
        foreach (var job in jobs) Build(job);
    }

    private void Build(Job job)
    {
        ISegmentIndex index;
        try
        {
            index = VectorIndexKinds.Build(job.Index, job.Column, BuildThreads, _stop.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _failures[job.Index.Id] = e.Message;
            return;
        }
        var blob = index.Serialize();
        lock (_core.Gate)
        {
            _stop.Token.ThrowIfCancellationRequested();
            // The index may have been dropped, or the segment merged away, while it was being built.
            if (Collections().FirstOrDefault(c => c.Id == job.Collection.Id)?.Indexes.Any(i => i.Id == job.Index.Id) != true) return;
            if (_core.Segments.ListSegments(job.Collection.Id).All(s => s.Id != job.Segment.Id)) return;
            _core.Write(tx => _store.Write(job.Segment.Id, job.Index.Id, blob, tx));
            Attach(job.Segment, job.Index.Id, index);
        }
    }

    private List<CollectionMeta> Collections() => _core.Databases.SelectMany(d => _core.CollectionsOf(d.Id)).ToList();

    private void Attach(Segment segment, long indexId, ISegmentIndex index) => _attached.GetOrCreateValue(segment)[indexId] = index;
}
