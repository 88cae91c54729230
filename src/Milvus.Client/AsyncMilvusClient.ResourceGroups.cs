namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>create_resource_group(name, config=)</c>.</summary>
    public Task CreateResourceGroupAsync(string name, ResourceGroupConfig? config = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>update_resource_groups(configs)</c>.</summary>
    public Task UpdateResourceGroupsAsync(IReadOnlyDictionary<string, ResourceGroupConfig> configs, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>drop_resource_group</c>.</summary>
    public Task DropResourceGroupAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>describe_resource_group</c>.</summary>
    public Task<ResourceGroupInfo> DescribeResourceGroupAsync(string name, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>list_resource_groups</c>.</summary>
    public Task<IReadOnlyList<string>> ListResourceGroupsAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>transfer_replica(source_group, target_group, collection_name, num_replicas)</c>.</summary>
    public Task TransferReplicaAsync(string sourceGroup, string targetGroup, string collectionName, long numReplicas,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>describe_replica</c>.</summary>
    public Task<IReadOnlyList<ReplicaInfo>> DescribeReplicaAsync(string collectionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();
}
