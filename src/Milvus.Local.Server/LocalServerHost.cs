using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Milvus.Local.Rpc;
using Milvus.Protocol.Api;

namespace Milvus.Local.Server;

/// <summary>
/// Serves a MilvusService over gRPC with Kestrel (HTTP/2, plaintext "h2c" or TLS), on a TCP port or a unix socket,
/// with no message size limits (Milvus accepts 64 MiB and more). Usable in-process: tests start one on port 0
/// and point any gRPC client, or another SDK, at <see cref="Address"/>. Disposing stops it; it never owns the engine.
/// </summary>
public sealed class LocalServerHost : IAsyncDisposable
{
    /// <summary>The log category of ASP.NET Core's per-request lines (and of its per-request Activity).</summary>
    internal const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private readonly WebApplication _app;

    private LocalServerHost(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>"http://HOST:PORT" or "https://HOST:PORT" (the actual port when 0 was asked for) or "unix:PATH".</summary>
    public string Address { get; }

    /// <summary>Serves <paramref name="engine"/> on a free loopback port (127.0.0.1:0), the usual choice of tests.</summary>
    public static Task<LocalServerHost> StartAsync(MilvusLocalEngine engine, CancellationToken cancellationToken = default) =>
        StartAsync(engine, new LocalServerOptions { Port = 0 }, cancellationToken);

    /// <summary>Serves <paramref name="engine"/>'s MilvusService, the same code the in-process transport uses.</summary>
    public static Task<LocalServerHost> StartAsync(MilvusLocalEngine engine, LocalServerOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return StartAsync(engine.Service, options, engine.AccessInterceptor, cancellationToken, engine.Telemetry);
    }

    /// <summary>Serves any MilvusService implementation (no access checks: for test services).</summary>
    public static Task<LocalServerHost> StartAsync<TService>(TService service, LocalServerOptions options,
        CancellationToken cancellationToken = default)
        where TService : MilvusService.MilvusServiceBase
        => StartAsync(service, options, interceptor: null, cancellationToken, telemetry: null);

    /// <summary>Serves <paramref name="service"/> and, when given, the ClientTelemetryService beside it (both behind the access checks).</summary>
    private static async Task<LocalServerHost> StartAsync<TService>(TService service, LocalServerOptions options,
        AccessInterceptor? interceptor, CancellationToken cancellationToken, LocalClientTelemetryService? telemetry)
        where TService : MilvusService.MilvusServiceBase
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.UnixSocket is null ? await ResolveEndpointAsync(options.Host, options.Port, cancellationToken) : null;
        if (options.UnixSocket is not null) UnixSocketFile.RemoveIfStale(options.UnixSocket);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(LocalServerHost).Assembly.GetName().Name });
        // The caller decides about signals and shutdown; the host must not hook Ctrl+C of an embedding process.
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.LogLevel);
        options.ConfigureLogging?.Invoke(builder.Logging);
        // ASP.NET Core starts an Activity for every request whenever its hosting category logs at any level (so that
        // log scopes carry a trace id); its only messages are the per-request lines at Information and below.
        if (options.LogLevel > LogLevel.Information) builder.Logging.AddFilter(HostingDiagnosticsCategory, LogLevel.None);

        // With the runtime's inline socket completions on (the server command turns them on), Kestrel's socket pipes
        // continue on the polling thread too, as ASP.NET Core's own benchmark servers do: no thread hop between a
        // socket and its HTTP/2 connection. Handlers still run on the thread pool (Kestrel queues every HTTP/2
        // stream), so engine work never holds the polling thread.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = ServerThreading.InlineSocketCompletions);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1024;
            // grpc-go (Milvus's server) has no minimum data rates. Kestrel's (240 B/s after a 5 s grace) abort a
            // connection whose client is starved of CPU and reads a reply slowly, which a gRPC client sees as a reset.
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            void Configure(ListenOptions listen)
            {
                listen.Protocols = HttpProtocols.Http2;
                options.Tls?.Apply(listen);
            }
            if (options.UnixSocket is not null) kestrel.ListenUnixSocket(options.UnixSocket, Configure);
            else kestrel.Listen(endpoint!, Configure);
        });
        builder.Services.AddGrpc(grpc =>
        {
            // Milvus's proxy limits; gzip requests are inflated only within them.
            grpc.MaxReceiveMessageSize = MessageLimits.MaxReceiveBytes;
            grpc.MaxSendMessageSize = options.MaxSendBytes;
            grpc.Interceptors.Add<ReplySizeInterceptor>(); // a singleton below: not constructed per call
            grpc.CompressionProviders = [new BoundedGzipCompressionProvider()];
            // The engine's authentication and privilege checks, the same instance the in-process transport uses.
            if (interceptor is not null) grpc.Interceptors.Add<AccessInterceptor>();
        });
        builder.Services.AddSingleton<ReplySizeInterceptor>();
        if (interceptor is not null) builder.Services.AddSingleton(interceptor);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(service);
        if (telemetry is not null) builder.Services.AddSingleton(telemetry);

        var app = builder.Build();
        app.MapGrpcService<TService>();
        if (telemetry is not null) app.MapGrpcService<LocalClientTelemetryService>();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new LocalServerHost(app, options.UnixSocket is not null ? $"unix:{options.UnixSocket}" : BoundAddress(app));
    }

    /// <summary>Stops accepting calls, lets in-flight calls finish (briefly), and releases the port or socket.</summary>
    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(grace.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private static async Task<IPEndPoint> ResolveEndpointAsync(string host, int port, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "the port must be 0..65535");
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip)) return new IPEndPoint(ip, port);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return new IPEndPoint(IPAddress.Loopback, port);
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                     ?? addresses.FirstOrDefault()
                     ?? throw new ArgumentException($"host '{host}' has no address", nameof(host));
        return new IPEndPoint(chosen, port);
    }

    private static string BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no bound address");
    }

    /// <summary>A host lifetime that leaves signal handling to whoever owns the process.</summary>
    private sealed class CallerOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
