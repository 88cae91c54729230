using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Partition;

/// <summary>
/// <para type="synopsis">Gets the partitions of a collection, with their row counts.</para>
/// <para type="description">Wraps list_partitions and get_partition_stats. -Name (alias PartitionName) takes wildcards.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusPartition")]
[OutputType(typeof(MilvusPartitionInfo))]
public sealed class GetMilvusPartitionCommand : MilvusCmdlet
{
    /// <summary>The collection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string CollectionName { get; set; } = string.Empty;

    /// <summary>Partition names; wildcards allowed. Default: all. Not bound by property name, so a piped collection's Name stays its own.</summary>
    [Parameter(Position = 1)]
    [Alias("PartitionName", "Partition")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(PartitionNameCompleter))]
    public string[]? Name { get; set; }

    protected override string ErrorThing => "Partition";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (!TryInvoke(CollectionName, ct => client.ListPartitionsAsync(CollectionName, cancellationToken: ct), out IReadOnlyList<string> all))
        {
            return;
        }

        foreach (string partition in SelectNames(all, Name, "Partition", "MilvusPartitionNotFound"))
        {
            if (TryInvoke(partition, ct => client.GetPartitionStatsAsync(CollectionName, partition, cancellationToken: ct), out CollectionStatistics stats))
            {
                WriteObject(Stamp(new MilvusPartitionInfo { CollectionName = CollectionName, PartitionName = partition, RowCount = stats.RowCount }));
            }
        }
    }
}
