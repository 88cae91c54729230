using System.Management.Automation;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands;

/// <summary>Move-MilvusReplica: pymilvus transfer_replica (replicas of a loaded collection to another resource group).</summary>
[Cmdlet(VerbsCommon.Move, "MilvusReplica", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class MoveMilvusReplicaCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string CollectionName { get; set; } = string.Empty;

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string SourceGroup { get; set; } = string.Empty;

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string TargetGroup { get; set; } = string.Empty;

    /// <summary>How many replicas to move (pymilvus num_replicas).</summary>
    [Parameter(Mandatory = true)]
    [Alias("NumReplica")]
    [ValidateRange(1, long.MaxValue)]
    public long ReplicaCount { get; set; }

    protected override string ErrorThing => "Replica";

    protected override void ProcessRecord()
    {
        if (ShouldProcess(DescribeTarget("collection", CollectionName), $"Move {ReplicaCount} replica(s) from '{SourceGroup}' to '{TargetGroup}'"))
        {
            var client = ResolveClient();
            TryInvoke(CollectionName, ct => client.TransferReplicaAsync(SourceGroup, TargetGroup, CollectionName, ReplicaCount, cancellationToken: ct));
        }
    }
}
