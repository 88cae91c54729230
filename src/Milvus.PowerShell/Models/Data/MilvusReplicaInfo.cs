namespace Milvus.PowerShell.Models;

/// <summary>One replica of a loaded collection (pymilvus describe_replica / ReplicaInfo).</summary>
public sealed class MilvusReplicaInfo : MilvusCollectionObject
{
    public long Id { get; set; }

    public string ResourceGroupName { get; set; } = string.Empty;

    /// <summary>Shard channel names.</summary>
    public string[] Shards { get; set; } = Array.Empty<string>();

    /// <summary>Leader node id of each shard, in the order of <see cref="Shards"/>.</summary>
    public long[] ShardLeaders { get; set; } = Array.Empty<long>();

    public long[] GroupNodes { get; set; } = Array.Empty<long>();

    public override string ToString() => $"{CollectionName} replica {Id}";
}
