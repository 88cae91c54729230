using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Milvus.Local.Server;
using Milvus.Local.Tests.Security;
using Milvus.Protocol.Api;

namespace Milvus.Local.Tests.Server;

/// <summary>
/// What the server does per call besides the handler (docs/performance.md, "The served path"): no per-request Activity
/// unless request logs are on, inline socket completions in the server command unless the environment says otherwise,
/// and thread-pool workers that do not spin.
/// </summary>
public sealed class ServedPathTests
{
    /// <summary>ASP.NET Core's per-request log category.</summary>
    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    [Fact]
    public async Task No_request_activity_is_started_while_request_logs_are_off()
    {
        var lines = new ConcurrentQueue<string>();

        var seen = await ActivityInHandler(LogLevel.Warning, lines);

        Assert.Equal(ActivityProbeService.NoActivity, seen);
        Assert.DoesNotContain(lines, l => l.Contains(HostingDiagnostics, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_logs_at_Information_keep_their_lines_and_activity()
    {
        var lines = new ConcurrentQueue<string>();

        var seen = await ActivityInHandler(LogLevel.Information, lines);

        Assert.Equal("Microsoft.AspNetCore.Hosting.HttpRequestIn", seen);
        Assert.Contains(lines, l => l.StartsWith($"Information {HostingDiagnostics}: Request starting HTTP/2 POST", StringComparison.Ordinal)
            && l.Contains("/milvus.proto.milvus.MilvusService/GetVersion", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "1")]
    [InlineData("1", "1")]
    [InlineData("0", "0")]
    public void The_server_command_completes_socket_io_inline_unless_the_environment_says_otherwise(string? inherited, string expected)
        => Assert.Equal(expected, ServerThreading.InlineCompletionsValue(inherited));

    [Fact]
    public void The_server_command_runs_with_thread_pool_workers_that_do_not_spin()
    {
        var runtimeConfig = Path.ChangeExtension(ServerProcess.ServerDll, ".runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(runtimeConfig));

        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    /// <summary>Serves the probe with a logger enabled at every level and the host's level at <paramref name="level"/>; returns what GetVersion saw.</summary>
    private static async Task<string> ActivityInHandler(LogLevel level, ConcurrentQueue<string> lines)
    {
        await using var host = await LocalServerHost.StartAsync(new ActivityProbeService(), new LocalServerOptions
        {
            Port = 0,
            LogLevel = level,
            ConfigureLogging = logging => logging.AddProvider(new CapturingLoggerProvider(lines)),
        });
        using var channel = ServerChannel.For(host.Address);
        var reply = await new MilvusService.MilvusServiceClient(channel).GetVersionAsync(new GetVersionRequest());
        return reply.Version;
    }

    /// <summary>GetVersion answers with the operation name of the Activity its handler runs in, or <see cref="NoActivity"/>.</summary>
    private sealed class ActivityProbeService : MilvusService.MilvusServiceBase
    {
        public const string NoActivity = "(none)";

        public override Task<GetVersionResponse> GetVersion(GetVersionRequest request, ServerCallContext context) =>
            Task.FromResult(new GetVersionResponse { Version = Activity.Current?.OperationName ?? NoActivity });
    }
}
