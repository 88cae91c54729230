namespace Milvus.PowerShell.Models;

/// <summary>A compaction job (pymilvus compact's id and get_compaction_state), from Compress-MilvusCollection / Get-MilvusCompactionState.</summary>
public sealed class MilvusCompactionResult : MilvusCollectionObject
{
    public long CompactionId { get; set; }

    /// <summary>UndefiedState (sic, as Milvus spells it), Executing or Completed.</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>Clustering (major) compaction rather than a mix compaction.</summary>
    public bool IsClustering { get; set; }

    public bool IsL0 { get; set; }

    /// <summary>The segment merge plans (pymilvus get_compaction_plans); filled only by Get-MilvusCompactionState -IncludePlan.</summary>
    public IReadOnlyList<Milvus.Client.CompactionPlan>? Plans { get; set; }

    public override string ToString() => $"{CompactionId} ({State})";
}
