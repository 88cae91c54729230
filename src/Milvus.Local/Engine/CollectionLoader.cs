using Milvus.Local.Catalog;
using Milvus.Local.Data;

namespace Milvus.Local.Engine;

/// <summary>
/// Loads collections in the background when a database opens, as Milvus's query coordinator does after a restart:
/// opening the file returns at once, every collection whose load state is Loaded reports Loading (with progress) until
/// its segments and their stored index graphs are in memory. A search or query that arrives meanwhile waits for the load
/// (Milvus answers a retriable 103 "collection not fully loaded" there, which would fail the first call of every script
/// that opens a database file in-process). Writes are not held up: the collection's in-memory data exists from the
/// start (delete records applied), writes made during the load go into it as usual, and the worker adds the segments
/// that existed when the load began one at a time under the engine lock, skipping those merged away meanwhile.
/// </summary>
internal sealed class CollectionLoader
{
    /// <summary>One collection's load: the data being filled, the segments still to read, the rows read so far.</summary>
    public sealed class Job(long collectionId, CollectionData data, IReadOnlyList<(long Id, int Rows)> segments)
    {
        public long CollectionId { get; } = collectionId;
        public CollectionData Data { get; } = data;
        public Queue<(long Id, int Rows)> Pending { get; } = new(segments);
        public long TotalRows { get; } = segments.Sum(s => (long)s.Rows);
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
        _worker = new(job => { while (Step(job)) { } }, Failed);
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

    /// <summary>Reads the next segment of the job under the engine lock; false when the job is done or cancelled.</summary>
    private bool Step(Job job)
    {
        lock (_core.Gate)
        {
            if (_worker.Stopping.IsCancellationRequested || job.Cancelled || _core.FindCollection(job.CollectionId) is not { } c) return false;
            if (!job.Pending.TryDequeue(out var next))
            {
                _core.FinishLoad(job);
                return false;
            }
            if (_core.Segments.ReadSegments(c.Id, c.Schema, s => s.Id == next.Id).SingleOrDefault() is { } segment)
            {
                job.Data.AddSegment(segment);
                _core.Indexes.AttachStored(c, segment);
            }
            job.LoadedRows += next.Rows;
            return true;
        }
    }
}
