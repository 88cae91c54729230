using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Milvus.Client.Internal.Conversion;
using Milvus.Protocol.Api;
using Common = Milvus.Protocol.Common;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus flush: Flush, then GetFlushState polls (0.5 s) on the collection's segments and flush ts.</summary>
    private async Task FlushCoreAsync(string collectionName, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var reply = await CallAsync("Flush", new FlushRequest { CollectionNames = { collectionName } }, (c, r, o) => c.FlushAsync(r, o),
            timeout, cancellationToken).ConfigureAwait(false);
        var segments = reply.CollSegIDs.TryGetValue(collectionName, out var ids) ? ids.Data.ToList() : new List<long>();
        var flushTs = reply.CollFlushTs.TryGetValue(collectionName, out var ts) ? ts : 0UL;
        await PollAsync(async () =>
        {
            var state = await CallAsync("GetFlushState",
                new GetFlushStateRequest { SegmentIDs = { segments }, FlushTs = flushTs, CollectionName = collectionName },
                (c, r, o) => c.GetFlushStateAsync(r, o), Remaining(timeout, clock), cancellationToken).ConfigureAwait(false);
            return state.Flushed;
        }, PollInterval(TimeSpan.FromMilliseconds(500)), timeout, $"flush of {collectionName}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>pymilvus flush_all: FlushAll, then GetFlushAllState polls (5 s) until flushed.</summary>
    private async Task FlushAllCoreAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var reply = await CallAsync("FlushAll", new FlushAllRequest(), (c, r, o) => c.FlushAllAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        await PollAsync(async () =>
        {
            var state = await CallAsync("GetFlushAllState", new GetFlushAllStateRequest { FlushAllTs = reply.FlushAllTs },
                (c, r, o) => c.GetFlushAllStateAsync(r, o), Remaining(timeout, clock), cancellationToken).ConfigureAwait(false);
            return state.Flushed;
        }, PollInterval(TimeSpan.FromSeconds(5)), timeout, "flush all", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Target size in MB from a value and a 1024-based unit (b, kb, mb, gb, tb, pb).</summary>
    internal static long TargetSizeInMb(long size, string unit)
    {
        var power = (unit ?? "mb").ToLowerInvariant() switch
        {
            "b" => -2, "kb" => -1, "mb" => 0, "gb" => 1, "tb" => 2, "pb" => 3,
            _ => throw new ParamError($"target_size_unit must be one of b, kb, mb, gb, tb, pb; got {unit}"),
        };
        if (size < 0) throw new ParamError($"target_size must be a non-negative integer, got {size}");
        return power >= 0 ? size * (long)Math.Pow(1024, power) : size / (long)Math.Pow(1024, -power);
    }

    private async Task<long> CompactCoreAsync(string collectionName, bool isClustering, bool isL0, long? targetSize, string targetSizeUnit,
        TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var info = await GetCollectionInfoAsync(collectionName, timeout, cancellationToken).ConfigureAwait(false);
        var request = new ManualCompactionRequest
        {
            CollectionID = info.CollectionId, CollectionName = collectionName, MajorCompaction = isClustering, L0Compaction = isL0,
        };
        if (targetSize is { } size) request.TargetSize = TargetSizeInMb(size, targetSizeUnit);
        var reply = await CallAsync("ManualCompaction", request, (c, r, o) => c.ManualCompactionAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        return reply.CompactionID;
    }

    private async Task<ServerVersionInfo> GetServerVersionDetailCoreAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var reply = await CallAsync("Connect", new ConnectRequest(), (c, r, o) => c.ConnectAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        var s = reply.ServerInfo ?? new Common.ServerInfo();
        return new ServerVersionInfo(s.BuildTags, s.BuildTime, s.GitCommit, s.GoVersion, s.DeployMode, new Dictionary<string, string>(s.Reserved));
    }

    /// <summary>pymilvus optimize (wait=True): compact (optionally to a target size), wait for completion, refresh the load if loaded.</summary>
    private async Task<OptimizeResult> OptimizeCoreAsync(string collectionName, string? targetSize, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long? sizeMb = targetSize is null ? null : ParseSize(targetSize);
        var jobId = await CompactCoreAsync(collectionName, false, false, sizeMb, "mb", timeout, cancellationToken).ConfigureAwait(false);
        await PollAsync(async () => await GetCompactionStateAsync(jobId, Remaining(timeout, clock), cancellationToken).ConfigureAwait(false) == CompactionState.Completed,
            PollInterval(TimeSpan.FromMilliseconds(500)), timeout, $"compaction {jobId}", cancellationToken).ConfigureAwait(false);
        var state = await GetLoadStateAsync(collectionName, null, Remaining(timeout, clock), cancellationToken).ConfigureAwait(false);
        if (state.State == LoadState.Loaded)
            await LoadCoreAsync(collectionName, null, new LoadOptions { Refresh = true }, Remaining(timeout, clock), cancellationToken).ConfigureAwait(false);
        return new OptimizeResult("success", collectionName, jobId, targetSize, "100%");
    }

    /// <summary>"512MB", "1GB", "2048" (MB) → MB.</summary>
    private static long ParseSize(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var digits = new string(t.TakeWhile(char.IsDigit).ToArray());
        if (digits.Length == 0 || !long.TryParse(digits, out var n)) throw new ParamError($"Invalid target_size: {text}");
        var unit = t[digits.Length..].Trim();
        return TargetSizeInMb(n, unit.Length == 0 ? "mb" : unit);
    }

    private async Task<IReadOnlyList<AnalyzerResult>> RunAnalyzerCoreAsync(IReadOnlyList<string> texts, IDictionary<string, object?>? analyzerParams,
        bool withHash, bool withDetail, string? collectionName, string? fieldName, IReadOnlyList<string>? analyzerNames, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var request = new RunAnalyzerRequest
        {
            AnalyzerParams = analyzerParams is null ? "" : JsonSerializer.Serialize(ValueCoercion.ToJsonTree(analyzerParams)),
            WithHash = withHash,
            WithDetail = withDetail,
            CollectionName = collectionName ?? "",
            FieldName = fieldName ?? "",
        };
        request.Placeholder.AddRange(texts.Select(t => ByteString.CopyFrom(Encoding.UTF8.GetBytes(t))));
        if (analyzerNames is not null) request.AnalyzerNames.AddRange(analyzerNames);
        var reply = await CallAsync("RunAnalyzer", request, (c, r, o) => c.RunAnalyzerAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        return reply.Results.Select(r => new AnalyzerResult(r.Tokens
            .Select(t => new AnalyzerToken(t.Token, t.StartOffset, t.EndOffset, t.Position, t.PositionLength, t.Hash)).ToList())).ToList();
    }

    private static UpdateReplicateConfigurationRequest BuildReplicateConfiguration(IReadOnlyList<ReplicateCluster> clusters,
        IReadOnlyList<ReplicateTopology>? topology, bool forcePromote)
    {
        var configuration = new Common.ReplicateConfiguration();
        foreach (var c in clusters)
        {
            var cluster = new Common.MilvusCluster { ClusterId = c.ClusterId, ConnectionParam = new Common.ConnectionParam { Uri = c.Uri, Token = c.Token } };
            cluster.Pchannels.AddRange(c.Pchannels);
            configuration.Clusters.Add(cluster);
        }
        foreach (var t in topology ?? Array.Empty<ReplicateTopology>())
            configuration.CrossClusterTopology.Add(new Common.CrossClusterTopology { SourceClusterId = t.SourceClusterId, TargetClusterId = t.TargetClusterId });
        return new UpdateReplicateConfigurationRequest { ReplicateConfiguration = configuration, ForcePromote = forcePromote };
    }

    private static ReplicateConfiguration FromProtoReplicateConfiguration(Common.ReplicateConfiguration? proto)
        => proto is null
            ? new ReplicateConfiguration(Array.Empty<ReplicateCluster>(), Array.Empty<ReplicateTopology>())
            : new ReplicateConfiguration(
                proto.Clusters.Select(c => new ReplicateCluster(c.ClusterId, c.ConnectionParam?.Uri ?? "", c.ConnectionParam?.Token ?? "", c.Pchannels.ToList())).ToList(),
                proto.CrossClusterTopology.Select(t => new ReplicateTopology(t.SourceClusterId, t.TargetClusterId)).ToList());

    private static ReplicateCheckpoint? FromProtoCheckpoint(Common.ReplicateCheckpoint? c)
        => c is null ? null : new ReplicateCheckpoint(c.ClusterId, c.Pchannel, c.MessageId?.Id ?? "", (c.MessageId?.WALName ?? 0).ToString(), c.TimeTick);

    private async IAsyncEnumerable<DumpedMessage> DumpMessagesCore(string pchannel, string startMessageId, string walName, ulong startTimetick,
        ulong endTimetick, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new DumpMessagesRequest
        {
            Pchannel = pchannel,
            StartMessageId = new Common.MessageID { Id = startMessageId, WALName = Enum.TryParse<Common.WALName>(walName, true, out var w) ? w : Common.WALName.Unknown },
            StartTimetick = startTimetick,
            EndTimetick = endTimetick,
        };
        using var call = await _connection.StreamAsync(request, _dbName, (c, r, o) => c.DumpMessages(r, o), cancellationToken).ConfigureAwait(false);
        while (await NextDumpedAsync(call, cancellationToken).ConfigureAwait(false))
        {
            var item = call.ResponseStream.Current;
            if (item.ResponseCase == DumpMessagesResponse.ResponseOneofCase.Status)
            {
                if (!Internal.Transport.RpcStatus.IsSuccess(item.Status)) throw Internal.Transport.RpcStatus.ToException(item.Status, "DumpMessages");
                continue;
            }
            var m = item.Message;
            yield return new DumpedMessage(m.Id?.Id ?? "", (m.Id?.WALName ?? 0).ToString(), m.Payload.ToByteArray(), new Dictionary<string, string>(m.Properties));
        }
    }

    /// <summary>Next stream item; gRPC failures surface as MilvusRpcException (the stream is never retried).</summary>
    private static async Task<bool> NextDumpedAsync(Grpc.Core.AsyncServerStreamingCall<DumpMessagesResponse> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
        }
        catch (Grpc.Core.RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Internal.Transport.RpcStatus.ToException(e, "DumpMessages");
        }
    }
}
