using System.Management.Automation;
using Milvus.Client;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Get-MilvusReplicateInfo: pymilvus get_replicate_info (the replication checkpoint of a source cluster on a target
/// physical channel). Milvus servers without replication, and the local engine, answer "unsupported operation".
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusReplicateInfo")]
[OutputType(typeof(ReplicateInfo))]
public sealed class GetMilvusReplicateInfoCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string SourceClusterId { get; set; } = string.Empty;

    /// <summary>The physical channel on this (target) cluster.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string TargetPchannel { get; set; } = string.Empty;

    protected override string ErrorThing => "Replication";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        if (TryInvoke(SourceClusterId, ct => client.GetReplicateInfoAsync(SourceClusterId, TargetPchannel, cancellationToken: ct), out ReplicateInfo info))
        {
            WriteObject(info);
        }
    }
}
