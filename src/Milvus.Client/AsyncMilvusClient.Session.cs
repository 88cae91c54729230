namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>session(cluster_id)</c>: a lightweight session whose search/query/get calls are pinned to <paramref name="clusterId"/>.</summary>
    public AsyncMilvusClientSession Session(string clusterId)
    {
        ArgumentNullException.ThrowIfNull(clusterId);
        return new AsyncMilvusClientSession(this, clusterId);
    }

    /// <summary>get pinned to a cluster (the session's get).</summary>
    internal Task<QueryResult> GetPinnedAsync(string collectionName, IEnumerable<object> ids, IReadOnlyList<string>? outputFields,
        IReadOnlyList<string>? partitionNames, string clusterId, TimeSpan? timeout, CancellationToken cancellationToken)
        => GetCoreAsync(collectionName, ids, outputFields, partitionNames, timeout, cancellationToken, new QueryOptions { ClusterId = clusterId });
}
