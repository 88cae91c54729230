using Google.Protobuf;
using Milvus.Local.Server;
using Milvus.Local.Tests.Server;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Milvus3;

/// <summary>The Milvus 3.0 ClientTelemetryService, in process and over Kestrel: heartbeats recorded and answered with pushed commands.</summary>
public sealed class ClientTelemetryTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "milvus-local-tests", Guid.NewGuid().ToString("N"), "t.db");
    private MilvusLocalEngine _engine = null!;
    private LocalServerHost _server = null!;
    private Grpc.Net.Client.GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _engine = MilvusLocalEngine.Open(_path);
        _server = await LocalServerHost.StartAsync(_engine);
        _channel = ServerChannel.For(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
        _engine.Dispose();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    private ClientTelemetryService.ClientTelemetryServiceClient Client(bool kestrel)
        => kestrel ? new(_channel) : new(_engine.CreateCallInvoker());

    private static ClientHeartbeatRequest Heartbeat(string clientId, long requests) => new()
    {
        ClientInfo = new ClientInfo { SdkType = "CSharp", SdkVersion = "1.0.0", Host = "pc1", User = "alice", Reserved = { ["client_id"] = clientId } },
        ReportTimestamp = 1,
        Metrics = { new OperationMetrics { Operation = "Search", Global = new Metrics { RequestCount = requests, SuccessCount = requests - 1, ErrorCount = 1, AvgLatencyMs = 2, MaxLatencyMs = 9 } } },
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Heartbeats_are_recorded_and_reported(bool kestrel)
    {
        var client = Client(kestrel);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var beat = client.ClientHeartbeat(Heartbeat("c1", 10));
        Ok(beat.Status);
        Assert.InRange(beat.ServerTimestamp, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Empty(beat.Commands);
        Ok(client.ClientHeartbeat(Heartbeat("c2", 30)).Status);

        var all = client.GetClientTelemetry(new GetClientTelemetryRequest { IncludeMetrics = true });
        Ok(all.Status);
        Assert.Equal(["c1", "c2"], all.Clients.Select(c => c.ClientInfo.Reserved["client_id"]));
        Assert.Equal(("active", "default", 10L), (all.Clients[0].Status, all.Clients[0].Databases.Single(), all.Clients[0].Metrics.Single().Global.RequestCount));
        Assert.Equal((40L, 38L, 2L, 9.0), (all.Aggregated.RequestCount, all.Aggregated.SuccessCount, all.Aggregated.ErrorCount, all.Aggregated.MaxLatencyMs));

        var one = client.GetClientTelemetry(new GetClientTelemetryRequest { ClientId = "c2" });
        Assert.Empty(Assert.Single(one.Clients).Metrics);
        Assert.Empty(client.GetClientTelemetry(new GetClientTelemetryRequest { Database = "other" }).Clients);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pushed_commands_reach_their_clients_once_unless_persistent(bool kestrel)
    {
        var client = Client(kestrel);
        var oneShot = client.PushClientCommand(new PushClientCommandRequest { CommandType = "refresh", TargetClientId = "c1", Payload = ByteString.CopyFromUtf8("x") });
        Ok(oneShot.Status);
        var config = client.PushClientCommand(new PushClientCommandRequest { CommandType = "push_config", Persistent = true });
        Assert.Equal(["cmd-1", "cmd-2"], new[] { oneShot.CommandId, config.CommandId });

        Assert.Equal(["cmd-1:refresh:client:c1", "cmd-2:push_config:global"],
            client.ClientHeartbeat(Heartbeat("c1", 1)).Commands.Select(c => $"{c.CommandId}:{c.CommandType}:{c.TargetScope}"));
        Assert.Equal(["cmd-2"], client.ClientHeartbeat(Heartbeat("c1", 1)).Commands.Select(c => c.CommandId));
        Assert.Equal(["cmd-2"], client.ClientHeartbeat(Heartbeat("c2", 1)).Commands.Select(c => c.CommandId));

        Ok(client.DeleteClientCommand(new DeleteClientCommandRequest { CommandId = "cmd-2" }).Status);
        Assert.Empty(client.ClientHeartbeat(Heartbeat("c1", 1)).Commands);
        Fails(client.DeleteClientCommand(new DeleteClientCommandRequest { CommandId = "cmd-2" }).Status, 1100, "client command not found: cmd-2: invalid parameter");
        Fails(client.PushClientCommand(new PushClientCommandRequest()).Status, 1100, "command_type is required: invalid parameter");
    }

    [Fact]
    public void Command_replies_in_heartbeats_are_kept()
    {
        var client = Client(kestrel: false);
        var beat = Heartbeat("c1", 1);
        beat.CommandReplies.Add(new CommandReply { CommandId = "cmd-1", Success = true });
        Ok(client.ClientHeartbeat(beat).Status);
        Assert.Equal(("cmd-1", true), (_engine.Telemetry.CommandReplies.Single().CommandId, _engine.Telemetry.CommandReplies.Single().Success));
    }
}
