using System.Collections;
using System.Management.Automation;
using Milvus.Client;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Set-MilvusReplicateConfiguration: pymilvus update_replicate_configuration. -Cluster takes hashtables with ClusterId,
/// Uri, Token and Pchannels; -Topology hashtables with SourceClusterId and TargetClusterId. Tokens are never echoed.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MilvusReplicateConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class SetMilvusReplicateConfigurationCommand : MilvusCmdlet
{
    /// <summary>The clusters: @{ ClusterId = 'a'; Uri = 'http://a:19530'; Token = '...'; Pchannels = 'a-rootcoord-dml_0' }.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public Hashtable[] Cluster { get; set; } = Array.Empty<Hashtable>();

    /// <summary>Replication edges: @{ SourceClusterId = 'a'; TargetClusterId = 'b' }.</summary>
    [Parameter(Position = 1)]
    public Hashtable[]? Topology { get; set; }

    /// <summary>Promote this cluster to primary even if the old primary is unreachable (pymilvus force_promote).</summary>
    [Parameter]
    public SwitchParameter ForcePromote { get; set; }

    protected override string ErrorThing => "Replication";

    protected override void ProcessRecord()
    {
        var clusters = Cluster.Select(ToCluster).ToList();
        var topology = Topology?.Select(t => new ReplicateTopology(Required(t, "SourceClusterId"), Required(t, "TargetClusterId"))).ToList();
        string action = $"Replicate between {string.Join(", ", clusters.Select(c => c.ClusterId))}{(ForcePromote ? " (force promote)" : string.Empty)}";
        if (!ShouldProcess(DescribeTarget("replicate configuration", "cluster"), action))
        {
            return;
        }

        var client = ResolveClient();
        TryInvoke(null, ct => client.UpdateReplicateConfigurationAsync(clusters, topology, ForcePromote, cancellationToken: ct));
    }

    private ReplicateCluster ToCluster(Hashtable table)
    {
        object? channels = PSObject.AsPSObject(table["Pchannels"] ?? Array.Empty<string>()).BaseObject;
        var pchannels = channels is string one ? new List<string> { one }
            : LanguagePrimitives.ConvertTo<string[]>(channels).ToList();
        return new ReplicateCluster(Required(table, "ClusterId"), Required(table, "Uri"), table["Token"]?.ToString() ?? string.Empty, pchannels);
    }

    private string Required(Hashtable table, string key)
    {
        string? value = table[key]?.ToString();
        if (string.IsNullOrEmpty(value))
        {
            ThrowError("MilvusReplicateConfigurationInvalid", ErrorCategory.InvalidArgument, key,
                $"Each -Cluster needs ClusterId and Uri, each -Topology SourceClusterId and TargetClusterId; '{key}' is missing.");
        }

        return value!;
    }
}
