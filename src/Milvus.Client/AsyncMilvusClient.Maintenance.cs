namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>flush</c>: waits until the flushed segments are persisted.</summary>
    public Task FlushAsync(string collectionName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>flush_all</c>: flushes every collection and waits.</summary>
    public Task FlushAllAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>get_flush_all_state(flush_all_ts=)</c>.</summary>
    public Task<bool> GetFlushAllStateAsync(ulong flushAllTs, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>compact(collection_name, is_clustering=False, is_l0=False, target_size=None, target_size_unit="mb")</c>.</summary>
    public Task<long> CompactAsync(string collectionName, bool isClustering = false, bool isL0 = false, long? targetSize = null,
        string targetSizeUnit = "mb", TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>get_compaction_state(job_id)</c>.</summary>
    public Task<CompactionState> GetCompactionStateAsync(long jobId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>get_compaction_plans(job_id)</c>.</summary>
    public Task<CompactionPlans> GetCompactionPlansAsync(long jobId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>get_server_version()</c>.</summary>
    public Task<string> GetServerVersionAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>get_server_version(detail=True)</c>.</summary>
    public Task<ServerVersionInfo> GetServerVersionDetailAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>list_loaded_segments</c>.</summary>
    public Task<IReadOnlyList<LoadedSegmentInfo>> ListLoadedSegmentsAsync(string collectionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>list_persistent_segments</c>.</summary>
    public Task<IReadOnlyList<SegmentInfo>> ListPersistentSegmentsAsync(string collectionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>optimize(collection_name, target_size=None, wait=True)</c>: waits for indexes, compacts, waits, refreshes the load.</summary>
    public Task<OptimizeResult> OptimizeAsync(string collectionName, string? targetSize = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>
    /// pymilvus <c>run_analyzer(texts, analyzer_params=None, with_hash=False, with_detail=False, collection_name=None, field_name=None,
    /// analyzer_names=None)</c>: one result per text.
    /// </summary>
    public Task<IReadOnlyList<AnalyzerResult>> RunAnalyzerAsync(IReadOnlyList<string> texts, IDictionary<string, object?>? analyzerParams = null,
        bool withHash = false, bool withDetail = false, string? collectionName = null, string? fieldName = null,
        IReadOnlyList<string>? analyzerNames = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>update_replicate_configuration(clusters, cross_cluster_topology=None, force_promote=False)</c>.</summary>
    public Task UpdateReplicateConfigurationAsync(IReadOnlyList<ReplicateCluster> clusters, IReadOnlyList<ReplicateTopology>? crossClusterTopology = null,
        bool forcePromote = false, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>get_replicate_configuration</c>.</summary>
    public Task<ReplicateConfiguration> GetReplicateConfigurationAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>get_replicate_info(source_cluster_id, target_pchannel)</c>.</summary>
    public Task<ReplicateInfo> GetReplicateInfoAsync(string sourceClusterId, string targetPchannel, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>dump_messages(pchannel, start_message_id, start_timetick=0, end_timetick=0)</c>: a server stream, never retried.</summary>
    public IAsyncEnumerable<DumpedMessage> DumpMessages(string pchannel, string startMessageId, string walName = "", ulong startTimetick = 0,
        ulong endTimetick = 0, CancellationToken cancellationToken = default) => throw Pending();
}
