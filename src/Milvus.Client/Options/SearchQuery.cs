namespace Milvus.Client;

/// <summary>
/// Every argument of search (pymilvus <c>search(collection_name, data, filter, limit, output_fields, search_params,
/// partition_names, anns_field, ranker, ids, **kw)</c>) in one object, for
/// <see cref="AsyncMilvusClient.SearchAsync(string, SearchQuery, TimeSpan?, CancellationToken)"/>: name what you set
/// instead of a long positional call such as <c>SearchAsync(name, data, "", 10, null, null, null, "vec", null, null, options)</c>.
/// </summary>
public sealed class SearchQuery
{
    /// <summary>Query vectors (float[], ReadOnlyMemory&lt;float&gt;, Half[], byte[], sparse dictionaries) or texts for BM25.</summary>
    public IReadOnlyList<object>? Data { get; set; }

    /// <summary>Search by these primary keys instead of <see cref="Data"/>.</summary>
    public IReadOnlyList<object>? Ids { get; set; }

    public string Filter { get; set; } = "";

    /// <summary>Hits per query (default 10).</summary>
    public int Limit { get; set; } = 10;

    public IReadOnlyList<string>? OutputFields { get; set; }

    public IDictionary<string, object?>? SearchParams { get; set; }

    public IReadOnlyList<string>? PartitionNames { get; set; }

    /// <summary>The vector field to search; needed when the collection has more than one.</summary>
    public string? AnnsField { get; set; }

    public Ranker? Ranker { get; set; }

    /// <summary>The remaining search kwargs (filter params, consistency, offset, grouping, highlighter...).</summary>
    public SearchOptions? Options { get; set; }
}
