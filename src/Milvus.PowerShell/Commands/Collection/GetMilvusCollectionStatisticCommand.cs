using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Gets the row count (and other statistics) of a collection or of some of its partitions.</para>
/// <para type="description">Wraps get_collection_stats, or get_partition_stats for each -PartitionName. The row count
/// includes rows not flushed yet only after Save-MilvusCollection (flush), as in Milvus.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusCollectionStatistic")]
[OutputType(typeof(MilvusCollectionStatistic))]
public sealed class GetMilvusCollectionStatisticCommand : MilvusNamedCollectionCmdlet
{
    /// <summary>Partitions to report on separately (default: the whole collection).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PartitionNameCompleter))]
    public string[]? PartitionName { get; set; }

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (PartitionName is null)
        {
            if (TryInvoke(Name, ct => client.GetCollectionStatsAsync(Name, cancellationToken: ct), out CollectionStatistics stats))
            {
                WriteObject(Stamp(ToStatistic(stats, null)));
            }

            return;
        }

        foreach (string partition in PartitionName)
        {
            if (TryInvoke(partition, ct => client.GetPartitionStatsAsync(Name, partition, cancellationToken: ct), out CollectionStatistics stats))
            {
                WriteObject(Stamp(ToStatistic(stats, partition)));
            }
        }
    }

    private MilvusCollectionStatistic ToStatistic(CollectionStatistics stats, string? partition) => new()
    {
        CollectionName = Name,
        PartitionName = partition,
        RowCount = stats.RowCount,
        Statistics = PropertyConversion.ToHashtable(stats.Stats),
    };
}
