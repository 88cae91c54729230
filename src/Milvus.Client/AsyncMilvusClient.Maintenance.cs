using Milvus.Protocol.Api;

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
}
