using Milvus.Client.Internal.Conversion;
using Milvus.Protocol.Api;
using Rg = Milvus.Protocol.ResourceGroups;

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

    internal static Rg.ResourceGroupConfig? ToProtoConfig(ResourceGroupConfig? config)
    {
        if (config is null) return null;
        var proto = new Rg.ResourceGroupConfig
        {
            Requests = new Rg.ResourceGroupLimit { NodeNum = config.RequestsNodeNum },
            Limits = new Rg.ResourceGroupLimit { NodeNum = config.LimitsNodeNum },
        };
        proto.TransferFrom.AddRange(config.TransferFrom.Select(g => new Rg.ResourceGroupTransfer { ResourceGroup = g }));
        proto.TransferTo.AddRange(config.TransferTo.Select(g => new Rg.ResourceGroupTransfer { ResourceGroup = g }));
        if (config.NodeLabels.Count > 0)
        {
            proto.NodeFilter = new Rg.ResourceGroupNodeFilter();
            proto.NodeFilter.NodeLabels.AddRange(config.NodeLabels.Select(l => new Milvus.Protocol.Common.KeyValuePair { Key = l.Key, Value = l.Value }));
        }
        return proto;
    }

    private static UpdateResourceGroupsRequest BuildUpdateResourceGroups(IReadOnlyDictionary<string, ResourceGroupConfig> configs)
    {
        var request = new UpdateResourceGroupsRequest();
        foreach (var (name, config) in configs) request.ResourceGroups[name] = ToProtoConfig(config);
        return request;
    }

    private static ResourceGroupConfig? FromProtoConfig(Rg.ResourceGroupConfig? proto)
    {
        if (proto is null) return null;
        var config = new ResourceGroupConfig { RequestsNodeNum = proto.Requests?.NodeNum ?? 0, LimitsNodeNum = proto.Limits?.NodeNum ?? 0 };
        config.TransferFrom.AddRange(proto.TransferFrom.Select(t => t.ResourceGroup));
        config.TransferTo.AddRange(proto.TransferTo.Select(t => t.ResourceGroup));
        if (proto.NodeFilter is { } filter)
            foreach (var label in filter.NodeLabels) config.NodeLabels[label.Key] = label.Value;
        return config;
    }

    private static ResourceGroupInfo ToResourceGroupInfo(ResourceGroup group) => new()
    {
        Name = group.Name,
        Capacity = group.Capacity,
        NumAvailableNode = group.NumAvailableNode,
        NumLoadedReplica = new Dictionary<string, int>(group.NumLoadedReplica),
        NumOutgoingNode = new Dictionary<string, int>(group.NumOutgoingNode),
        NumIncomingNode = new Dictionary<string, int>(group.NumIncomingNode),
        Config = FromProtoConfig(group.Config),
        Nodes = group.Nodes.Select(n => new NodeInfo(n.NodeId, n.Address, n.Hostname)).ToList(),
    };

    /// <summary>pymilvus describe_replica: DescribeCollection for the id, then GetReplicas(collection_id, with_shard_nodes).</summary>
    private async Task<IReadOnlyList<ReplicaInfo>> DescribeReplicaCoreAsync(string collectionName, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var info = await GetCollectionInfoAsync(collectionName, timeout, cancellationToken).ConfigureAwait(false);
        var reply = await CallAsync("GetReplicas", new GetReplicasRequest { CollectionID = info.CollectionId, WithShardNodes = true, CollectionName = collectionName },
            (c, r, o) => c.GetReplicasAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        return reply.Replicas.Select(r => new ReplicaInfo
        {
            Id = r.ReplicaID,
            CollectionId = r.CollectionID,
            PartitionIds = r.PartitionIds.ToList(),
            Shards = r.ShardReplicas.Select(s => new ShardReplica(s.DmChannelName, s.LeaderID, s.NodeIds.ToList(), s.LeaderAddr)).ToList(),
            GroupNodes = r.NodeIds.ToList(),
            ResourceGroupName = r.ResourceGroupName,
            NumOutboundNode = new Dictionary<string, int>(r.NumOutboundNode),
        }).ToList();
    }
}
