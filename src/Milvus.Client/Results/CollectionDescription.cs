namespace Milvus.Client;

/// <summary>describe_collection's answer (pymilvus dict, §5.9 of the reference).</summary>
public sealed class CollectionDescription
{
    public required string CollectionName { get; init; }
    public long CollectionId { get; init; }
    public bool AutoId { get; init; }
    public int NumShards { get; init; }
    public string Description { get; init; } = "";
    public required IReadOnlyList<FieldSchema> Fields { get; init; }
    public IReadOnlyList<FunctionSchema> Functions { get; init; } = Array.Empty<FunctionSchema>();
    public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();
    public ConsistencyLevel ConsistencyLevel { get; init; }
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
    public long NumPartitions { get; init; }
    public bool EnableDynamicField { get; init; }
    public bool EnableNamespace { get; init; }
    public ulong CreatedTimestamp { get; init; }
    public ulong UpdateTimestamp { get; init; }
    public string DbName { get; init; } = "";
    /// <summary>The schema as a builder object (for example to create a copy of the collection).</summary>
    public required CollectionSchema Schema { get; init; }

    public override string ToString() => CollectionName;
}

/// <summary>get_load_state's answer: state, and progress (0-100) while loading.</summary>
public sealed record LoadStateInfo(LoadState State, long? Progress = null);

/// <summary>get_collection_stats / get_partition_stats: row_count plus any other statistic as text.</summary>
public sealed class CollectionStatistics
{
    public long RowCount { get; init; }
    public IReadOnlyDictionary<string, string> Stats { get; init; } = new Dictionary<string, string>();
}

/// <summary>describe_index's answer.</summary>
public sealed class IndexDescription
{
    public required string IndexName { get; init; }
    public required string FieldName { get; init; }
    public string IndexType { get; init; } = "";
    public string? MetricType { get; init; }
    /// <summary>All index params flattened (index_type, metric_type, build params; the nested "params" JSON decoded).</summary>
    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();
    public long TotalRows { get; init; }
    public long IndexedRows { get; init; }
    public long PendingIndexRows { get; init; }
    public IndexState State { get; init; }
    public string FailReason { get; init; } = "";
    public long IndexId { get; init; }

    public override string ToString() => IndexName;
}

/// <summary>describe_alias's answer.</summary>
public sealed record AliasDescription(string Alias, string CollectionName, string DbName);

/// <summary>list_aliases's answer.</summary>
public sealed record AliasList(IReadOnlyList<string> Aliases, string CollectionName, string DbName);

/// <summary>describe_database's answer: name plus properties.</summary>
public sealed record DatabaseDescription(string Name, IReadOnlyDictionary<string, string> Properties, long DbId = 0, ulong CreatedTimestamp = 0);
