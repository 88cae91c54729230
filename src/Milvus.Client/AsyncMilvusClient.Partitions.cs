namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>create_partition</c>.</summary>
    public Task CreatePartitionAsync(string collectionName, string partitionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>drop_partition</c>.</summary>
    public Task DropPartitionAsync(string collectionName, string partitionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>has_partition</c>.</summary>
    public Task<bool> HasPartitionAsync(string collectionName, string partitionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>list_partitions</c>.</summary>
    public Task<IReadOnlyList<string>> ListPartitionsAsync(string collectionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>load_partitions</c>: waits until loaded (unless <see cref="LoadOptions.NoWait"/>).</summary>
    public Task LoadPartitionsAsync(string collectionName, IReadOnlyList<string> partitionNames, LoadOptions? options = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>release_partitions</c>.</summary>
    public Task ReleasePartitionsAsync(string collectionName, IReadOnlyList<string> partitionNames, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>get_partition_stats</c>.</summary>
    public Task<CollectionStatistics> GetPartitionStatsAsync(string collectionName, string partitionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();
}
