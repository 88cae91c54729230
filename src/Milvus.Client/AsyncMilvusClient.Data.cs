namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>
    /// pymilvus <c>insert(collection_name, data, partition_name="")</c>. Each row maps field names to values (vectors as float[],
    /// ReadOnlyMemory&lt;float&gt;, Half[], byte[], number lists or sparse dictionaries; JSON as JsonElement, dictionaries, lists or JSON text).
    /// Unknown keys go to the dynamic field when the schema has one. An empty list inserts nothing and sends no RPC.
    /// </summary>
    public Task<MutationResult> InsertAsync(string collectionName, IEnumerable<IReadOnlyDictionary<string, object?>> data,
        string partitionName = "", TimeSpan? timeout = null, CancellationToken cancellationToken = default) => WriteAsync(collectionName, data, partitionName, false, null, timeout, cancellationToken);

    /// <summary>pymilvus <c>upsert(collection_name, data, partition_name="", partial_update=, field_ops=)</c>.</summary>
    public Task<MutationResult> UpsertAsync(string collectionName, IEnumerable<IReadOnlyDictionary<string, object?>> data,
        string partitionName = "", UpsertOptions? options = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => WriteAsync(collectionName, data, partitionName, true, options ?? new UpsertOptions(), timeout, cancellationToken);

    /// <summary>pymilvus <c>delete(collection_name, ids=None, filter=None, partition_name=None, filter_params=, consistency_level=)</c>.
    /// Give ids or a filter, not both.</summary>
    public Task<MutationResult> DeleteAsync(string collectionName, IEnumerable<object>? ids = null, string? filter = null,
        string? partitionName = null, IDictionary<string, object?>? filterParams = null, ConsistencyLevel? consistencyLevel = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => DeleteCoreAsync(collectionName, ids, filter, partitionName, filterParams, consistencyLevel, timeout, cancellationToken);

    /// <summary>pymilvus <c>get(collection_name, ids, output_fields=None, partition_names=None)</c>.</summary>
    public Task<QueryResult> GetAsync(string collectionName, IEnumerable<object> ids, IReadOnlyList<string>? outputFields = null,
        IReadOnlyList<string>? partitionNames = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => GetCoreAsync(collectionName, ids, outputFields, partitionNames, timeout, cancellationToken);

    /// <summary>pymilvus <c>query(collection_name, filter="", output_fields=None, ids=None, partition_names=None, **kw)</c>.</summary>
    public Task<QueryResult> QueryAsync(string collectionName, string filter = "", IReadOnlyList<string>? outputFields = null,
        IEnumerable<object>? ids = null, IReadOnlyList<string>? partitionNames = null, QueryOptions? options = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => QueryCoreAsync(collectionName, filter, outputFields, ids, partitionNames, options ?? new QueryOptions(), timeout, cancellationToken);

    /// <summary>
    /// pymilvus <c>search(collection_name, data, filter, limit=10, output_fields, search_params, partition_names, anns_field, ranker, ids, **kw)</c>.
    /// <paramref name="data"/> holds query vectors (float[], ReadOnlyMemory&lt;float&gt;, Half[], byte[], sparse dictionaries, or texts for BM25);
    /// or give <paramref name="ids"/> to search by primary keys.
    /// </summary>
    public Task<SearchResults> SearchAsync(string collectionName, IReadOnlyList<object>? data = null, string filter = "", int limit = 10,
        IReadOnlyList<string>? outputFields = null, IDictionary<string, object?>? searchParams = null,
        IReadOnlyList<string>? partitionNames = null, string? annsField = null, Ranker? ranker = null, IReadOnlyList<object>? ids = null,
        SearchOptions? options = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => SearchCoreAsync(collectionName, data, filter, limit, outputFields, searchParams, partitionNames, annsField, ranker, ids,
            options ?? new SearchOptions(), timeout, cancellationToken);

    /// <summary>pymilvus <c>search</c> with its arguments named in one <see cref="SearchQuery"/> (same call as the positional overload).</summary>
    public Task<SearchResults> SearchAsync(string collectionName, SearchQuery query, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SearchCoreAsync(collectionName, query.Data, query.Filter, query.Limit, query.OutputFields, query.SearchParams, query.PartitionNames,
            query.AnnsField, query.Ranker, query.Ids, query.Options ?? new SearchOptions(), timeout, cancellationToken);
    }

    /// <summary>pymilvus <c>hybrid_search(collection_name, reqs, ranker, limit=10, output_fields, partition_names, **kw)</c>.</summary>
    public Task<SearchResults> HybridSearchAsync(string collectionName, IReadOnlyList<AnnSearchRequest> requests, Ranker ranker,
        int limit = 10, IReadOnlyList<string>? outputFields = null, IReadOnlyList<string>? partitionNames = null,
        SearchOptions? options = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => HybridSearchCoreAsync(collectionName, requests, ranker, limit, outputFields, partitionNames, options ?? new SearchOptions(), timeout,
            cancellationToken);

    /// <summary>
    /// pymilvus <c>query_iterator(collection_name, batch_size=1000, limit=-1, filter="", output_fields, partition_names, **kw)</c>:
    /// pages of rows ordered by primary key, pinned to one MVCC snapshot.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryIterator(string collectionName, int batchSize = 1000,
        long limit = -1, string filter = "", IReadOnlyList<string>? outputFields = null, IReadOnlyList<string>? partitionNames = null,
        QueryIteratorOptions? options = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => QueryIteratorCore(collectionName, batchSize, limit, filter, outputFields, partitionNames, options ?? new QueryIteratorOptions(),
            timeout, cancellationToken);

    /// <summary>
    /// pymilvus <c>search_iterator(collection_name, data, batch_size=1000, filter, limit=-1, output_fields, search_params,
    /// partition_names, anns_field, round_decimal=-1)</c> (SearchIteratorV2): pages of hits for one query vector.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<SearchHit>> SearchIterator(string collectionName, object data, int batchSize = 1000,
        string? filter = null, long limit = -1, IReadOnlyList<string>? outputFields = null, IDictionary<string, object?>? searchParams = null,
        IReadOnlyList<string>? partitionNames = null, string? annsField = null, int roundDecimal = -1, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => SearchIteratorCore(collectionName, data, batchSize, filter, limit, outputFields, searchParams, partitionNames, annsField,
            roundDecimal, timeout, cancellationToken);
}
