namespace Milvus.Client;

/// <summary>
/// pymilvus <c>AsyncMilvusClientSession</c> (from <see cref="AsyncMilvusClient.Session"/>): search, hybrid_search, query and get on the
/// parent client, each pinned to one cluster id (sent as <c>cluster_id</c> in the search, rank or query parameters). Closing the session
/// leaves the client open.
/// </summary>
public sealed class AsyncMilvusClientSession
{
    private readonly AsyncMilvusClient _parent;
    private bool _closed;

    internal AsyncMilvusClientSession(AsyncMilvusClient parent, string clusterId)
    {
        _parent = parent;
        ClusterId = clusterId;
    }

    public string ClusterId { get; }

    /// <summary>pymilvus session <c>close</c>: later calls fail.</summary>
    public Task CloseAsync()
    {
        _closed = true;
        return Task.CompletedTask;
    }

    /// <summary>pymilvus session <c>search</c>.</summary>
    public Task<SearchResults> SearchAsync(string collectionName, IReadOnlyList<object>? data = null, string filter = "", int limit = 10,
        IReadOnlyList<string>? outputFields = null, IDictionary<string, object?>? searchParams = null, IReadOnlyList<string>? partitionNames = null,
        string? annsField = null, Ranker? ranker = null, IReadOnlyList<object>? ids = null, SearchOptions? options = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        return _parent.SearchAsync(collectionName, data, filter, limit, outputFields, searchParams, partitionNames, annsField, ranker, ids,
            Pinned(options ?? new SearchOptions()), timeout, cancellationToken);
    }

    /// <summary>pymilvus session <c>hybrid_search</c>.</summary>
    public Task<SearchResults> HybridSearchAsync(string collectionName, IReadOnlyList<AnnSearchRequest> requests, Ranker ranker, int limit = 10,
        IReadOnlyList<string>? outputFields = null, IReadOnlyList<string>? partitionNames = null, SearchOptions? options = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        return _parent.HybridSearchAsync(collectionName, requests, ranker, limit, outputFields, partitionNames, Pinned(options ?? new SearchOptions()),
            timeout, cancellationToken);
    }

    /// <summary>pymilvus session <c>query</c>.</summary>
    public Task<QueryResult> QueryAsync(string collectionName, string filter = "", IReadOnlyList<string>? outputFields = null,
        IEnumerable<object>? ids = null, IReadOnlyList<string>? partitionNames = null, QueryOptions? options = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var pinned = options ?? new QueryOptions();
        pinned.ClusterId = ClusterId;
        return _parent.QueryAsync(collectionName, filter, outputFields, ids, partitionNames, pinned, timeout, cancellationToken);
    }

    /// <summary>pymilvus session <c>get</c>.</summary>
    public Task<QueryResult> GetAsync(string collectionName, IEnumerable<object> ids, IReadOnlyList<string>? outputFields = null,
        IReadOnlyList<string>? partitionNames = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        return _parent.GetPinnedAsync(collectionName, ids, outputFields, partitionNames, ClusterId, timeout, cancellationToken);
    }

    private SearchOptions Pinned(SearchOptions options)
    {
        options.ClusterId = ClusterId;
        return options;
    }

    private void EnsureOpen()
    {
        if (_closed) throw new MilvusException("AsyncMilvusClient session is closed");
    }
}
