using Milvus.Local.Catalog;
using Milvus.Local.Time;

namespace Milvus.Local.Data;

/// <summary>
/// The collection property <c>collection.ttl.seconds</c>: rows written longer ago than the TTL are expired and
/// no longer returned by search or query (Milvus hides them at read time and drops them at compaction).
/// </summary>
internal static class TimeToLive
{
    public const string PropertyKey = "collection.ttl.seconds";

    /// <summary>The oldest write timestamp still alive, or <see cref="long.MinValue"/> when the collection has no TTL.</summary>
    public static long OldestLiveTimestamp(CollectionMeta c)
    {
        if (PropertyBag.Get(c.Properties, PropertyKey) is not { } text || !long.TryParse(text, out var seconds) || seconds <= 0)
            return long.MinValue;
        var cutoffMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - seconds * 1000;
        return cutoffMs << TimestampOracle.LogicalBits;
    }
}
