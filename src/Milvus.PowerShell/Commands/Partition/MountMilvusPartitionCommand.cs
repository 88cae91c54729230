using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Partition;

/// <summary>
/// <para type="synopsis">Loads partitions into memory so they can be searched and queried.</para>
/// <para type="description">Wraps load_partitions (all given partitions in one call). Waits with progress unless -NoWait.</para>
/// </summary>
[Cmdlet(VerbsData.Mount, "MilvusPartition", SupportsShouldProcess = true)]
[OutputType(typeof(MilvusPartitionInfo))]
public sealed class MountMilvusPartitionCommand : MilvusPartitionCmdlet
{
    /// <summary>Number of in-memory replicas.</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int? ReplicaNumber { get; set; }

    /// <summary>Return at once instead of waiting for loading to finish.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>Write the loaded partitions (as Get-MilvusPartition does) once loading has finished.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        string[] partitions = Name;
        if (!ShouldProcess(PartitionsTarget, "Load partitions"))
        {
            return;
        }

        var options = new LoadOptions { ReplicaNumber = ReplicaNumber, NoWait = NoWait };
        ThrottledProgress progress = StartProgress($"Loading partitions of '{CollectionName}'", "Starting");
        bool loaded = TryInvoke(CollectionName, ct => LoadWaiter.RunAsync(options,
            token => client.LoadPartitionsAsync(CollectionName, partitions, options, cancellationToken: token), progress, ct));
        if (!loaded || !PassThru)
        {
            return;
        }

        foreach (string partition in partitions)
        {
            if (TryInvoke(partition, ct => client.GetPartitionStatsAsync(CollectionName, partition, cancellationToken: ct), out CollectionStatistics stats))
            {
                WriteObject(Stamp(new MilvusPartitionInfo { CollectionName = CollectionName, PartitionName = partition, RowCount = stats.RowCount }));
            }
        }
    }
}
