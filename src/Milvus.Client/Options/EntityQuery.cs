namespace Milvus.Client;

/// <summary>
/// Every argument of query (pymilvus <c>query(collection_name, filter="", output_fields=None, ids=None, partition_names=None,
/// **kw)</c>) in one object, for <see cref="AsyncMilvusClient.QueryAsync(string, EntityQuery, TimeSpan?, CancellationToken)"/>:
/// name what you set instead of a long positional call such as <c>QueryAsync(name, "", ["count(*)"], null, parts, options)</c>.
/// </summary>
public sealed class EntityQuery
{
    /// <summary>The boolean filter expression ("" with <see cref="Ids"/> or a <see cref="QueryOptions.Limit"/>).</summary>
    public string Filter { get; set; } = "";

    public IReadOnlyList<string>? OutputFields { get; set; }

    /// <summary>Query these primary keys instead of (or besides) <see cref="Filter"/>.</summary>
    public IEnumerable<object>? Ids { get; set; }

    public IReadOnlyList<string>? PartitionNames { get; set; }

    /// <summary>The remaining query kwargs (limit, offset, filter params, consistency, order by...).</summary>
    public QueryOptions? Options { get; set; }
}
