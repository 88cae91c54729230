using Grpc.Core;
using Milvus.Local.Engine;
using Milvus.Local.Storage;
using Milvus.Local.Transport;
using Milvus.Protocol.Api;

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
/// the same file gets a "database is in use" error (<see cref="DatabaseInUseException"/>).
/// </summary>
public sealed class MilvusLocalEngine : IAsyncDisposable, IDisposable
{
    private readonly EngineCore _core;
    private ServiceMethodTable? _methods;
    private int _disposed;

    private MilvusLocalEngine(string path, EngineCore core)
    {
        DatabasePath = path;
        _core = core;
        Service = new LocalMilvusService(core);
        Telemetry = new LocalClientTelemetryService();
    }

    public string DatabasePath { get; }

    /// <summary>The gRPC service implementation (milvus.proto.milvus.MilvusService).</summary>
    public LocalMilvusService Service { get; }

    /// <summary>The Milvus 3.0 ClientTelemetryService (client heartbeats and commands), served beside <see cref="Service"/>.</summary>
    public LocalClientTelemetryService Telemetry { get; }

    /// <summary>Opens (creating if missing) the engine's database file.</summary>
    public static MilvusLocalEngine Open(string databasePath, LocalEngineOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        if (options?.AuthorizationEnabled == true)
            throw new NotSupportedException("authorization is not available in the Milvus local engine yet");
        var full = Path.GetFullPath(databasePath);
        return new MilvusLocalEngine(full, EngineCore.Open(full));
    }

    /// <summary>A CallInvoker that serves calls in this process (no network), e.g. for MilvusService.MilvusServiceClient.</summary>
    public CallInvoker CreateCallInvoker()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_methods is null)
        {
            var table = new ServiceMethodTable();
            MilvusService.BindService(table, Service);
            ClientTelemetryService.BindService(table, Telemetry);
            _methods = table;
        }
        return new InProcessCallInvoker(_methods);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        lock (_core.Gate) _core.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
