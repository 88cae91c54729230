using System.Diagnostics;
using Grpc.Core;

namespace Milvus.Client.Internal.Transport;

/// <summary>
/// pymilvus <c>retry_on_rpc_failure</c>: back-off 10 ms ×3 up to 3 s; a budget by timeout (elapsed ≥ timeout) or by count
/// (attempt counter > retry_times); gRPC codes DEADLINE_EXCEEDED, PERMISSION_DENIED, UNAUTHENTICATED, INVALID_ARGUMENT,
/// ALREADY_EXISTS, RESOURCE_EXHAUSTED and UNIMPLEMENTED are not retried; rate-limit errors (code 8 / error_code 49) are.
/// </summary>
internal sealed class RetryPolicy
{
    private static readonly HashSet<StatusCode> s_notRetried = new()
    {
        StatusCode.DeadlineExceeded, StatusCode.PermissionDenied, StatusCode.Unauthenticated, StatusCode.InvalidArgument,
        StatusCode.AlreadyExists, StatusCode.ResourceExhausted, StatusCode.Unimplemented,
    };

    public RetryPolicy(MilvusClientOptions options)
    {
        RetryTimes = options.RetryTimes;
        InitialBackoff = options.InitialBackoff;
        MaxBackoff = options.MaxBackoff;
        Multiplier = options.BackoffMultiplier;
        RetryOnRateLimit = options.RetryOnRateLimit;
    }

    public int RetryTimes { get; }
    public TimeSpan InitialBackoff { get; }
    public TimeSpan MaxBackoff { get; }
    public double Multiplier { get; }
    public bool RetryOnRateLimit { get; }

    public static bool IsRetryable(StatusCode code) => !s_notRetried.Contains(code);

    public static bool IsRateLimited(MilvusException e)
        => e.Code == MilvusErrorCode.RateLimit || e.CompatibleCode == MilvusErrorCode.LegacyRateLimit;

    /// <summary>
    /// Runs <paramref name="attempt"/> (given the remaining time, if any) until it succeeds or the budget is spent.
    /// <paramref name="onUnavailable"/> runs before retrying after UNAVAILABLE (reconnect).
    /// </summary>
    public async Task<T> RunAsync<T>(string name, TimeSpan? timeout, Func<TimeSpan?, Task<T>> attempt,
        Func<CancellationToken, Task>? onUnavailable, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var backoff = InitialBackoff;
        var counter = 1;
        RpcException? lastUnavailable = null;
        // A time budget is spent when the next attempt could only start after it ends (so callers hear back in time).
        bool Exhausted() => timeout is { } t ? clock.Elapsed + backoff >= t : counter > RetryTimes;
        string Budget() => timeout is { } t
            ? $"[{name}] Retry timeout: {t.TotalSeconds:0.###}s"
            : $"[{name}] Retry run out of {RetryTimes} retry times";

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var remaining = timeout is { } t ? t - clock.Elapsed : (TimeSpan?)null;
                if (remaining is { } r && r <= TimeSpan.Zero) remaining = TimeSpan.FromMilliseconds(1);
                return await attempt(remaining).ConfigureAwait(false);
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Our own per-attempt deadline (the remaining budget) expiring means the budget is spent.
                var budgetDeadline = e.StatusCode == StatusCode.DeadlineExceeded && timeout is not null && Exhausted();
                if (!IsRetryable(e.StatusCode) && !budgetDeadline) throw RpcStatus.ToException(e, name);
                if (Exhausted())
                {
                    // The budget's own deadline cutting an attempt to a server that was unreachable until then says
                    // no more than "still unreachable": report that, whichever way the timing fell.
                    if (budgetDeadline && lastUnavailable is not null) e = lastUnavailable;
                    var message = $"{Budget()}, StatusCode.{ToUpperSnake(e.StatusCode)}, {e.Status.Detail}";
                    // Same code and text as pymilvus; the type tells callers the server could not be reached.
                    if (e.StatusCode == StatusCode.Unavailable) throw new MilvusUnavailableException(message, (int)e.StatusCode, 1, name, e);
                    if (timeout is not null) throw new MilvusTimeoutException(message, (int)e.StatusCode, 1, name, e);
                    throw new MilvusException((int)e.StatusCode, message, 1, name, e);
                }
                if (e.StatusCode == StatusCode.Unavailable) lastUnavailable = e;
                if (e.StatusCode == StatusCode.Unavailable && onUnavailable is not null)
                    await TryReconnect(onUnavailable, cancellationToken).ConfigureAwait(false);
            }
            catch (MilvusException e) when (e is not MilvusRpcException)
            {
                if (Exhausted())
                    throw new MilvusException(e.Code, $"{Budget()}, message={e.Message}", e.CompatibleCode, name, e);
                if (!(RetryOnRateLimit && IsRateLimited(e))) throw;
            }
            finally
            {
                counter++;
            }
            await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min((long)(backoff.Ticks * Multiplier), MaxBackoff.Ticks));
        }
    }

    private static async Task TryReconnect(Func<CancellationToken, Task> reconnect, CancellationToken cancellationToken)
    {
        try { await reconnect(cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (e is RpcException or MilvusException) { /* the next attempt reports the failure */ }
    }

    /// <summary>grpc-python spelling of a status code (UNAVAILABLE, DEADLINE_EXCEEDED...).</summary>
    public static string ToUpperSnake(StatusCode code)
        => string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
