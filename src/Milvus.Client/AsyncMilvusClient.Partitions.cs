using Milvus.Client.Internal.Conversion;
using Milvus.Protocol.Api;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>create_partition</c>.</summary>
    public Task CreatePartitionAsync(string collectionName, string partitionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("CreatePartition", new CreatePartitionRequest { CollectionName = collectionName, PartitionName = partitionName },
            (c, r, o) => c.CreatePartitionAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>drop_partition</c>.</summary>
    public Task DropPartitionAsync(string collectionName, string partitionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("DropPartition", new DropPartitionRequest { CollectionName = collectionName, PartitionName = partitionName },
            (c, r, o) => c.DropPartitionAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>has_partition</c>.</summary>
    public Task<bool> HasPartitionAsync(string collectionName, string partitionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => MapAsync(CallAsync("HasPartition", new HasPartitionRequest { CollectionName = collectionName, PartitionName = partitionName },
            (c, r, o) => c.HasPartitionAsync(r, o), timeout, cancellationToken), r => r.Value);

    /// <summary>pymilvus <c>list_partitions</c>.</summary>
    public Task<IReadOnlyList<string>> ListPartitionsAsync(string collectionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => MapAsync(CallAsync("ShowPartitions", new ShowPartitionsRequest { CollectionName = collectionName },
            (c, r, o) => c.ShowPartitionsAsync(r, o), timeout, cancellationToken), r => (IReadOnlyList<string>)r.PartitionNames.ToList());

    /// <summary>pymilvus <c>load_partitions</c>: waits until loaded (unless <see cref="LoadOptions.NoWait"/>).</summary>
    public Task LoadPartitionsAsync(string collectionName, IReadOnlyList<string> partitionNames, LoadOptions? options = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => LoadCoreAsync(collectionName, partitionNames, options ?? new LoadOptions(), timeout, cancellationToken);

    /// <summary>pymilvus <c>release_partitions</c>.</summary>
    public Task ReleasePartitionsAsync(string collectionName, IReadOnlyList<string> partitionNames, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("ReleasePartitions", new ReleasePartitionsRequest { CollectionName = collectionName, PartitionNames = { partitionNames } },
            (c, r, o) => c.ReleasePartitionsAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>get_partition_stats</c>.</summary>
    public Task<CollectionStatistics> GetPartitionStatsAsync(string collectionName, string partitionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => MapAsync(CallAsync("GetPartitionStatistics",
            new GetPartitionStatisticsRequest { CollectionName = collectionName, PartitionName = partitionName },
            (c, r, o) => c.GetPartitionStatisticsAsync(r, o), timeout, cancellationToken), r => ToStatistics(r.Stats));
}
