namespace Milvus.Client;

/// <summary>Constructor keyword options of the client (pymilvus <c>**kwargs</c> of MilvusClient).</summary>
public sealed class MilvusClientOptions
{
    /// <summary>TLS on/off (pymilvus <c>secure</c>); null means "on for https, else off".</summary>
    public bool? Secure { get; set; }
    /// <summary>One-way TLS: this PEM file is the trusted root (pymilvus <c>server_pem_path</c>).</summary>
    public string? ServerPemPath { get; set; }
    /// <summary>Mutual TLS client certificate (used only when ClientKeyPath and CaPemPath are set too).</summary>
    public string? ClientPemPath { get; set; }
    public string? ClientKeyPath { get; set; }
    public string? CaPemPath { get; set; }
    /// <summary>TLS server name override (pymilvus <c>server_name</c>).</summary>
    public string? ServerName { get; set; }
    /// <summary>Copied into <c>ClientInfo.reserved</c> of the Connect request (pymilvus <c>option</c>).</summary>
    public IDictionary<string, string>? ClientInfoReserved { get; set; }
    /// <summary>Retry calls that hit the server's rate limit (pymilvus <c>retry_on_rate_limit</c>, default true).</summary>
    public bool RetryOnRateLimit { get; set; } = true;
    /// <summary>Maximum retries of a call when no timeout is given (pymilvus <c>retry_times</c>, default 75).</summary>
    public int RetryTimes { get; set; } = 75;
    /// <summary>Initial back-off (pymilvus 10 ms).</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(10);
    /// <summary>Maximum back-off (pymilvus 3 s).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(3);
    /// <summary>Back-off multiplier (pymilvus 3).</summary>
    public double BackoffMultiplier { get; set; } = 3;
    /// <summary>Keepalive ping interval (pymilvus 10 s).</summary>
    public TimeSpan KeepAliveTime { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Keepalive ping timeout (pymilvus 5 s).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Local mode (.db URIs): turn on authentication and RBAC in the local engine.</summary>
    public bool LocalAuthorizationEnabled { get; set; }
    /// <summary>
    /// Budget of a call that gives no timeout of its own (retries and deadline, as a pymilvus <c>timeout</c>). Null
    /// keeps pymilvus's default: no deadline, up to <see cref="RetryTimes"/> retries (minutes against a dead server).
    /// </summary>
    public TimeSpan? CallTimeout { get; set; }
    /// <summary>Poll interval of wait loops (index build, load, flush); pymilvus uses 0.5 s / 0.2 s / 0.5 s.</summary>
    public TimeSpan? PollInterval { get; set; }
}

/// <summary>
/// Ambient per-call values pymilvus takes as keyword arguments on every call: the <c>client-request-id</c> and <c>log-level</c> headers.
/// <code>using (MilvusCallContext.WithClientRequestId("abc")) { await client.QueryAsync(...); }</code>
/// </summary>
public static class MilvusCallContext
{
    private static readonly AsyncLocal<string?> s_requestId = new();
    private static readonly AsyncLocal<string?> s_logLevel = new();

    /// <summary>The client request id sent with calls in this async flow ("" when none).</summary>
    public static string ClientRequestId => s_requestId.Value ?? "";

    /// <summary>Sets the request id until the returned scope is disposed.</summary>
    public static IDisposable WithClientRequestId(string requestId)
    {
        var previous = s_requestId.Value;
        s_requestId.Value = requestId;
        return new Scope(() => s_requestId.Value = previous);
    }

    /// <summary>The server log level for calls in this async flow (pymilvus kw <c>log_level</c>, header <c>log-level</c>), or null.</summary>
    public static string? LogLevel => s_logLevel.Value;

    /// <summary>Asks the server to log calls made inside the returned scope at this level (e.g. "debug").</summary>
    public static IDisposable WithLogLevel(string level)
    {
        var previous = s_logLevel.Value;
        s_logLevel.Value = level;
        return new Scope(() => s_logLevel.Value = previous);
    }

    private static readonly AsyncLocal<TimeSpan?> s_timeout = new();

    /// <summary>The budget of calls in this async flow that give no timeout of their own, or null.</summary>
    public static TimeSpan? Timeout => s_timeout.Value;

    /// <summary>Gives calls made inside the returned scope this budget (retries and deadline) unless they pass their own.</summary>
    public static IDisposable WithTimeout(TimeSpan? timeout)
    {
        var previous = s_timeout.Value;
        s_timeout.Value = timeout;
        return new Scope(() => s_timeout.Value = previous);
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        private Action? _restore = restore;
        public void Dispose() => Interlocked.Exchange(ref _restore, null)?.Invoke();
    }
}
