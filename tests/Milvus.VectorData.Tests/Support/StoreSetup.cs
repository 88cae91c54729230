using Milvus.Client;
using Milvus.Local;
using Milvus.Local.Server;

namespace Milvus.VectorData.Tests.Support;

/// <summary>How the provider reaches the local engine.</summary>
public enum Transport
{
    /// <summary>A .db path: the client runs the engine in-process.</summary>
    InProcess,
    /// <summary>Milvus.Local.Server (Kestrel, 127.0.0.1, port 0) reached over gRPC.</summary>
    Kestrel,
}

/// <summary>A fresh local engine in a temporary folder, a client over the chosen transport, and a vector store on it.</summary>
internal sealed class StoreSetup : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "milvus-vectordata-tests-" + Guid.NewGuid().ToString("N"));
    private MilvusLocalEngine? _engine;
    private LocalServerHost? _host;

    public AsyncMilvusClient Client { get; private set; } = null!;
    public MilvusVectorStore Store { get; private set; } = null!;

    public static async Task<StoreSetup> StartAsync(Transport transport, MilvusVectorStoreOptions? options = null)
    {
        var setup = new StoreSetup();
        Directory.CreateDirectory(setup._folder);
        var dbPath = Path.Combine(setup._folder, "vectors.db");
        if (transport == Transport.InProcess)
        {
            setup.Client = new AsyncMilvusClient(dbPath);
        }
        else
        {
            setup._engine = MilvusLocalEngine.Open(dbPath);
            setup._host = await LocalServerHost.StartAsync(setup._engine, new LocalServerOptions { Port = 0 });
            setup.Client = new AsyncMilvusClient(setup._host.Address);
        }
        setup.Store = new MilvusVectorStore(setup.Client, options);
        return setup;
    }

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await Client.DisposeAsync();
        if (_host is not null) await _host.DisposeAsync();
        if (_engine is not null) await _engine.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
