namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>
    /// Creates a client (pymilvus <c>AsyncMilvusClient(uri, user, password, db_name, token, timeout, **kwargs)</c>).
    /// Token wins over user/password, which win over URI userinfo; <paramref name="dbName"/> wins over the URI path.
    /// <paramref name="timeout"/> bounds the Connect handshake only (default 10 s).
    /// </summary>
    public AsyncMilvusClient(string uri = "http://localhost:19530", string user = "", string password = "", string dbName = "",
        string token = "", TimeSpan? timeout = null, MilvusClientOptions? options = null)
        => throw Pending();

    /// <summary>The URI with any credentials removed.</summary>
    public string Uri => throw Pending();

    /// <summary>host:port of the server, the unix target, or the full path of the local .db file.</summary>
    public string Address => throw Pending();

    /// <summary>The database this client's calls go to ("" = server default).</summary>
    public string DbName => throw Pending();

    /// <summary>True when this client talks to the in-process local engine (.db URI).</summary>
    public bool IsLocal => throw Pending();

    /// <summary>True once the Connect handshake has succeeded.</summary>
    public bool IsConnected => throw Pending();

    /// <summary>Runs the Connect handshake now (pymilvus <c>async with</c> / first call). Safe to call more than once.</summary>
    public Task ConnectAsync(CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>get_server_type</c>: "zilliz" when the host contains "zilliz", else "milvus".</summary>
    public string GetServerType() => throw Pending();

    /// <summary>pymilvus <c>close</c>: drops the connection (the local engine closes with its last client).</summary>
    public Task CloseAsync() => throw Pending();

    public ValueTask DisposeAsync() => throw Pending();

    public void Dispose() => throw Pending();

    /// <summary>Never shows credentials.</summary>
    public override string ToString() => throw Pending();
}
