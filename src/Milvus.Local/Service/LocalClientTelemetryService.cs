using Grpc.Core;
using Milvus.Local.Errors;
using Milvus.Local.Rpc;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;

namespace Milvus.Local;

/// <summary>
/// Milvus 3.0's ClientTelemetryService: clients send heartbeats (their info, metrics, replies to commands) and receive
/// the commands an operator pushed for them; GetClientTelemetry reports what the heartbeats recorded. Kept in memory,
/// as a running server keeps it; served on both transports next to the MilvusService.
/// </summary>
public sealed class LocalClientTelemetryService : ClientTelemetryService.ClientTelemetryServiceBase
{
    /// <summary>The ClientInfo.reserved key that names a client; without it host, SDK and user do.</summary>
    public const string ClientIdKey = "client_id";

    private readonly object _gate = new();
    private readonly Dictionary<string, ClientTelemetry> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _delivered = new(StringComparer.Ordinal);
    private readonly List<(ClientCommand Command, string TargetClient, string TargetDatabase, long ExpiresAt)> _commands = [];
    private readonly List<CommandReply> _replies = [];
    private long _nextCommand;

    /// <summary>Replies clients sent to commands, oldest first.</summary>
    public IReadOnlyList<CommandReply> CommandReplies
    {
        get { lock (_gate) return _replies.ToList(); }
    }

    public static string ClientIdOf(ClientInfo? info)
        => info is null ? "" : info.Reserved.TryGetValue(ClientIdKey, out var id) && id.Length > 0 ? id : $"{info.Host}/{info.SdkType}/{info.User}";

    public override Task<ClientHeartbeatResponse> ClientHeartbeat(ClientHeartbeatRequest request, ServerCallContext context) => RpcBoundary.Run(context, () =>
    {
        if (request.ClientInfo is null) throw MilvusError.InvalidParameter("client_info is required in heartbeat");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = ClientIdOf(request.ClientInfo);
        var database = context.RequestHeaders?.GetValue("dbname") is { Length: > 0 } db ? db : "default";
        var reply = new ClientHeartbeatResponse { Status = RpcBoundary.Success(), ServerTimestamp = now };
        lock (_gate)
        {
            var record = _clients.TryGetValue(id, out var known) ? known : _clients[id] = new ClientTelemetry();
            record.ClientInfo = request.ClientInfo.Clone();
            record.LastHeartbeatTime = now;
            record.Status = "active";
            if (!record.Databases.Contains(database)) record.Databases.Add(database);
            record.Metrics.Clear();
            record.Metrics.Add(request.Metrics);
            _replies.AddRange(request.CommandReplies);
            _commands.RemoveAll(c => c.ExpiresAt > 0 && c.ExpiresAt <= now);
            var delivered = _delivered.TryGetValue(id, out var set) ? set : _delivered[id] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (command, targetClient, targetDatabase, _) in _commands)
            {
                if (targetClient.Length > 0 && targetClient != id) continue;
                if (targetDatabase.Length > 0 && !record.Databases.Contains(targetDatabase)) continue;
                // Persistent commands (configuration) come with every heartbeat; one-shot commands once per client.
                if (!command.Persistent && !delivered.Add(command.CommandId)) continue;
                reply.Commands.Add(command.Clone());
            }
        }
        return reply;
    });

    public override Task<GetClientTelemetryResponse> GetClientTelemetry(GetClientTelemetryRequest request, ServerCallContext context) => RpcBoundary.Run(context, () =>
    {
        var reply = new GetClientTelemetryResponse { Status = RpcBoundary.Success(), Aggregated = new Metrics() };
        lock (_gate)
        {
            foreach (var (id, record) in _clients.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                if (request.ClientId.Length > 0 && request.ClientId != id) continue;
                if (request.Database.Length > 0 && !record.Databases.Contains(request.Database)) continue;
                var copy = record.Clone();
                if (!request.IncludeMetrics) copy.Metrics.Clear();
                reply.Clients.Add(copy);
                foreach (var operation in record.Metrics) Accumulate(reply.Aggregated, operation.Global);
            }
        }
        return reply;
    });

    public override Task<PushClientCommandResponse> PushClientCommand(PushClientCommandRequest request, ServerCallContext context) => RpcBoundary.Run(context, () =>
    {
        if (string.IsNullOrEmpty(request.CommandType)) throw MilvusError.InvalidParameter("command_type is required");
        if (request.TtlSeconds < 0) throw MilvusError.InvalidParameter("ttl_seconds must not be negative");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        lock (_gate)
        {
            var command = new ClientCommand
            {
                CommandId = $"cmd-{++_nextCommand}", CommandType = request.CommandType, Payload = request.Payload, CreateTime = now,
                Persistent = request.Persistent,
                TargetScope = request.TargetClientId.Length > 0 ? "client:" + request.TargetClientId
                    : request.TargetDatabase.Length > 0 ? "database:" + request.TargetDatabase : "global",
            };
            _commands.Add((command, request.TargetClientId, request.TargetDatabase, request.TtlSeconds > 0 ? now + request.TtlSeconds * 1000 : 0));
            return new PushClientCommandResponse { Status = RpcBoundary.Success(), CommandId = command.CommandId };
        }
    });

    public override Task<DeleteClientCommandResponse> DeleteClientCommand(DeleteClientCommandRequest request, ServerCallContext context) => RpcBoundary.Run(context, () =>
    {
        lock (_gate)
        {
            if (_commands.RemoveAll(c => c.Command.CommandId == request.CommandId) == 0)
                throw MilvusError.InvalidParameter($"client command not found: {request.CommandId}");
        }
        return new DeleteClientCommandResponse { Status = RpcBoundary.Success() };
    });

    /// <summary>Sums counts; averages weighted by request count; p99 and max are the largest seen.</summary>
    private static void Accumulate(Metrics total, Metrics? one)
    {
        if (one is null) return;
        var requests = total.RequestCount + one.RequestCount;
        total.AvgLatencyMs = requests == 0 ? 0 : (total.AvgLatencyMs * total.RequestCount + one.AvgLatencyMs * one.RequestCount) / requests;
        total.RequestCount = requests;
        total.SuccessCount += one.SuccessCount;
        total.ErrorCount += one.ErrorCount;
        total.P99LatencyMs = Math.Max(total.P99LatencyMs, one.P99LatencyMs);
        total.MaxLatencyMs = Math.Max(total.MaxLatencyMs, one.MaxLatencyMs);
    }
}
