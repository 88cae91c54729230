using System.Collections;

namespace Milvus.PowerShell.Models;

/// <summary>A resource group of query nodes (pymilvus describe_resource_group / ResourceGroupInfo).</summary>
public sealed class MilvusResourceGroupInfo : MilvusObject
{
    public string Name { get; set; } = string.Empty;

    public int Capacity { get; set; }

    public int NumAvailableNode { get; set; }

    /// <summary>Loaded replicas per collection name.</summary>
    public Hashtable NumLoadedReplica { get; set; } = new();

    public Hashtable NumOutgoingNode { get; set; } = new();

    public Hashtable NumIncomingNode { get; set; } = new();

    /// <summary>Nodes the group asks for (config requests.node_num).</summary>
    public int RequestsNodeNum { get; set; }

    /// <summary>Most nodes the group may hold (config limits.node_num).</summary>
    public int LimitsNodeNum { get; set; }

    public string[] TransferFrom { get; set; } = Array.Empty<string>();

    public string[] TransferTo { get; set; } = Array.Empty<string>();

    /// <summary>Node addresses or hostnames.</summary>
    public string[] Nodes { get; set; } = Array.Empty<string>();

    public override string ToString() => Name;
}
