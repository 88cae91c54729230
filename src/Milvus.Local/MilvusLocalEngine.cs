using Grpc.Core;
using Milvus.Local.Engine;
using Milvus.Local.Rpc;
using Milvus.Local.Security;
using Milvus.Local.Storage;
using Milvus.Local.Transport;
using Milvus.Protocol.Api;

namespace Milvus.Local;

/// <summary>Settings of a local engine instance.</summary>
public sealed class LocalEngineOptions
{
    /// <summary>
    /// Turn on authentication and RBAC (off by default, as in Milvus). Turning it on is recorded in the database file:
    /// the file stays secured for every later open, whatever the options then say.
    /// </summary>
    public bool AuthorizationEnabled { get; init; }

    /// <summary>Tests: collections loaded in the background stay Loading until <c>Core.Loader.Start()</c> is called.</summary>
    internal bool HoldBackgroundLoads { get; init; }
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

    private readonly EngineSecurity _security;

    private MilvusLocalEngine(string path, EngineCore core)
    {
        DatabasePath = path;
        _core = core;
        _security = new EngineSecurity(core);
        Service = new LocalMilvusService(core, _security);
        AccessInterceptor = new AccessInterceptor(new AccessCheck(core, _security));
        core.Indexes.Start();
        core.Sealer.Start();
        Telemetry = new LocalClientTelemetryService();
    }

    public string DatabasePath { get; }

    /// <summary>The engine's state, for tests that inject storage faults.</summary>
    internal EngineCore Core => _core;

    /// <summary>The gRPC service implementation (milvus.proto.milvus.MilvusService).</summary>
    public LocalMilvusService Service { get; }

    /// <summary>The Milvus 3.0 ClientTelemetryService (client heartbeats and commands), served beside <see cref="Service"/>.</summary>
    public LocalClientTelemetryService Telemetry { get; }

    /// <summary>Authentication and privilege checks; every host of <see cref="Service"/> must run calls through it.</summary>
    public AccessInterceptor AccessInterceptor { get; }

    /// <summary>Whether calls must authenticate and pass Milvus's privilege checks (a setting stored in the file).</summary>
    public bool AuthorizationEnabled => _security.AuthorizationEnabled;

    /// <summary>Turns authentication and RBAC on for this file, now and for every later open (root/Milvus is the first account).</summary>
    public void EnableAuthorization()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        _security.EnableAuthorization();
    }

    /// <summary>Opens (creating if missing) the engine's database file.</summary>
    public static MilvusLocalEngine Open(string databasePath, LocalEngineOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var full = Path.GetFullPath(databasePath);
        var engine = new MilvusLocalEngine(full, EngineCore.Open(full));
        if (options?.AuthorizationEnabled == true) engine.EnableAuthorization();
        if (options?.HoldBackgroundLoads != true) engine._core.Loader.Start();
        return engine;
    }

    /// <summary>A CallInvoker that serves calls in this process (no network), e.g. for MilvusService.MilvusServiceClient.</summary>
    public CallInvoker CreateCallInvoker()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_methods is null)
        {
            var table = new ServiceMethodTable(AccessInterceptor);
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
