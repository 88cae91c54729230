using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands.Partition;

/// <summary>
/// <para type="synopsis">Deletes partitions and their data.</para>
/// <para type="description">Wraps drop_partition (release the partition first). Irreversible: ConfirmImpact High.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MilvusPartition", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMilvusPartitionCommand : MilvusPartitionCmdlet
{
    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        foreach (string partition in Name)
        {
            if (ExistsForRemoval("Partition", partition, ct => client.HasPartitionAsync(CollectionName, partition, cancellationToken: ct))
                && ShouldProcess(DescribeTarget("partition", $"{CollectionName}/{partition}"), "Remove partition"))
            {
                TryInvoke(partition, ct => client.DropPartitionAsync(CollectionName, partition, cancellationToken: ct));
            }
        }
    }
}
