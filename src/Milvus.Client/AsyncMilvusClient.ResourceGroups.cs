using Milvus.Protocol.Api;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>create_resource_group(name, config=)</c>.</summary>
    public Task CreateResourceGroupAsync(string name, ResourceGroupConfig? config = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("CreateResourceGroup", new CreateResourceGroupRequest { ResourceGroup = name, Config = ToProtoConfig(config) },
            (c, r, o) => c.CreateResourceGroupAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>update_resource_groups(configs)</c>.</summary>
    public Task UpdateResourceGroupsAsync(IReadOnlyDictionary<string, ResourceGroupConfig> configs, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("UpdateResourceGroups", BuildUpdateResourceGroups(configs), (c, r, o) => c.UpdateResourceGroupsAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>drop_resource_group</c>.</summary>
    public Task DropResourceGroupAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => CallAsync("DropResourceGroup", new DropResourceGroupRequest { ResourceGroup = name }, (c, r, o) => c.DropResourceGroupAsync(r, o),
            timeout, cancellationToken);

    /// <summary>pymilvus <c>describe_resource_group</c>.</summary>
    public Task<ResourceGroupInfo> DescribeResourceGroupAsync(string name, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => MapAsync(CallAsync("DescribeResourceGroup", new DescribeResourceGroupRequest { ResourceGroup = name },
            (c, r, o) => c.DescribeResourceGroupAsync(r, o), timeout, cancellationToken), r => ToResourceGroupInfo(r.ResourceGroup));

    /// <summary>pymilvus <c>list_resource_groups</c>.</summary>
    public Task<IReadOnlyList<string>> ListResourceGroupsAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("ListResourceGroups", new ListResourceGroupsRequest(),
            (c, r, o) => c.ListResourceGroupsAsync(r, o), timeout, cancellationToken), r => (IReadOnlyList<string>)r.ResourceGroups.ToList());

    /// <summary>pymilvus <c>transfer_replica(source_group, target_group, collection_name, num_replicas)</c>.</summary>
    public Task TransferReplicaAsync(string sourceGroup, string targetGroup, string collectionName, long numReplicas,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => CallAsync("TransferReplica", new TransferReplicaRequest
        {
            SourceResourceGroup = sourceGroup, TargetResourceGroup = targetGroup, CollectionName = collectionName, NumReplica = numReplicas,
        }, (c, r, o) => c.TransferReplicaAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>describe_replica</c>.</summary>
    public Task<IReadOnlyList<ReplicaInfo>> DescribeReplicaAsync(string collectionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => DescribeReplicaCoreAsync(collectionName, timeout, cancellationToken);
}
