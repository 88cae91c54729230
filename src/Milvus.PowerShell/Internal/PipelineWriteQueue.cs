using System.Collections.Concurrent;

namespace Milvus.PowerShell.Internal;

/// <summary>
/// Write* calls only work on the pipeline thread, but async client code continues on pool threads. Background code
/// enqueues its writes here; the cmdlet drains the queue on the pipeline thread while it waits for the call.
/// </summary>
internal sealed class PipelineWriteQueue : IDisposable
{
    private readonly ConcurrentQueue<Action> _writes = new();
    private readonly AutoResetEvent _signal = new(false);

    /// <summary>Signalled whenever a write is queued, so the waiting pipeline thread wakes at once.</summary>
    public WaitHandle Signal => _signal;

    public void Enqueue(Action write)
    {
        _writes.Enqueue(write);
        _signal.Set();
    }

    /// <summary>Runs every queued write; call only on the pipeline thread.</summary>
    public void Drain()
    {
        while (_writes.TryDequeue(out Action? write))
        {
            write();
        }
    }

    /// <summary>Waits until <paramref name="task"/> completes, running queued writes as they arrive.</summary>
    public void PumpUntilComplete(Task task)
    {
        WaitHandle completed = ((IAsyncResult)task).AsyncWaitHandle;
        WaitHandle[] handles = [completed, _signal];
        while (!task.IsCompleted)
        {
            WaitHandle.WaitAny(handles);
            Drain();
        }

        Drain();
    }

    public void Dispose() => _signal.Dispose();
}
