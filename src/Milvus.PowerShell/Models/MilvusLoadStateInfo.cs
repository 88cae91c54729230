using Milvus.Client;

namespace Milvus.PowerShell.Models;

/// <summary>The load state of a collection or partition (Get-MilvusLoadState).</summary>
public sealed class MilvusLoadStateInfo : MilvusCollectionObject
{
    public string? PartitionName { get; set; }

    public LoadState State { get; set; }

    /// <summary>Percent loaded (0-100) while loading.</summary>
    public long? Progress { get; set; }

    public override string ToString() => State.ToString();
}
