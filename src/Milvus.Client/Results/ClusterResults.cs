namespace Milvus.Client;

/// <summary>Resource group settings (proto <c>rg.ResourceGroupConfig</c>).</summary>
public sealed class ResourceGroupConfig
{
    public int RequestsNodeNum { get; set; }
    public int LimitsNodeNum { get; set; }
    public List<string> TransferFrom { get; } = new();
    public List<string> TransferTo { get; } = new();
    /// <summary>Node labels that nodes must carry (node_filter.node_labels).</summary>
    public Dictionary<string, string> NodeLabels { get; } = new();
}

/// <summary>A query node as resource-group descriptions report it.</summary>
public sealed record NodeInfo(long NodeId, string Address, string Hostname);

/// <summary>describe_resource_group's answer (pymilvus <c>ResourceGroupInfo</c>).</summary>
public sealed class ResourceGroupInfo
{
    public required string Name { get; init; }
    public int Capacity { get; init; }
    public int NumAvailableNode { get; init; }
    public IReadOnlyDictionary<string, int> NumLoadedReplica { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> NumOutgoingNode { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> NumIncomingNode { get; init; } = new Dictionary<string, int>();
    public ResourceGroupConfig? Config { get; init; }
    public IReadOnlyList<NodeInfo> Nodes { get; init; } = Array.Empty<NodeInfo>();
}

/// <summary>One shard of a replica.</summary>
public sealed record ShardReplica(string ChannelName, long ShardLeader, IReadOnlyList<long> ShardNodes, string LeaderAddress = "");

/// <summary>describe_replica entries (pymilvus <c>ReplicaInfo</c>).</summary>
public sealed class ReplicaInfo
{
    public long Id { get; init; }
    public long CollectionId { get; init; }
    public IReadOnlyList<long> PartitionIds { get; init; } = Array.Empty<long>();
    public IReadOnlyList<ShardReplica> Shards { get; init; } = Array.Empty<ShardReplica>();
    public IReadOnlyList<long> GroupNodes { get; init; } = Array.Empty<long>();
    public string ResourceGroupName { get; init; } = "";
    public IReadOnlyDictionary<string, int> NumOutboundNode { get; init; } = new Dictionary<string, int>();
}

/// <summary>list_persistent_segments entries (pymilvus <c>SegmentInfo</c>).</summary>
public class SegmentInfo
{
    public long SegmentId { get; init; }
    public long CollectionId { get; init; }
    public string CollectionName { get; init; } = "";
    public long PartitionId { get; init; }
    public long NumRows { get; init; }
    public bool IsSorted { get; init; }
    public SegmentState State { get; init; }
    public SegmentLevel Level { get; init; }
    public long StorageVersion { get; init; }
}

/// <summary>list_loaded_segments entries (pymilvus <c>LoadedSegmentInfo</c>).</summary>
public sealed class LoadedSegmentInfo : SegmentInfo
{
    public string IndexName { get; init; } = "";
    public long IndexId { get; init; }
    public IReadOnlyList<long> NodeIds { get; init; } = Array.Empty<long>();
    public long MemSize { get; init; }
}

/// <summary>One plan of get_compaction_plans.</summary>
public sealed record CompactionPlan(IReadOnlyList<long> Sources, long Target);

/// <summary>get_compaction_plans's answer.</summary>
public sealed record CompactionPlans(CompactionState State, IReadOnlyList<CompactionPlan> Plans);

/// <summary>get_server_version(detail=True)'s answer.</summary>
public sealed record ServerVersionInfo(string Version, string BuildTime, string GitCommit, string GoVersion, string DeployMode,
    IReadOnlyDictionary<string, string> Reserved);

/// <summary>One token of run_analyzer (hash and offsets only with with_hash / with_detail).</summary>
public sealed record AnalyzerToken(string Token, long StartOffset = 0, long EndOffset = 0, long Position = 0, long PositionLength = 0, uint Hash = 0);

/// <summary>run_analyzer's answer for one text.</summary>
public sealed record AnalyzerResult(IReadOnlyList<AnalyzerToken> Tokens);

/// <summary>optimize's answer (pymilvus <c>OptimizeResult</c>).</summary>
public sealed record OptimizeResult(string Status, string CollectionName, long CompactionId, string? TargetSize, string Progress);

/// <summary>A cluster of a replication configuration (proto <c>common.MilvusCluster</c>).</summary>
public sealed record ReplicateCluster(string ClusterId, string Uri, string Token, IReadOnlyList<string> Pchannels)
{
    /// <summary>Keeps the token out of logs.</summary>
    public override string ToString() => $"{ClusterId} ({Uri})";
}

/// <summary>A source→target edge of a replication topology.</summary>
public sealed record ReplicateTopology(string SourceClusterId, string TargetClusterId);

/// <summary>get_replicate_configuration's answer.</summary>
public sealed record ReplicateConfiguration(IReadOnlyList<ReplicateCluster> Clusters, IReadOnlyList<ReplicateTopology> Topology);

/// <summary>A replication checkpoint.</summary>
public sealed record ReplicateCheckpoint(string ClusterId, string Pchannel, string MessageId, string WalName, ulong TimeTick);

/// <summary>get_replicate_info's answer.</summary>
public sealed record ReplicateInfo(ReplicateCheckpoint? Checkpoint, ReplicateCheckpoint? SalvageCheckpoint);

/// <summary>One message streamed by dump_messages.</summary>
public sealed record DumpedMessage(string MessageId, string WalName, byte[] Payload, IReadOnlyDictionary<string, string> Properties);
