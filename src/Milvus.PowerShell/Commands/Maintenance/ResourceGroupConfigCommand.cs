using System.Collections;
using System.Management.Automation;
using Milvus.PowerShell.Internal;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Shared settings of New-/Set-MilvusResourceGroup (pymilvus ResourceGroupConfig: requests/limits node_num,
/// transfer_from/transfer_to, node_filter labels) and the conversion of describe_resource_group's answer.
/// </summary>
public abstract class ResourceGroupConfigCommand : MilvusCmdlet
{
    /// <summary>Query nodes the group asks for (requests.node_num).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int RequestNodeCount { get; set; }

    /// <summary>Most query nodes the group may hold (limits.node_num).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int LimitNodeCount { get; set; }

    /// <summary>Groups to take missing nodes from (transfer_from).</summary>
    [Parameter]
    public string[]? TransferFrom { get; set; }

    /// <summary>Groups to give surplus nodes to (transfer_to).</summary>
    [Parameter]
    public string[]? TransferTo { get; set; }

    /// <summary>Node labels a node must carry to join (node_filter.node_labels).</summary>
    [Parameter]
    public Hashtable? NodeLabel { get; set; }

    protected override string ErrorThing => "ResourceGroup";

    /// <summary>The config from the bound parameters, over <paramref name="current"/> settings when updating.</summary>
    protected ResourceGroupConfig BuildConfig(ResourceGroupConfig? current)
    {
        var config = new ResourceGroupConfig
        {
            RequestsNodeNum = Bound(nameof(RequestNodeCount)) ? RequestNodeCount : current?.RequestsNodeNum ?? 0,
            LimitsNodeNum = Bound(nameof(LimitNodeCount)) ? LimitNodeCount : current?.LimitsNodeNum ?? 0,
        };
        config.TransferFrom.AddRange(TransferFrom ?? current?.TransferFrom.ToArray() ?? Array.Empty<string>());
        config.TransferTo.AddRange(TransferTo ?? current?.TransferTo.ToArray() ?? Array.Empty<string>());
        var labels = NodeLabel is not null ? PropertyConversion.ToDictionary(NodeLabel).ToDictionary(p => p.Key, p => Convert.ToString(p.Value) ?? string.Empty)
            : current?.NodeLabels ?? new Dictionary<string, string>();
        foreach (var label in labels)
        {
            config.NodeLabels[label.Key] = label.Value;
        }

        return config;
    }

    private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

    /// <summary>The output object for a resource group.</summary>
    internal static MilvusResourceGroupInfo ToOutput(ResourceGroupInfo info) => new()
    {
        Name = info.Name,
        Capacity = info.Capacity,
        NumAvailableNode = info.NumAvailableNode,
        NumLoadedReplica = PropertyConversion.ToHashtable(info.NumLoadedReplica),
        NumOutgoingNode = PropertyConversion.ToHashtable(info.NumOutgoingNode),
        NumIncomingNode = PropertyConversion.ToHashtable(info.NumIncomingNode),
        RequestsNodeNum = info.Config?.RequestsNodeNum ?? 0,
        LimitsNodeNum = info.Config?.LimitsNodeNum ?? 0,
        TransferFrom = info.Config?.TransferFrom.ToArray() ?? Array.Empty<string>(),
        TransferTo = info.Config?.TransferTo.ToArray() ?? Array.Empty<string>(),
        Nodes = info.Nodes.Select(n => string.IsNullOrEmpty(n.Address) ? n.Hostname : n.Address).ToArray(),
    };
}
