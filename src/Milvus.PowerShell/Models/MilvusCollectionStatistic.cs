using System.Collections;

namespace Milvus.PowerShell.Models;

/// <summary>Row count and raw statistics of a collection or partition (Get-MilvusCollectionStatistic).</summary>
public sealed class MilvusCollectionStatistic : MilvusCollectionObject
{
    /// <summary>The partition, when the statistics are for one partition.</summary>
    public string? PartitionName { get; set; }

    public long RowCount { get; set; }

    public Hashtable Statistics { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
