using Google.Protobuf;
using Grpc.Core;
using Milvus.Client.Internal.Transport;
using Milvus.Protocol.Api;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    private readonly MilvusConnection _connection;
    private readonly bool _ownsConnection = true;
    private string _dbName;
    private int _disposed;

    /// <summary>
    /// Creates a client (pymilvus <c>AsyncMilvusClient(uri, user, password, db_name, token, timeout, **kwargs)</c>).
    /// Token wins over user/password, which win over URI userinfo; <paramref name="dbName"/> wins over the URI path.
    /// <paramref name="timeout"/> bounds the Connect handshake only (default 10 s).
    /// </summary>
    public AsyncMilvusClient(string uri = "http://localhost:19530", string user = "", string password = "", string dbName = "",
        string token = "", TimeSpan? timeout = null, MilvusClientOptions? options = null)
        : this(ConnectionConfig.Parse(uri, user, password, dbName, token, options), options ?? new MilvusClientOptions(), timeout, null)
    {
    }

    /// <summary>For tests: a client over a given CallInvoker (a fake server or a request recorder).</summary>
    internal AsyncMilvusClient(ConnectionConfig config, MilvusClientOptions options, TimeSpan? timeout, Func<CallInvoker>? invokerFactory)
    {
        _connection = new MilvusConnection(config, options, timeout, invokerFactory);
        _dbName = config.DbName;
    }

    /// <summary>A client over <paramref name="shared"/>'s connection that sends its calls to <paramref name="dbName"/>.</summary>
    private AsyncMilvusClient(AsyncMilvusClient shared, string dbName)
    {
        _connection = shared._connection;
        _ownsConnection = false;
        _dbName = dbName;
    }

    /// <summary>
    /// A client for another database over this client's connection: the same channel (or local engine), handshake and
    /// credentials, with calls sent to <paramref name="dbName"/> (the per-call <c>dbname</c> header). Use it to work in
    /// several databases at once without a channel per database. Disposing it leaves the connection open; disposing
    /// the client that opened it closes it for all.
    /// </summary>
    public AsyncMilvusClient ForDatabase(string dbName)
    {
        ArgumentNullException.ThrowIfNull(dbName);
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        return new AsyncMilvusClient(this, dbName);
    }

    /// <summary>The URI with any credentials removed.</summary>
    public string Uri => _connection.Config.RedactedUri;

    /// <summary>host:port of the server, the unix target, or the full path of the local .db file.</summary>
    public string Address => _connection.Config.Address;

    /// <summary>The server's host name ("" for a unix socket or a local file).</summary>
    public string Host => _connection.Config.Host;

    /// <summary>True when calls use TLS (https, or the Secure option).</summary>
    public bool IsSecure => _connection.Config.Secure;

    /// <summary>
    /// True when <paramref name="uri"/> names a local database file, which the client serves with the in-process engine
    /// (pymilvus's Milvus Lite rule: the URI ends in ".db").
    /// </summary>
    public static bool IsLocalUri(string uri) => ConnectionConfig.IsLocalUri(uri);

    /// <summary><paramref name="uri"/> with any credentials (userinfo) removed, for display.</summary>
    public static string RedactUri(string uri) => ConnectionConfig.Redact(uri ?? "");

    /// <summary>The database this client's calls go to ("" = server default).</summary>
    public string DbName => _dbName;

    /// <summary>True when this client talks to the in-process local engine (.db URI).</summary>
    public bool IsLocal => _connection.Config.IsLocal;

    /// <summary>True once the Connect handshake has succeeded.</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <summary>Runs the Connect handshake now (pymilvus <c>async with</c> / first call). Safe to call more than once.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
        => await _connection.EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>pymilvus <c>get_server_type</c>: "zilliz" when the host contains "zilliz", else "milvus".</summary>
    public string GetServerType() => _connection.Config.ServerType;

    /// <summary>pymilvus <c>close</c>: drops the connection (the local engine closes with its last client).</summary>
    public Task CloseAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (_ownsConnection) await _connection.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Never shows credentials.</summary>
    public override string ToString() => $"AsyncMilvusClient({Uri}, db='{_dbName}')";

    /// <summary>One unary RPC on this client's database, with retry and status check.</summary>
    private Task<TReply> CallAsync<TRequest, TReply>(string rpcName, TRequest request,
        Func<MilvusService.MilvusServiceClient, TRequest, CallOptions, AsyncUnaryCall<TReply>> call,
        TimeSpan? timeout, CancellationToken cancellationToken, bool checkStatus = true)
        where TReply : IMessage
    {
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        return _connection.CallAsync(rpcName, request, _dbName, call, timeout, cancellationToken, checkStatus);
    }
}
