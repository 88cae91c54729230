using System.Management.Automation;
using Milvus.Client;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Get-MilvusReplicateConfiguration: pymilvus get_replicate_configuration (the clusters of cross-cluster replication and
/// the topology between them; cluster tokens are masked). Milvus servers without replication, and the local engine, answer "unsupported operation".
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusReplicateConfiguration")]
[OutputType(typeof(ReplicateConfiguration))]
public sealed class GetMilvusReplicateConfigurationCommand : MilvusCmdlet
{
    protected override string ErrorThing => "Replication";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        if (TryInvoke(null, ct => client.GetReplicateConfigurationAsync(cancellationToken: ct), out ReplicateConfiguration configuration))
        {
            WriteObject(WithoutTokens(configuration));
        }
    }

    /// <summary>Secrets never reach the pipeline: each cluster's token is masked (empty stays empty).</summary>
    private static ReplicateConfiguration WithoutTokens(ReplicateConfiguration configuration) => configuration with
    {
        Clusters = configuration.Clusters.Select(c => c with { Token = c.Token.Length == 0 ? string.Empty : "********" }).ToList(),
    };
}
