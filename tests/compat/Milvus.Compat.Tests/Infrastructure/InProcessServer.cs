using Milvus.Local;
using Milvus.Local.Server;
using Milvus.Local.Tests.Server;

namespace Milvus.Compat.Tests.Infrastructure;

/// <summary>A local engine on a fresh database file, served by <see cref="LocalServerHost"/> on a free loopback port.</summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly MilvusLocalEngine _engine;
    private readonly LocalServerHost _host;

    private InProcessServer(TempDirectory directory, MilvusLocalEngine engine, LocalServerHost host)
    {
        _directory = directory;
        _engine = engine;
        _host = host;
    }

    public string Address => _host.Address;

    public static Task<InProcessServer> StartAsync() => StartAsync(null, null);

    /// <summary>A server with engine options (authorization) and TLS settings (null: plaintext).</summary>
    public static async Task<InProcessServer> StartAsync(LocalEngineOptions? engineOptions, ServerTls? tls)
    {
        var directory = new TempDirectory();
        MilvusLocalEngine? engine = null;
        try
        {
            engine = MilvusLocalEngine.Open(directory.File("compat.db"), engineOptions);
            var host = await LocalServerHost.StartAsync(engine, new LocalServerOptions { Port = 0, Tls = tls });
            return new InProcessServer(directory, engine, host);
        }
        catch
        {
            if (engine is not null) await engine.DisposeAsync();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Runs `node scripts/NAME address extra...` with <paramref name="sdk"/> against this server.</summary>
    public Task<ProcessResult> RunScriptAsync(NodeSdkInstall sdk, string script, TimeSpan timeLimit, params string[] extraArguments) =>
        NodeSdk.RunNodeAsync(sdk, [Path.Combine(NodeSdk.ScriptsDirectory, script), Address, .. extraArguments], timeLimit);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _engine.DisposeAsync();
        _directory.Dispose();
    }
}
