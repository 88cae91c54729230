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
internal sealed class CollectionLoader(EngineCore core)
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

    private readonly Queue<Job> _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private bool _running;
    private bool _started;

    /// <summary>The last unexpected failure of the worker, for diagnostics.</summary>
    public string? LastError { get; private set; }

    /// <summary>Queues a load (call under the engine lock).</summary>
    public void Enqueue(Job job)
    {
        lock (_queue) _queue.Enqueue(job);
        StartWorker();
    }

    /// <summary>Lets the worker run (loads queued while the engine opens wait for it).</summary>
    public void Start()
    {
        lock (_queue) _started = true;
        StartWorker();
    }

    /// <summary>Stops loading (call under the engine lock before the store closes).</summary>
    public void Stop() => _stop.Cancel();

    private void StartWorker()
    {
        lock (_queue)
        {
            if (!_started || _running || _queue.Count == 0 || _stop.IsCancellationRequested) return;
            _running = true;
        }
        _ = Task.Run(Work);
    }

    private void Work()
    {
        while (true)
        {
            Job job;
            lock (_queue)
            {
                if (_queue.Count == 0 || _stop.IsCancellationRequested)
                {
                    _running = false;
                    return;
                }
                job = _queue.Dequeue();
            }
            try
            {
                while (Step(job)) { }
            }
            catch (Exception e)
            {
                // The collection drops out of memory (its load state stays Loaded): the next read loads it synchronously
                // and reports the storage error itself; waiting readers wake up.
                LastError = e.Message;
                lock (core.Gate)
                    if (!job.Cancelled) core.Release(job.CollectionId);
            }
        }
    }

    /// <summary>Reads the next segment of the job under the engine lock; false when the job is done or cancelled.</summary>
    private bool Step(Job job)
    {
        lock (core.Gate)
        {
            if (_stop.IsCancellationRequested || job.Cancelled || core.FindCollection(job.CollectionId) is not { } c) return false;
            if (!job.Pending.TryDequeue(out var next))
            {
                core.FinishLoad(job);
                return false;
            }
            if (core.Segments.ReadSegments(c.Id, c.Schema, s => s.Id == next.Id).SingleOrDefault() is { } segment)
            {
                job.Data.AddSegment(segment);
                core.Indexes.AttachStored(c, segment);
            }
            job.LoadedRows += next.Rows;
            return true;
        }
    }
}
