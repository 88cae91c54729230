using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Local.Engine;
using Milvus.Local.Storage;
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
    private readonly BackgroundWorker<long> _worker;

    public IndexBuilder(EngineCore core)
    {
        _core = core;
        _store = new IndexStore(core.Store);
        // A failure leaves the collection as it is; its next change retries.
        _worker = new(Update);
    }

    /// <summary>The last unexpected failure of the worker, for diagnostics.</summary>
    public string? LastError => _worker.LastError;

    /// <summary>Threads a build uses (every core; tests may lower it).</summary>
    public int BuildThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>The built index of <paramref name="indexId"/> over <paramref name="segment"/>, when it is ready.</summary>
    public ISegmentIndex? Find(Segment segment, long indexId)
        => _attached.TryGetValue(segment, out var map) && map.TryGetValue(indexId, out var index) ? index : null;

    /// <summary>Asks the worker to bring the collection's indexes up to date (returns at once).</summary>
    public void Refresh(long collectionId) => _worker.Enqueue(collectionId);

    /// <summary>
    /// Lets the worker run. Until then refreshes only queue up: the engine's other parts still read the file
    /// without the engine lock while it is being opened.
    /// </summary>
    public void Start() => _worker.Start();

    /// <summary>Holds refreshes in the queue while true (tests: shows what a load attaches without the worker).</summary>
    internal bool Paused
    {
        get => _worker.Paused;
        set => _worker.Paused = value;
    }

    /// <summary>Stops building (call under the engine lock before the store closes; a running build is cancelled).</summary>
    public void Stop() => _worker.Stop();

    /// <summary>
    /// Progress of one index (call under the engine lock). Like Milvus's data coordinator it counts sealed (flushed)
    /// segments only: growing rows are searched exactly and are neither indexed nor pending until a seal.
    /// </summary>
    public IndexProgress Progress(CollectionMeta c, IndexMeta index)
    {
        var segments = _core.Segments.ListSegments(c.Id).Where(s => s.Sealed).ToList();
        var total = segments.Sum(s => (long)s.RowCount);
        var field = c.Schema.StorageFields().First(f => f.FieldID == index.FieldId);
        if (!VectorIndexKinds.IsBuilt(index, field)) return new IndexProgress(total, total, 0, IndexState.Finished, "");
        var built = _store.BuiltSegments(index.Id);
        var pending = segments.Where(s => NeedsIndex(s.Sealed, s.RowCount) && !built.Contains(s.Id)).Sum(s => (long)s.RowCount);
        if (_failures.TryGetValue(index.Id, out var reason)) return new IndexProgress(total - pending, total, pending, IndexState.Failed, reason);
        return new IndexProgress(total - pending, total, pending, pending > 0 ? IndexState.InProgress : IndexState.Finished, "");
    }

    /// <summary>
    /// Loads the stored graphs of the segment's built indexes through <paramref name="connection"/> (a reader's, off the
    /// engine lock, or the engine's under it), so a collection loaded in the background is ready with its indexes, not
    /// only its rows; <see cref="Attach(Segment, IEnumerable{PrebuiltIndex})"/> attaches them.
    /// </summary>
    public List<PrebuiltIndex> LoadStored(CollectionMeta c, Segment segment, SqliteConnection connection)
    {
        var result = new List<PrebuiltIndex>();
        foreach (var index in c.Indexes)
        {
            if (Find(segment, index.Id) is not null || !IsIndexable(segment.Column(index.FieldId)) || !NeedsIndex(segment.IsSealed, segment.RowCount)) continue;
            if (c.Schema.StorageFields().FirstOrDefault(f => f.FieldID == index.FieldId) is not { } field || !VectorIndexKinds.IsBuilt(index, field)) continue;
            if (IndexStore.Read(segment.Id, index.Id, connection) is { } blob) result.Add(new PrebuiltIndex(index.Id, VectorIndexKinds.Load(index, blob, segment.Column(index.FieldId)!), []));
        }
        return result;
    }

    /// <summary>
    /// Attaches the stored graphs the segment does not have yet (call under the engine lock): a load attaches them before
    /// a search can see the segment, including a graph whose build finished while the load was reading the segment, so
    /// no search scans exactly a segment whose index DescribeIndex already reports Finished.
    /// </summary>
    public void AttachStored(CollectionMeta c, Segment segment) => Attach(segment, LoadStored(c, segment, _core.Store.Connection));

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
            if (merged.Columns.GetValueOrDefault(index.FieldId) is not { } column || !IsIndexable(column)) continue;
            var built = VectorIndexKinds.Build(index, column, BuildThreads, _worker.Stopping);
            result.Add(new PrebuiltIndex(index.Id, built, built.Serialize()));
        }
        return result;
    }

    /// <summary>
    /// Writes the large blobs among <paramref name="built"/> ahead of their segment's commit, in parts (one short
    /// transaction each, taking the engine lock per part); the indexes returned carry an empty blob for those.
    /// </summary>
    public List<PrebuiltIndex> Stage(long segmentId, IEnumerable<PrebuiltIndex> built)
        => built.Select(b => b with { Blob = StageBlob(segmentId, b.IndexId, b.Blob) }).ToList();

    /// <summary>Drops what <see cref="Stage"/> wrote for a segment that will not be committed (call inside a write).</summary>
    public void DropStaged(long segmentId, SqliteTransaction tx) => _store.DeleteParts(segmentId, null, tx);

    /// <summary>The blob to store in the index's row: the blob itself, or empty once written in parts.</summary>
    private byte[] StageBlob(long segmentId, long indexId, byte[] blob)
    {
        if (blob.Length <= StoredParts.PartBytes) return blob;
        SegmentMerge.WriteParts(_core, blob, (part, bytes, tx) => _store.WritePart(segmentId, indexId, part, bytes, tx), _worker.Stopping);
        return [];
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

    /// <summary>The column kinds an index structure is built over: dense and sparse vectors, embedding lists.</summary>
    private static bool IsIndexable(Column? column) => column is DenseVectorColumn or SparseVectorColumn or VectorArrayColumn;

    private sealed record Job(CollectionMeta Collection, IndexMeta Index, Segment Segment, Column Column);

    private void Update(long collectionId)
    {
        var jobs = new List<Job>();
        lock (_core.Gate)
        {
            if (_worker.Stopping.IsCancellationRequested) return;
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
                    if (Find(segment, index.Id) is not null || segment.Column(index.FieldId) is not { } column || !IsIndexable(column)) continue;
                    if (built.Contains(segment.Id)) AttachStored(segment, index, column);
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
            index = VectorIndexKinds.Build(job.Index, job.Column, BuildThreads, _worker.Stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _failures[job.Index.Id] = e.Message;
            return;
        }
        var blob = StageBlob(job.Segment.Id, job.Index.Id, index.Serialize());
        lock (_core.Gate)
        {
            _worker.Stopping.ThrowIfCancellationRequested();
            // The index may have been dropped, or the segment merged away, while it was being built.
            if (Collections().FirstOrDefault(c => c.Id == job.Collection.Id)?.Indexes.Any(i => i.Id == job.Index.Id) != true
                || _core.Segments.ListSegments(job.Collection.Id).All(s => s.Id != job.Segment.Id))
            {
                if (blob.Length == 0) _core.Write(tx => _store.DeleteParts(job.Segment.Id, job.Index.Id, tx));
                return;
            }
            _core.Write(tx => _store.Write(job.Segment.Id, job.Index.Id, blob, tx));
            Attach(job.Segment, job.Index.Id, index);
            AttachToLoadedCopy(job, blob.Length > 0 ? blob : null);
        }
    }

    /// <summary>
    /// A build that started before its collection was loaded ran over a segment read from the file; the load has since
    /// read its own copy of that segment, without the index (its blob did not exist yet). The copy gets the index now,
    /// over its own column, so a search after the index reports Finished walks it instead of scanning exactly.
    /// </summary>
    private void AttachToLoadedCopy(Job job, byte[]? blob)
    {
        if (_core.LoadedData(job.Collection.Id) is not { } loaded) return;
        foreach (var view in loaded.Snapshot)
        {
            var copy = view.Segment;
            if (copy.Id != job.Segment.Id || ReferenceEquals(copy, job.Segment) || Find(copy, job.Index.Id) is not null) continue;
            if (copy.Column(job.Index.FieldId) is { } column) AttachStored(copy, job.Index, column, blob);
        }
    }

    /// <summary>Attaches the stored index over the segment's column; <paramref name="blob"/>: its bytes when already in hand.</summary>
    private void AttachStored(Segment segment, IndexMeta index, Column column, byte[]? blob = null)
    {
        if ((blob ?? _store.Read(segment.Id, index.Id)) is { } bytes) Attach(segment, index.Id, VectorIndexKinds.Load(index, bytes, column));
    }

    private List<CollectionMeta> Collections() => _core.Databases.SelectMany(d => _core.CollectionsOf(d.Id)).ToList();

    private void Attach(Segment segment, long indexId, ISegmentIndex index) => _attached.GetOrCreateValue(segment)[indexId] = index;
}
