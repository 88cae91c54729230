using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands.Partition;

/// <summary>
/// <para type="synopsis">Releases partitions from memory (their data stays stored).</para>
/// <para type="description">Wraps release_partitions.</para>
/// </summary>
[Cmdlet(VerbsData.Dismount, "MilvusPartition", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class DismountMilvusPartitionCommand : MilvusPartitionCmdlet
{
    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        string[] partitions = Name;
        if (ShouldProcess(PartitionsTarget, "Release partitions"))
        {
            TryInvoke(CollectionName, ct => client.ReleasePartitionsAsync(CollectionName, partitions, cancellationToken: ct));
        }
    }
}
