namespace Milvus.Local;

/// <summary>Settings of a local engine instance.</summary>
public sealed class LocalEngineOptions
{
    /// <summary>Authentication and RBAC (off by default, as in Milvus).</summary>
    public bool AuthorizationEnabled { get; init; }
}

/// <summary>
/// A Milvus-compatible engine over one SQLite file. <see cref="Service"/> is the MilvusService
/// implementation that both transports serve: the in-process CallInvoker (Milvus.Client, .db URIs)
/// and Kestrel (Milvus.Local.Server). One engine per file per process; a second process opening
/// the same file gets a "database is in use" error.
/// </summary>
public sealed class MilvusLocalEngine : IAsyncDisposable, IDisposable
{
    private MilvusLocalEngine(string path, LocalMilvusService service)
    {
        DatabasePath = path;
        Service = service;
    }

    public string DatabasePath { get; }

    /// <summary>The gRPC service implementation (milvus.proto.milvus.MilvusService).</summary>
    public LocalMilvusService Service { get; }

    /// <summary>Opens (creating if missing) the engine's database file.</summary>
    public static MilvusLocalEngine Open(string databasePath, LocalEngineOptions? options = null)
        => throw new NotImplementedException("the local engine lands with issue 4");

    public void Dispose() { }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
