namespace Milvus.PowerShell.Models;

/// <summary>A segment of a collection (pymilvus list_persistent_segments / list_loaded_segments).</summary>
public sealed class MilvusSegmentInfo : MilvusCollectionObject
{
    public long SegmentId { get; set; }

    public long CollectionId { get; set; }

    public long PartitionId { get; set; }

    public long NumRows { get; set; }

    /// <summary>Growing, Sealed, Flushed, Flushing, Dropped...</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>L0, L1, L2 or Legacy.</summary>
    public string Level { get; set; } = string.Empty;

    public bool IsSorted { get; set; }

    public long StorageVersion { get; set; }

    /// <summary>True when the segment is in memory (list_loaded_segments has it): IndexName, NodeIds and MemSize are then filled.</summary>
    public bool IsLoaded { get; set; }

    public string IndexName { get; set; } = string.Empty;

    public long[] NodeIds { get; set; } = Array.Empty<long>();

    public long MemSize { get; set; }

    public override string ToString() => SegmentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
