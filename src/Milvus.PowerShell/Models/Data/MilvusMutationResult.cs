namespace Milvus.PowerShell.Models;

/// <summary>
/// What one insert, upsert or delete request did (pymilvus's insert_count/upsert_count/delete_count, ids, cost):
/// Add-/Set-/Remove-MilvusEntity -PassThru write one per request (one per batch when rows are batched).
/// </summary>
public sealed class MilvusMutationResult : MilvusCollectionObject
{
    /// <summary>Insert, Upsert or Delete.</summary>
    public string Operation { get; set; } = string.Empty;

    /// <summary>The partition written to; empty for the whole collection.</summary>
    public string PartitionName { get; set; } = string.Empty;

    public long InsertCount { get; set; }

    public long UpsertCount { get; set; }

    public long DeleteCount { get; set; }

    /// <summary>Primary keys written, in input order (long or string values); server-assigned keys with auto_id.</summary>
    public object[] Ids { get; set; } = Array.Empty<object>();

    /// <summary>Server cost units, 0 when not reported.</summary>
    public long Cost { get; set; }

    /// <summary>The 1-based number of the batch this result belongs to.</summary>
    public int Batch { get; set; }

    public override string ToString() => $"{Operation} {InsertCount + UpsertCount + DeleteCount} in '{CollectionName}'";
}
