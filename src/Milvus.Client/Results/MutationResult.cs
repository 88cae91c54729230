namespace Milvus.Client;

/// <summary>Result of insert, upsert and delete (pymilvus dicts <c>insert_count/upsert_count/delete_count, ids, cost</c>).</summary>
public sealed class MutationResult
{
    public long InsertCount { get; init; }
    public long UpsertCount { get; init; }
    public long DeleteCount { get; init; }
    /// <summary>Primary keys written (long or string values).</summary>
    public IReadOnlyList<object> Ids { get; init; } = Array.Empty<object>();
    /// <summary>Server cost units (status extra_info <c>report_value</c>), 0 if not reported.</summary>
    public long Cost { get; init; }
    /// <summary>The mutation timestamp (hybrid ts) the server reported.</summary>
    public ulong Timestamp { get; init; }
}
