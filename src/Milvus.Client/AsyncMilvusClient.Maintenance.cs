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
    /// <summary>pymilvus <c>flush</c>: waits until the flushed segments are persisted.</summary>
    public Task FlushAsync(string collectionName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => FlushCoreAsync(collectionName, timeout, cancellationToken);

    /// <summary>pymilvus <c>flush_all</c>: flushes every collection and waits.</summary>
    public Task FlushAllAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) => FlushAllCoreAsync(timeout, cancellationToken);

    /// <summary>pymilvus <c>get_flush_all_state(flush_all_ts=)</c>.</summary>
    public Task<bool> GetFlushAllStateAsync(ulong flushAllTs, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("GetFlushAllState", new GetFlushAllStateRequest { FlushAllTs = flushAllTs },
            (c, r, o) => c.GetFlushAllStateAsync(r, o), timeout, cancellationToken), r => r.Flushed);

    /// <summary>pymilvus <c>compact(collection_name, is_clustering=False, is_l0=False, target_size=None, target_size_unit="mb")</c>.</summary>
    public Task<long> CompactAsync(string collectionName, bool isClustering = false, bool isL0 = false, long? targetSize = null,
        string targetSizeUnit = "mb", TimeSpan? timeout = null, CancellationToken cancellationToken = default) => CompactCoreAsync(collectionName, isClustering, isL0, targetSize, targetSizeUnit, timeout, cancellationToken);

    /// <summary>pymilvus <c>get_compaction_state(job_id)</c>.</summary>
    public Task<CompactionState> GetCompactionStateAsync(long jobId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("GetCompactionState", new GetCompactionStateRequest { CompactionID = jobId },
            (c, r, o) => c.GetCompactionStateAsync(r, o), timeout, cancellationToken), r => (CompactionState)(int)r.State);

    /// <summary>pymilvus <c>get_compaction_plans(job_id)</c>.</summary>
    public Task<CompactionPlans> GetCompactionPlansAsync(long jobId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("GetCompactionStateWithPlans", new GetCompactionPlansRequest { CompactionID = jobId },
            (c, r, o) => c.GetCompactionStateWithPlansAsync(r, o), timeout, cancellationToken),
            r => new CompactionPlans((CompactionState)(int)r.State, r.MergeInfos.Select(m => new CompactionPlan(m.Sources.ToList(), m.Target)).ToList()));

    /// <summary>pymilvus <c>get_server_version()</c>.</summary>
    public Task<string> GetServerVersionAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("GetVersion", new GetVersionRequest(), (c, r, o) => c.GetVersionAsync(r, o), timeout, cancellationToken),
            r => r.Version);

    /// <summary>pymilvus <c>get_server_version(detail=True)</c>.</summary>
    public Task<ServerVersionInfo> GetServerVersionDetailAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => GetServerVersionDetailCoreAsync(timeout, cancellationToken);

    /// <summary>pymilvus <c>list_loaded_segments</c>.</summary>
    public Task<IReadOnlyList<LoadedSegmentInfo>> ListLoadedSegmentsAsync(string collectionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => MapAsync(CallAsync("GetQuerySegmentInfo", new GetQuerySegmentInfoRequest { CollectionName = collectionName },
            (c, r, o) => c.GetQuerySegmentInfoAsync(r, o), timeout, cancellationToken),
            r => (IReadOnlyList<LoadedSegmentInfo>)r.Infos.Select(i => new LoadedSegmentInfo
            {
                SegmentId = i.SegmentID, CollectionId = i.CollectionID, CollectionName = collectionName, PartitionId = i.PartitionID, NumRows = i.NumRows,
                IsSorted = i.IsSorted, State = (SegmentState)(int)i.State, Level = (SegmentLevel)(int)i.Level, StorageVersion = i.StorageVersion,
                IndexName = i.IndexName, IndexId = i.IndexID, NodeIds = i.NodeIds.ToList(), MemSize = i.MemSize,
            }).ToList());

    /// <summary>pymilvus <c>list_persistent_segments</c>.</summary>
    public Task<IReadOnlyList<SegmentInfo>> ListPersistentSegmentsAsync(string collectionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => MapAsync(CallAsync("GetPersistentSegmentInfo", new GetPersistentSegmentInfoRequest { CollectionName = collectionName },
            (c, r, o) => c.GetPersistentSegmentInfoAsync(r, o), timeout, cancellationToken),
            r => (IReadOnlyList<SegmentInfo>)r.Infos.Select(i => new SegmentInfo
            {
                SegmentId = i.SegmentID, CollectionId = i.CollectionID, CollectionName = collectionName, PartitionId = i.PartitionID, NumRows = i.NumRows,
                IsSorted = i.IsSorted, State = (SegmentState)(int)i.State, Level = (SegmentLevel)(int)i.Level, StorageVersion = i.StorageVersion,
            }).ToList());

    /// <summary>pymilvus <c>optimize(collection_name, target_size=None, wait=True)</c>: waits for indexes, compacts, waits, refreshes the load.</summary>
    public Task<OptimizeResult> OptimizeAsync(string collectionName, string? targetSize = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => OptimizeCoreAsync(collectionName, targetSize, timeout, cancellationToken);

    /// <summary>
    /// pymilvus <c>run_analyzer(texts, analyzer_params=None, with_hash=False, with_detail=False, collection_name=None, field_name=None,
    /// analyzer_names=None)</c>: one result per text.
    /// </summary>
    public Task<IReadOnlyList<AnalyzerResult>> RunAnalyzerAsync(IReadOnlyList<string> texts, IDictionary<string, object?>? analyzerParams = null,
        bool withHash = false, bool withDetail = false, string? collectionName = null, string? fieldName = null,
        IReadOnlyList<string>? analyzerNames = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => RunAnalyzerCoreAsync(texts, analyzerParams, withHash, withDetail, collectionName, fieldName, analyzerNames, timeout, cancellationToken);

    /// <summary>pymilvus <c>update_replicate_configuration(clusters, cross_cluster_topology=None, force_promote=False)</c>.</summary>
    public Task UpdateReplicateConfigurationAsync(IReadOnlyList<ReplicateCluster> clusters, IReadOnlyList<ReplicateTopology>? crossClusterTopology = null,
        bool forcePromote = false, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => CallAsync("UpdateReplicateConfiguration", BuildReplicateConfiguration(clusters, crossClusterTopology, forcePromote),
            (c, r, o) => c.UpdateReplicateConfigurationAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>get_replicate_configuration</c>.</summary>
    public Task<ReplicateConfiguration> GetReplicateConfigurationAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("GetReplicateConfiguration", new GetReplicateConfigurationRequest(),
            (c, r, o) => c.GetReplicateConfigurationAsync(r, o), timeout, cancellationToken), r => FromProtoReplicateConfiguration(r.Configuration));

    /// <summary>pymilvus <c>get_replicate_info(source_cluster_id, target_pchannel)</c>.</summary>
    public Task<ReplicateInfo> GetReplicateInfoAsync(string sourceClusterId, string targetPchannel, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => MapAsync(CallAsync("GetReplicateInfo", new GetReplicateInfoRequest { SourceClusterId = sourceClusterId, TargetPchannel = targetPchannel },
            (c, r, o) => c.GetReplicateInfoAsync(r, o), timeout, cancellationToken),
            r => new ReplicateInfo(FromProtoCheckpoint(r.Checkpoint), FromProtoCheckpoint(r.SalvageCheckpoint)));

    /// <summary>pymilvus <c>dump_messages(pchannel, start_message_id, start_timetick=0, end_timetick=0)</c>: a server stream, never retried.</summary>
    public IAsyncEnumerable<DumpedMessage> DumpMessages(string pchannel, string startMessageId, string walName = "", ulong startTimetick = 0,
        ulong endTimetick = 0, CancellationToken cancellationToken = default) => DumpMessagesCore(pchannel, startMessageId, walName, startTimetick, endTimetick, cancellationToken);

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
