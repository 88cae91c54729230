namespace Milvus.PowerShell.Models;

/// <summary>A snapshot of a collection (New-/Get-MilvusSnapshot; pymilvus SnapshotInfo).</summary>
public sealed class MilvusSnapshotInfo : MilvusCollectionObject
{
    /// <summary>The snapshot name, unique within its collection.</summary>
    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>The partitions the snapshot holds.</summary>
    public string[] PartitionNames { get; set; } = [];

    /// <summary>When the snapshot was taken.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Where the server keeps the snapshot's files (empty on the local engine, which keeps it in the .db file).</summary>
    public string S3Location { get; set; } = string.Empty;

    public override string ToString() => Name;
}
