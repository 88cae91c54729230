using System.Management.Automation;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Get-MilvusReplica: pymilvus describe_replica (the replicas of a loaded collection).</summary>
[Cmdlet(VerbsCommon.Get, "MilvusReplica")]
[OutputType(typeof(MilvusReplicaInfo))]
public sealed class GetMilvusReplicaCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] CollectionName { get; set; } = Array.Empty<string>();

    protected override string ErrorThing => "Collection";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string name in CollectionName)
        {
            if (!TryInvoke(name, ct => client.DescribeReplicaAsync(name, cancellationToken: ct), out var replicas))
            {
                continue;
            }

            foreach (var replica in replicas)
            {
                WriteObject(Stamp(new MilvusReplicaInfo
                {
                    CollectionName = name,
                    Id = replica.Id,
                    ResourceGroupName = replica.ResourceGroupName,
                    Shards = replica.Shards.Select(s => s.ChannelName).ToArray(),
                    ShardLeaders = replica.Shards.Select(s => s.ShardLeader).ToArray(),
                    GroupNodes = replica.GroupNodes.ToArray(),
                }));
            }
        }
    }
}
