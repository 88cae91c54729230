namespace Milvus.Local.Engine;

/// <summary>
/// The engine's background worker (the segment sealer, the collection loader and the index builder each own one):
/// items are queued from any thread and processed one at a time on a pool thread that runs only while items wait. An
/// item already waiting is not queued twice. Until <see cref="Start"/> (the engine is still opening) or while
/// <see cref="Paused"/>, items only wait. A failing item does not stop the worker (later work depends on it): its error
/// goes to the owner's handler, else to <see cref="LastError"/>. After <see cref="Stop"/> (the engine closing) nothing
/// more runs and the error of the item it cancelled is ignored.
/// </summary>
internal sealed class BackgroundWorker<T>(Action<T> process, Func<T, Exception, bool>? handleError = null) where T : notnull
{
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _queued = new();
    private readonly CancellationTokenSource _stop = new();
    private bool _running;
    private bool _started;
    private bool _paused;

    /// <summary>The last failure no handler took, for diagnostics.</summary>
    public string? LastError { get; private set; }

    /// <summary>Cancelled by <see cref="Stop"/>: long work (builds, staged writes) ends early.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>Queues an item (returns at once; ignored once stopped or while the same item waits).</summary>
    public void Enqueue(T item)
    {
        lock (_queue)
        {
            if (_stop.IsCancellationRequested || !_queued.Add(item)) return;
            _queue.Enqueue(item);
        }
        StartWorker();
    }

    /// <summary>Lets the worker run (items queued while the engine opens wait for it).</summary>
    public void Start()
    {
        lock (_queue) _started = true;
        StartWorker();
    }

    /// <summary>Holds items in the queue while true (tests: shows that a caller does not wait for the work).</summary>
    public bool Paused
    {
        get { lock (_queue) return _paused; }
        set
        {
            lock (_queue) _paused = value;
            StartWorker();
        }
    }

    /// <summary>Stops the worker: the running item is cancelled through <see cref="Stopping"/>, queued ones never run.</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Waits until no item is queued or running (tests; not under the engine lock). False on timeout.</summary>
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
            T item;
            lock (_queue)
            {
                if (_queue.Count == 0 || _paused || _stop.IsCancellationRequested)
                {
                    _running = false;
                    return;
                }
                item = _queue.Dequeue();
                _queued.Remove(item);
            }
            try
            {
                process(item);
            }
            catch (Exception) when (_stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                if (handleError?.Invoke(item, e) != true) LastError = e.Message;
            }
        }
    }
}
