namespace Milvus.Client;

/// <summary>Options of create_collection beyond the quick-setup arguments (pymilvus kwargs).</summary>
public sealed class CreateCollectionOptions
{
    /// <summary>Default: Bounded, as pymilvus.</summary>
    public ConsistencyLevel ConsistencyLevel { get; set; } = ConsistencyLevel.Bounded;
    public IDictionary<string, object?>? Properties { get; set; }
    public int? NumShards { get; set; }
    public long? NumPartitions { get; set; }
    public string? Description { get; set; }
    /// <summary>Quick setup: VARCHAR primary max length (pymilvus kw <c>max_length</c>).</summary>
    public int? MaxLength { get; set; }
    /// <summary>Quick setup: dynamic field on (default true, as pymilvus).</summary>
    public bool EnableDynamicField { get; set; } = true;
    /// <summary>Quick setup: partition key field name (pymilvus kw <c>partition_key_field</c>).</summary>
    public string? PartitionKeyField { get; set; }
}

/// <summary>Load options (pymilvus load_collection/load_partitions kwargs).</summary>
public sealed class LoadOptions
{
    public int? ReplicaNumber { get; set; }
    public bool Refresh { get; set; }
    public IReadOnlyList<string>? ResourceGroups { get; set; }
    public IReadOnlyList<string>? LoadFields { get; set; }
    public bool SkipLoadDynamicField { get; set; }
    public LoadPriority? Priority { get; set; }
    /// <summary>Do not wait for the load to finish (pymilvus <c>_async</c>).</summary>
    public bool NoWait { get; set; }
    /// <summary>
    /// Receives the loading progress (State Loading, Progress 0..100; the refresh progress with <see cref="Refresh"/>) each
    /// time the wait polls it, the last report at 100, so callers need not poll a second time.
    /// </summary>
    public IProgress<LoadStateInfo>? Progress { get; set; }
}

/// <summary>create_index options (pymilvus create_index kwargs).</summary>
public sealed class CreateIndexOptions
{
    /// <summary>Return once every CreateIndex is accepted, without waiting for the builds (pymilvus <c>_async</c>).</summary>
    public bool NoWait { get; set; }
    /// <summary>
    /// Receives each index's build state (State, IndexedRows of TotalRows) every time the build wait polls it, the last
    /// report Finished, so callers need not poll a second time. Not called with <see cref="NoWait"/>.
    /// </summary>
    public IProgress<IndexDescription>? Progress { get; set; }
}

/// <summary>Query options (pymilvus query kwargs).</summary>
public sealed class QueryOptions
{
    public long? Limit { get; set; }
    public long? Offset { get; set; }
    /// <summary>Values for <c>{name}</c> placeholders in the filter (pymilvus <c>filter_params</c>).</summary>
    public IDictionary<string, object?>? FilterParams { get; set; }
    public ConsistencyLevel? ConsistencyLevel { get; set; }
    public ulong? GuaranteeTimestamp { get; set; }
    public bool IgnoreGrowing { get; set; }
    public string? Timezone { get; set; }
    public string? TimeFields { get; set; }
    public bool StrictFloat32 { get; set; }
    /// <summary>
    /// Milvus 3.0 query ORDER BY (pymilvus <c>order_by_fields</c>): (field, "asc"/"desc") pairs, sent as "f:asc,g:desc";
    /// an order may also carry a null placement ("desc:nulls_last"). Needs a limit.
    /// </summary>
    public IReadOnlyList<(string Field, string Order)>? OrderByFields { get; set; }
    /// <summary>Pins the call to one cluster (pymilvus <c>cluster_id</c>, set by <see cref="AsyncMilvusClient.Session"/>).</summary>
    public string? ClusterId { get; set; }
}

/// <summary>Search options (pymilvus search kwargs beyond the positional ones).</summary>
public sealed class SearchOptions
{
    public IDictionary<string, object?>? FilterParams { get; set; }
    public ConsistencyLevel? ConsistencyLevel { get; set; }
    public ulong? GuaranteeTimestamp { get; set; }
    public long? Offset { get; set; }
    /// <summary>-1..6; scores rounded to this many decimals (-1 = off).</summary>
    public int RoundDecimal { get; set; } = -1;
    public bool? IgnoreGrowing { get; set; }
    public string? GroupByField { get; set; }
    public int? GroupSize { get; set; }
    public bool? StrictGroupSize { get; set; }
    /// <summary>(field, "asc"/"desc") pairs, sent as "f:asc,g:desc".</summary>
    public IReadOnlyList<(string Field, string Order)>? OrderByFields { get; set; }
    public string? Hints { get; set; }
    public string? AnalyzerName { get; set; }
    public string? JsonPath { get; set; }
    public string? JsonType { get; set; }
    public bool? StrictCast { get; set; }
    public string? Timezone { get; set; }
    public string? TimeFields { get; set; }
    /// <summary>Hybrid search: rank_group_scorer.</summary>
    public string? RankGroupScorer { get; set; }
    /// <summary>Pins the call to one cluster (pymilvus <c>cluster_id</c>, set by <see cref="AsyncMilvusClient.Session"/>).</summary>
    public string? ClusterId { get; set; }
    /// <summary>Bucket aggregation of the hits (pymilvus 3.0 <c>search_aggregation</c>); the limit is then ignored.</summary>
    public SearchAggregation? SearchAggregation { get; set; }
    /// <summary>Highlights matched terms of text fields on the hits (pymilvus <c>highlighter</c>).</summary>
    public LexicalHighlighter? Highlighter { get; set; }
}

/// <summary>Upsert options (pymilvus upsert kwargs).</summary>
public sealed class UpsertOptions
{
    /// <summary>Only the given fields are updated (pymilvus <c>partial_update</c>).</summary>
    public bool PartialUpdate { get; set; }
    /// <summary>Per-field operation: "array_append", "array_remove" or "replace" (pymilvus <c>field_ops</c>; forces partial update).</summary>
    public IDictionary<string, string>? FieldOps { get; set; }
}

/// <summary>Query iterator options.</summary>
public sealed class QueryIteratorOptions
{
    public long Offset { get; set; }
    public IDictionary<string, object?>? FilterParams { get; set; }
    public ConsistencyLevel? ConsistencyLevel { get; set; }
    public bool ReduceStopForBest { get; set; } = true;
}
