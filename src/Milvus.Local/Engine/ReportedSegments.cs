namespace Milvus.Local.Engine;

/// <summary>
/// The segments a script sees (GetPersistentSegmentInfo, GetQuerySegmentInfo), as Milvus has them: one growing segment
/// per partition (and shard; collections here have one), which inserts fill until it is sealed by size or a flush,
/// and the sealed segments as they are. The engine stores a growing segment as chunks (one per insert, combined in
/// the background), so the chunks of a partition are reported together, under the id of the oldest.
/// </summary>
internal static class ReportedSegments
{
    /// <summary>
    /// Groups <paramref name="segments"/> as they are reported: each sealed one alone, the growing chunks of each
    /// partition together (oldest first); the groups in the order of their first id.
    /// </summary>
    public static List<List<T>> Group<T>(IEnumerable<T> segments, Func<T, long> id, Func<T, long> partition, Func<T, bool> isSealed)
        => segments.GroupBy(s => isSealed(s) ? (Sealed: true, Key: id(s)) : (Sealed: false, Key: partition(s)))
            .Select(g => g.OrderBy(id).ToList())
            .OrderBy(g => id(g[0]))
            .ToList();
}
