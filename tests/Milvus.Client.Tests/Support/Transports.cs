using Milvus.Local;
using Milvus.Local.Server;

namespace Milvus.Client.Tests.Support;

/// <summary>The two ways a client reaches the local engine.</summary>
public enum Transport
{
    /// <summary>A .db URI: the engine runs in-process behind a CallInvoker.</summary>
    InProcess,
    /// <summary>The engine served by Kestrel on 127.0.0.1 (h2c), reached by Grpc.Net.Client.</summary>
    Kestrel,
}

/// <summary>A fresh local engine and a client to it over the chosen transport.</summary>
internal sealed class LocalSetup : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private MilvusLocalEngine? _engine;
    private LocalServerHost? _host;

    public AsyncMilvusClient Client { get; private set; } = null!;
    public string DbPath => _folder.File("test.db");

    public static async Task<LocalSetup> StartAsync(Transport transport, MilvusClientOptions? options = null)
    {
        var setup = new LocalSetup();
        options ??= new MilvusClientOptions();
        options.PollInterval ??= TimeSpan.FromMilliseconds(10);
        if (transport == Transport.InProcess)
        {
            setup.Client = new AsyncMilvusClient(setup.DbPath, options: options);
        }
        else
        {
            setup._engine = MilvusLocalEngine.Open(setup.DbPath);
            setup._host = await LocalServerHost.StartAsync(setup._engine, new LocalServerOptions { Port = 0 });
            setup.Client = new AsyncMilvusClient(setup._host.Address, options: options);
        }
        return setup;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        if (_host is not null) await _host.DisposeAsync();
        if (_engine is not null) await _engine.DisposeAsync();
        _folder.Dispose();
    }
}
