using Microsoft.Data.Sqlite;
using Milvus.Local.Catalog;
using Milvus.Local.Data;
using Milvus.Local.Indexes;
using Milvus.Local.Storage;

namespace Milvus.Local.Engine;

/// <summary>
/// Loads collections in the background when a database opens, as Milvus's query coordinator does after a restart:
/// opening the file returns at once, every collection whose load state is Loaded reports Loading (with progress) until
/// its segments and their stored index graphs are in memory. A search or query that arrives meanwhile waits for the load
/// (Milvus answers a retriable 103 "collection not fully loaded" there, which would fail the first call of every script
/// that opens a database file in-process). Writes are not held up: the collection's in-memory data exists from the
/// start (delete records applied), writes made during the load go into it as usual. The segments that existed when the
/// load began are read off the engine lock, on every core at once, each through its own read-only connection (WAL
/// readers see committed segments, which never change), and their stored graphs loaded beside them; each is then added
/// under the lock unless it was merged away meanwhile.
/// </summary>
internal sealed class CollectionLoader
{
    /// <summary>One collection's load: the data being filled, the segments to read, the rows read so far.</summary>
    public sealed class Job(long collectionId, CollectionData data, IReadOnlyList<SegmentStore.SegmentRecord> segments)
    {
        public long CollectionId { get; } = collectionId;
        public CollectionData Data { get; } = data;
        public IReadOnlyList<SegmentStore.SegmentRecord> Segments { get; } = segments;
        public long TotalRows { get; } = segments.Sum(s => (long)s.RowCount);
        public long LoadedRows { get; set; }
        public bool Cancelled { get; set; }

        /// <summary>Percent loaded, as GetLoadingProgress reports it (0..99 while loading).</summary>
        public long Progress => TotalRows == 0 ? 0 : Math.Min(99, LoadedRows * 100 / TotalRows);
    }

    private readonly EngineCore _core;
    private readonly BackgroundWorker<Job> _worker;

    public CollectionLoader(EngineCore core)
    {
        _core = core;
        _worker = new(Load, Failed);
    }

    /// <summary>The last unexpected failure of the worker, for diagnostics.</summary>
    public string? LastError => _worker.LastError;

    /// <summary>Queues a load (call under the engine lock).</summary>
    public void Enqueue(Job job) => _worker.Enqueue(job);

    /// <summary>Lets the worker run (loads queued while the engine opens wait for it).</summary>
    public void Start() => _worker.Start();

    /// <summary>Stops loading (call under the engine lock before the store closes).</summary>
    public void Stop() => _worker.Stop();

    /// <summary>
    /// The collection drops out of memory (its load state stays Loaded): the next read loads it synchronously and
    /// reports the storage error itself; waiting readers wake up.
    /// </summary>
    private bool Failed(Job job, Exception e)
    {
        lock (_core.Gate)
            if (!job.Cancelled) _core.Release(job.CollectionId);
        return false;
    }

    private void Load(Job job)
    {
        CollectionMeta c;
        lock (_core.Gate)
        {
            if (Abandoned(job) is not { } found) return;
            c = found;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = _worker.Stopping };
        Parallel.ForEach(job.Segments, options, () => _core.Store.OpenReader(), (record, state, reader) =>
        {
            if (!Add(job, c, record, reader)) state.Stop();
            return reader;
        }, reader => reader.Dispose());
        lock (_core.Gate)
            if (Abandoned(job) is not null) _core.FinishLoad(job);
    }

    /// <summary>The job's collection, or null once the load is cancelled, the engine closing or the collection dropped (call under the lock).</summary>
    private CollectionMeta? Abandoned(Job job)
        => _worker.Stopping.IsCancellationRequested || job.Cancelled ? null : _core.FindCollection(job.CollectionId);

    /// <summary>
    /// Reads one segment and its stored graphs off the lock, then adds them under it; false when the load is abandoned.
    /// A segment merged away meanwhile is skipped; when the collection changed meanwhile (a field or an index added) or
    /// the read failed, the segment is read again under the lock, as a synchronous load reads it.
    /// </summary>
    private bool Add(Job job, CollectionMeta c, SegmentStore.SegmentRecord record, SqliteConnection reader)
    {
        if (Abandoned(job) is null) return false;
        (Segment Segment, List<PrebuiltIndex> Indexes)? read;
        try
        {
            var segment = _core.Segments.ReadSegment(record, c.Schema, reader, loadingFor: c);
            read = (segment, _core.Indexes.LoadStored(c, segment, reader));
        }
        catch (Exception e) when (e is SqliteException or IOException)
        {
            read = null;
        }
        lock (_core.Gate)
        {
            if (Abandoned(job) is not { } current) return false;
            if (_core.Segments.ListSegments(current.Id).Any(s => s.Id == record.Id))
            {
                // Read again under the lock, the segment alone: AttachStored below loads whatever graphs it lacks.
                if (current != c || read is null) read = (_core.Segments.ReadSegment(record, current.Schema, _core.Store.Connection, loadingFor: current), []);
                _core.Indexes.Attach(read.Value.Segment, read.Value.Indexes);
                _core.Indexes.AttachStored(current, read.Value.Segment);
                job.Data.AddSegment(read.Value.Segment);
            }
            job.LoadedRows += record.RowCount;
            return true;
        }
    }
}
