using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Milvus.Local;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;

namespace Milvus.Client.Internal.Transport;

/// <summary>
/// One client's link to a server or the local engine: the CallInvoker, the Connect handshake (identifier),
/// the per-call metadata, and reconnection after UNAVAILABLE.
/// </summary>
internal sealed class MilvusConnection : IAsyncDisposable
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);
    private static readonly string s_sdkVersion = typeof(MilvusConnection).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly Func<CallInvoker>? _invokerFactory;
    private readonly string _authorization;
    private CallInvoker? _invoker;
    private GrpcChannel? _channel;
    private LocalEngineRegistry.Lease? _lease;
    private long? _identifier;
    private bool _everConnected;
    private bool _disposed;

    public MilvusConnection(ConnectionConfig config, MilvusClientOptions options, TimeSpan? connectTimeout, Func<CallInvoker>? invokerFactory = null)
    {
        Config = config;
        Options = options;
        ConnectTimeout = connectTimeout ?? DefaultConnectTimeout;
        _invokerFactory = invokerFactory;
        _authorization = config.Token.Length > 0 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(config.Token)) : "";
        Retry = new RetryPolicy(options);
    }

    public ConnectionConfig Config { get; }
    public MilvusClientOptions Options { get; }
    public TimeSpan ConnectTimeout { get; }
    public RetryPolicy Retry { get; }
    public ServerInfo? ServerInfo { get; private set; }
    public bool IsConnected => _identifier is not null;

    /// <summary>Token override after update_password(reset_connection=True).</summary>
    public string? AuthorizationOverride { get; set; }

    /// <summary>Connects (creating the channel and running the Connect handshake) once.</summary>
    public async Task<MilvusService.MilvusServiceClient> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_invoker is not null && _identifier is not null) return new MilvusService.MilvusServiceClient(_invoker);
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _invoker ??= await CreateInvokerAsync().ConfigureAwait(false);
            if (_identifier is null) await HandshakeAsync(cancellationToken).ConfigureAwait(false);
            return new MilvusService.MilvusServiceClient(_invoker);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    /// <summary>pymilvus reconnect after UNAVAILABLE: a new channel and a new Connect.</summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        if (Config.IsLocal || _invokerFactory is not null) return;
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var old = _channel;
            _channel = null;
            _invoker = null;
            _identifier = null;
            old?.Dispose();
        }
        finally
        {
            _connectGate.Release();
        }
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<CallInvoker> CreateInvokerAsync()
    {
        if (_invokerFactory is not null) return Task.FromResult(_invokerFactory());
        if (Config.IsLocal)
        {
            _lease = LocalEngineRegistry.Acquire(Config.Address, new LocalEngineOptions { AuthorizationEnabled = Options.LocalAuthorizationEnabled });
            return Task.FromResult(_lease.Invoker);
        }
        _channel = ChannelFactory.Create(Config, Options);
        return Task.FromResult(_channel.CreateCallInvoker());
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var request = new ConnectRequest { ClientInfo = BuildClientInfo() };
        var client = new MilvusService.MilvusServiceClient(_invoker!);
        var headers = new Metadata();
        AddAuthorization(headers);
        try
        {
            var reply = await client.ConnectAsync(request, new CallOptions(headers, DateTime.UtcNow + ConnectTimeout, cancellationToken)).ConfigureAwait(false);
            RpcStatus.ThrowIfFailed(reply, "Connect");
            ServerInfo = reply.ServerInfo;
            _identifier = reply.Identifier;
            _everConnected = true;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            // A reconnect during a retried call keeps the raw failure, so the retry policy goes on with its budget.
            if (_everConnected && RetryPolicy.IsRetryable(e.StatusCode)) throw;
            throw await ConnectFailureAsync(e).ConfigureAwait(false);
        }
    }

    private async Task<MilvusException> ConnectFailureAsync(RpcException e)
    {
        if (e.StatusCode == StatusCode.Unimplemented)
            return new MilvusException(MilvusErrorCode.UnexpectedError,
                "Incorrect port or sdk is incompatible with server, please check your port or downgrade your sdk or upgrade your server", 1, "Connect", e);
        if (SpeaksHttpNotGrpc(e.Status.Detail))
            return HttpPortError(e);
        if (e.Status.Detail.Contains("did not complete the HTTP/2 handshake", StringComparison.Ordinal) && !Config.Secure)
        {
            // The handler words a TLS port and an HTTP/1.1 port alike, depending on timing: ask the port.
            if (Config.Port > 0 && await PortProbe.ProbeAsync(Config.Host, Config.Port, HandshakeProbeTimeout).ConfigureAwait(false) == PortKind.Http1)
                return HttpPortError(e);
            return new ConnectError($"Fail connecting to server on {Config.Address}: the server did not complete the plaintext HTTP/2 handshake; " +
                "it may require TLS (use an https:// URI or the secure option)", MilvusErrorCode.ConnectFailed, 1, "Connect", e);
        }
        if (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            return RpcStatus.ToException(e, "Connect");
        return new ConnectError($"Fail connecting to server on {Config.Address}, illegal connection params or server unavailable",
            MilvusErrorCode.ConnectFailed, 1, "Connect", e);
    }

    private ConnectError HttpPortError(RpcException e)
        => new($"Fail connecting to server on {Config.Address}: the port answered HTTP, not gRPC; use Milvus's gRPC port (default 19530), not an HTTP port",
            MilvusErrorCode.ConnectFailed, 1, "Connect", e);

    private TimeSpan HandshakeProbeTimeout => ConnectTimeout < TimeSpan.FromSeconds(2) ? ConnectTimeout : TimeSpan.FromSeconds(2);

    /// <summary>Signs that the port is an HTTP/1.1 (REST, web) endpoint rather than gRPC.</summary>
    private static bool SpeaksHttpNotGrpc(string detail)
        => detail.Contains("HTTP/1.1", StringComparison.Ordinal)
           || detail.Contains("content-type", StringComparison.OrdinalIgnoreCase)
           || detail.Contains("HTTP/2 server sent invalid data", StringComparison.Ordinal)
           || detail.Contains("PROTOCOL_ERROR", StringComparison.Ordinal);

    private ClientInfo BuildClientInfo()
    {
        var info = new ClientInfo
        {
            SdkType = "CSharp",
            SdkVersion = s_sdkVersion,
            LocalTime = DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            User = Config.User,
            Host = SafeHostName(),
        };
        if (Options.ClientInfoReserved is { } reserved)
            foreach (var (k, v) in reserved) info.Reserved[k] = v;
        return info;
    }

    private static string SafeHostName()
    {
        try { return System.Net.Dns.GetHostName(); }
        catch (System.Net.Sockets.SocketException) { return "localhost"; }
    }

    private void AddAuthorization(Metadata headers)
    {
        var auth = AuthorizationOverride is { Length: > 0 } t ? Convert.ToBase64String(Encoding.UTF8.GetBytes(t)) : _authorization;
        if (auth.Length > 0) headers.Add("authorization", auth);
    }

    /// <summary>Per-call metadata of an API call (pymilvus 2.6 §1.3).</summary>
    public Metadata BuildHeaders(string dbName)
    {
        var headers = new Metadata();
        AddAuthorization(headers);
        if (_identifier is { } id) headers.Add("identifier", id.ToString(CultureInfo.InvariantCulture));
        headers.Add("dbname", dbName);
        headers.Add("client-request-id", MilvusCallContext.ClientRequestId);
        headers.Add("client-request-unixmsec", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        if (MilvusCallContext.LogLevel is { Length: > 0 } level) headers.Add("log-level", level);
        return headers;
    }

    /// <summary>One unary RPC with connect, metadata, status check and the retry policy.</summary>
    public Task<TReply> CallAsync<TRequest, TReply>(string rpcName, TRequest request, string dbName,
        Func<MilvusService.MilvusServiceClient, TRequest, CallOptions, AsyncUnaryCall<TReply>> call,
        TimeSpan? timeout, CancellationToken cancellationToken, bool checkStatus = true)
        where TReply : IMessage
        => Retry.RunAsync(rpcName, timeout ?? MilvusCallContext.Timeout ?? Options.CallTimeout, async remaining =>
        {
            var client = await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
            DateTime? deadline = remaining is { } r ? DateTime.UtcNow + r : null;
            var reply = await call(client, request, new CallOptions(BuildHeaders(dbName), deadline, cancellationToken)).ConfigureAwait(false);
            if (checkStatus) RpcStatus.ThrowIfFailed(reply, rpcName);
            return reply;
        }, ReconnectAsync, cancellationToken);

    /// <summary>A server-streaming RPC (never retried, as pymilvus's dump_messages).</summary>
    public async Task<AsyncServerStreamingCall<TReply>> StreamAsync<TRequest, TReply>(TRequest request, string dbName,
        Func<MilvusService.MilvusServiceClient, TRequest, CallOptions, AsyncServerStreamingCall<TReply>> call, CancellationToken cancellationToken)
    {
        var client = await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        return call(client, request, new CallOptions(BuildHeaders(dbName), null, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _channel?.Dispose();
        if (_lease is not null) await _lease.DisposeAsync().ConfigureAwait(false);
        _invoker = null;
        _identifier = null;
    }
}
