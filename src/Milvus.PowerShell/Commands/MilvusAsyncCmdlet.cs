using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Errors;
using Milvus.PowerShell.Internal;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Runs asynchronous client calls synchronously on the pipeline thread: a CancellationTokenSource cancelled by
/// StopProcessing (Ctrl+C) and Dispose, an optional -TimeoutSec deadline, a write queue drained while waiting (so
/// background code can report progress and verbose text), and error mapping to ErrorRecords.
/// Connect-Milvus derives from this; every other cmdlet derives from <see cref="MilvusCmdlet"/>.
/// </summary>
public abstract class MilvusAsyncCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly PipelineWriteQueue _writes = new();
    private bool _disposed;

    /// <summary>How long after -TimeoutSec the pump cancels a call the client has not ended itself.</summary>
    private static readonly TimeSpan DeadlineGrace = TimeSpan.FromSeconds(2);

    /// <summary>Seconds each call may take before it is cancelled with a MilvusTimeout error; 0 means no limit.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int TimeoutSec { get; set; }

    /// <summary>The noun used in generic ErrorIds (Milvus&lt;Thing&gt;&lt;Reason&gt;), e.g. "Collection".</summary>
    protected abstract string ErrorThing { get; }

    /// <summary>Cancelled when the pipeline stops (Ctrl+C, Select-Object -First) or the cmdlet is disposed.</summary>
    protected CancellationToken StoppingToken => _stopping.Token;

    /// <summary>Runs <paramref name="call"/> to completion on the pipeline thread and returns its result.</summary>
    /// <exception cref="PipelineStoppedException">The pipeline was stopped while the call ran.</exception>
    protected T Invoke<T>(Func<CancellationToken, Task<T>> call) => Finish(Start(call, background: false));

    /// <summary>
    /// Starts <paramref name="call"/> under the cmdlet's cancellation and -TimeoutSec deadline. In the
    /// <paramref name="background"/> it runs on the thread pool, so the pipeline thread can go on (the next batch's
    /// rows arrive while this one is sent); <see cref="Finish{T}"/> then waits for it.
    /// </summary>
    private StartedCall<T> Start<T>(Func<CancellationToken, Task<T>> call, bool background)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        if (TimeoutSec > 0)
        {
            // A little later than the client's own budget, whose error says more (server unreachable or slow).
            deadline.CancelAfter(TimeSpan.FromSeconds(TimeoutSec) + DeadlineGrace);
        }

        Task<T> task;
        try
        {
            // The client's retry budget is -TimeoutSec too, so retries of an unreachable server stop in time.
            using IDisposable? budget = TimeoutSec > 0 ? MilvusCallContext.WithTimeout(TimeSpan.FromSeconds(TimeoutSec)) : null;
            CancellationToken token = deadline.Token;
            task = background ? Task.Run(() => call(token), token) : call(token);
        }
        catch (Exception ex)
        {
            task = Task.FromException<T>(ex);   // a call that fails before its first await is reported the same way
        }

        return new StartedCall<T>(task, deadline);
    }

    /// <summary>Waits on the pipeline thread for a started call and returns its result (errors as <see cref="Invoke{T}"/>).</summary>
    private T Finish<T>(StartedCall<T> started)
    {
        try
        {
            return Pump(started.Task, started.Deadline);
        }
        finally
        {
            started.Deadline.Dispose();
        }
    }

    /// <summary>
    /// Starts a call for one pipeline item in the background and returns what finishes it: wait, then
    /// <paramref name="onSuccess"/> and true, or the error written as by <see cref="TryInvoke{T}(object?, Func{CancellationToken, Task{T}}, out T)"/> and false.
    /// </summary>
    private protected Func<bool> BeginTryInvoke<T>(object? target, Func<CancellationToken, Task<T>> call, Action<T> onSuccess)
    {
        StartedCall<T> started = Start(call, background: true);
        return () =>
        {
            if (!TryFinish(started, target, out T result))
            {
                return false;
            }

            onSuccess(result);
            return true;
        };
    }

    /// <summary>Runs <paramref name="call"/> to completion on the pipeline thread.</summary>
    protected void Invoke(Func<CancellationToken, Task> call)
    {
        Invoke<bool>(async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>
    /// Streams an async sequence on the pipeline thread: each MoveNext is pumped like <see cref="Invoke{T}"/>, so
    /// Ctrl+C and a downstream Select-Object -First stop it and dispose the source. -TimeoutSec limits each step
    /// (each page of an iterator), not the whole stream.
    /// </summary>
    protected IEnumerable<T> InvokeStream<T>(Func<CancellationToken, IAsyncEnumerable<T>> source)
    {
        using CancellationTokenSource stream = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        IAsyncEnumerator<T> enumerator = source(stream.Token).GetAsyncEnumerator(stream.Token);
        try
        {
            while (MoveNext(enumerator, stream))
            {
                yield return enumerator.Current;
            }
        }
        finally
        {
            Task disposal = enumerator.DisposeAsync().AsTask();
            try
            {
                disposal.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The source failed or was cancelled while closing; the caller already has the interesting error.
            }
        }
    }

    private bool MoveNext<T>(IAsyncEnumerator<T> enumerator, CancellationTokenSource stream)
    {
        if (TimeoutSec > 0)
        {
            stream.CancelAfter(TimeSpan.FromSeconds(TimeoutSec));   // restarts the clock for this step
        }

        Task<bool> step;
        try
        {
            step = enumerator.MoveNextAsync().AsTask();
        }
        catch (Exception ex)
        {
            step = Task.FromException<bool>(ex);
        }

        return Pump(step, stream);
    }

    /// <summary>
    /// Waits for <paramref name="task"/> while running queued writes. A stop becomes PipelineStoppedException; a
    /// cancellation by the -TimeoutSec <paramref name="deadline"/> becomes a MilvusCallTimeoutException.
    /// </summary>
    private T Pump<T>(Task<T> task, CancellationTokenSource deadline)
    {
        try
        {
            _writes.PumpUntilComplete(task);
            return task.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not PipelineStoppedException && _stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception ex) when (deadline.IsCancellationRequested && (ex is TimeoutException || FailureReader.IsCancellation(ex)))
        {
            throw new MilvusCallTimeoutException(TimeoutSec, ex);
        }
    }

    /// <summary>
    /// Runs a call for one pipeline item. A failure becomes a non-terminating error (the pipeline goes on with the
    /// next item); connection and authentication failures stop the cmdlet, because every next item would fail too.
    /// </summary>
    protected bool TryInvoke<T>(object? target, Func<CancellationToken, Task<T>> call, out T result) =>
        TryFinish(Start(call, background: false), target, out result);

    private bool TryFinish<T>(StartedCall<T> started, object? target, out T result)
    {
        try
        {
            result = Finish(started);
            return true;
        }
        catch (Exception ex) when (IsMilvusFailure(ex))
        {
            WriteFailure(ex, target);
            result = default!;
            return false;
        }
    }

    /// <inheritdoc cref="TryInvoke{T}(object?, Func{CancellationToken, Task{T}}, out T)"/>
    protected bool TryInvoke(object? target, Func<CancellationToken, Task> call)
    {
        try
        {
            Invoke(call);
            return true;
        }
        catch (Exception ex) when (IsMilvusFailure(ex))
        {
            WriteFailure(ex, target);
            return false;
        }
    }

    /// <summary>Writes the mapped ErrorRecord for a failed call; terminating when the failure affects every call.</summary>
    protected void WriteFailure(Exception exception, object? target)
    {
        ErrorRecord record = ToErrorRecord(exception, target);
        if (AffectsEveryCall(exception, record))
        {
            ThrowTerminatingError(record);
        }

        WriteError(record);
    }

    /// <summary>
    /// A lost connection, or credentials the server rejects at the gRPC level, break every later call too. A "not
    /// authenticated" status inside a reply (a wrong old password for one user, say) is about that call only.
    /// </summary>
    private static bool AffectsEveryCall(Exception exception, ErrorRecord record) =>
        record.CategoryInfo.Category == ErrorCategory.ConnectionError
        || (record.CategoryInfo.Category == ErrorCategory.AuthenticationError && exception is MilvusRpcException);

    /// <summary>The ErrorRecord for a failed call (see <see cref="MilvusErrorMapper"/>).</summary>
    protected ErrorRecord ToErrorRecord(Exception exception, object? target) =>
        MilvusErrorMapper.ToErrorRecord(FailureReader.Read(exception), exception, ErrorThing, target);

    /// <summary>Stops the cmdlet with an error of our own (bad parameter combination, not connected...).</summary>
    protected void ThrowError(string errorId, ErrorCategory category, object? target, string message, string? recommendedAction = null)
    {
        var record = new ErrorRecord(new MilvusCmdletException(message), errorId, category, target);
        if (recommendedAction is not null)
        {
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
        }

        ThrowTerminatingError(record);
    }

    /// <summary>Writes a non-terminating error of our own for one item.</summary>
    protected void WriteItemError(string errorId, ErrorCategory category, object? target, string message)
    {
        WriteError(new ErrorRecord(new MilvusCmdletException(message), errorId, category, target));
    }

    /// <summary>Queues a verbose line from any thread; it is written on the pipeline thread.</summary>
    protected void QueueVerbose(string text) => _writes.Enqueue(() => WriteVerbose(text));

    /// <summary>Queues a warning from any thread; it is written on the pipeline thread.</summary>
    protected void QueueWarning(string text) => _writes.Enqueue(() => WriteWarning(text));

    /// <summary>Starts a throttled progress bar that any thread may update (honours $ProgressPreference).</summary>
    private protected ThrottledProgress StartProgress(string activity, string status, int parentActivityId = -1)
    {
        bool enabled = GetVariableValue("ProgressPreference") is not ActionPreference.SilentlyContinue and not ActionPreference.Ignore;
        return new ThrottledProgress(record => _writes.Enqueue(() => WriteProgress(record)), activity, status, enabled, parentActivityId);
    }

    protected override void EndProcessing()
    {
        _writes.Drain();
        base.EndProcessing();
    }

    protected override void StopProcessing()
    {
        CancelQuietly();
        base.StopProcessing();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CancelQuietly();
        _stopping.Dispose();
        _writes.Dispose();
        GC.SuppressFinalize(this);
    }

    private void CancelQuietly()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing is running any more.
        }
    }

    /// <summary>Failures of the call itself; PowerShell's own flow-control exceptions (stop, -ErrorAction Stop) pass through.</summary>
    private static bool IsMilvusFailure(Exception ex) => ex is not RuntimeException and not OutOfMemoryException;
}

/// <summary>A call started by the cmdlet base: its task and the deadline to dispose once it is finished.</summary>
internal sealed record StartedCall<T>(Task<T> Task, CancellationTokenSource Deadline);
