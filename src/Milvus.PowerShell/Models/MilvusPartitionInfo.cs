namespace Milvus.PowerShell.Models;

/// <summary>A partition of a collection (Get-/New-MilvusPartition).</summary>
public sealed class MilvusPartitionInfo : MilvusCollectionObject
{
    /// <summary>The partition name. Pipes to -PartitionName (alias Name binds only on partition cmdlets).</summary>
    public string PartitionName { get; set; } = string.Empty;

    public long? RowCount { get; set; }

    public override string ToString() => PartitionName;
}
