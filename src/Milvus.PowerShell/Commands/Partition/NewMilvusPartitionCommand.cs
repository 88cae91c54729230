using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Partition;

/// <summary>
/// <para type="synopsis">Creates partitions in a collection.</para>
/// <para type="description">Wraps create_partition, once per name.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "MilvusPartition", SupportsShouldProcess = true)]
[OutputType(typeof(MilvusPartitionInfo))]
public sealed class NewMilvusPartitionCommand : MilvusPartitionCmdlet
{
    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        foreach (string partition in Name)
        {
            if (ShouldProcess(DescribeTarget("partition", $"{CollectionName}/{partition}"), "Create partition") &&
                TryInvoke(partition, ct => client.CreatePartitionAsync(CollectionName, partition, cancellationToken: ct)))
            {
                WriteObject(Stamp(new MilvusPartitionInfo { CollectionName = CollectionName, PartitionName = partition, RowCount = 0 }));
            }
        }
    }
}
