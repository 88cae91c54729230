namespace Milvus.PowerShell.Models;

/// <summary>A finished flush (pymilvus flush / flush_all), written by Save-MilvusCollection -PassThru.</summary>
public sealed class MilvusFlushResult : MilvusCollectionObject
{
    /// <summary>True for a flush of every collection (-All, pymilvus flush_all).</summary>
    public bool All { get; set; }

    /// <summary>True when the cmdlet waited until the data was sealed and persisted.</summary>
    public bool Completed { get; set; }

    public override string ToString() => All ? $"all collections in '{DatabaseName}'" : CollectionName;
}
