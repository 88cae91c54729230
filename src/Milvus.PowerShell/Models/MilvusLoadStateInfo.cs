using Milvus.Client;

namespace Milvus.PowerShell.Models;

/// <summary>The load state of a collection or partition (Get-MilvusLoadState).</summary>
public sealed class MilvusLoadStateInfo : MilvusCollectionObject
{
    public string? PartitionName { get; set; }

    /// <summary>The load state as text (Milvus.Client.LoadState names), so ConvertTo-Json and Export-Csv write the name, not a number.</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>Percent loaded (0-100) while loading.</summary>
    public long? Progress { get; set; }

    public override string ToString() => State;
}
