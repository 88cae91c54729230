using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Local.Time;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Data;

/// <summary>
/// Milvus's two TTL modes (set-collection-ttl.md), both hiding expired rows at read time and dropping them at
/// compaction: the collection property <c>collection.ttl.seconds</c> (rows written longer ago than the TTL) and, in
/// Milvus 3.0, entity-level TTL: the property <c>ttl_field</c> names a TIMESTAMPTZ field holding each row's absolute
/// expiration time (null never expires). The two are mutually exclusive.
/// </summary>
internal static class TimeToLive
{
    public const string PropertyKey = "collection.ttl.seconds";

    public const string EntityFieldKey = "ttl_field";

    /// <summary>The oldest write timestamp still alive, or <see cref="long.MinValue"/> when the collection has no TTL.</summary>
    public static long OldestLiveTimestamp(CollectionMeta c)
    {
        if (PropertyBag.Get(c.Properties, PropertyKey) is not { } text || !long.TryParse(text, out var seconds) || seconds <= 0)
            return long.MinValue;
        var cutoffMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - seconds * 1000;
        return cutoffMs << TimestampOracle.LogicalBits;
    }

    /// <summary>Which rows are expired now, under whichever TTL mode the collection has.</summary>
    public static Expiry For(CollectionMeta c)
    {
        var field = PropertyBag.Get(c.Properties, EntityFieldKey) is { Length: > 0 } name ? c.FindField(name) : null;
        return new Expiry(OldestLiveTimestamp(c), field?.FieldID, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
    }

    /// <summary>
    /// The TTL properties of a new collection, as Milvus's createCollectionTask.validateTTL checks them: <c>ttl_field</c>
    /// names a TIMESTAMPTZ field of the schema, and is not combined with <c>collection.ttl.seconds</c>.
    /// </summary>
    public static void CheckOnCreate(CollectionSchema schema, IEnumerable<KeyValuePair> properties)
    {
        var hasEntityField = CheckEntityField(schema, properties);
        if (hasEntityField && PropertyBag.Get(properties, PropertyKey) is not null) throw BothSet();
    }

    /// <summary>
    /// The TTL properties an AlterCollection sets, as Milvus's alterCollectionTask checks them against the request and
    /// the properties the collection already has: one mode cannot be set while the other is there.
    /// </summary>
    public static void CheckOnAlter(CollectionSchema schema, IEnumerable<KeyValuePair> existing, IEnumerable<KeyValuePair> requested)
    {
        var setsEntityField = CheckEntityField(schema, requested);
        var setsCollectionTtl = PropertyBag.Get(requested, PropertyKey) is not null;
        if (setsEntityField && setsCollectionTtl) throw BothSet();
        if (setsCollectionTtl && PropertyBag.Get(existing, EntityFieldKey) is not null)
            throw MilvusError.InvalidParameter("ttl field is already exists, cannot be set collection TTL");
        if (setsEntityField && PropertyBag.Get(existing, PropertyKey) is not null)
            throw MilvusError.InvalidParameter("collection TTL is already set, cannot be set ttl field");
    }

    /// <summary>Milvus's validateTTLField: whether the properties name a ttl_field, which must be a TIMESTAMPTZ field of the schema.</summary>
    private static bool CheckEntityField(CollectionSchema schema, IEnumerable<KeyValuePair> properties)
    {
        if (PropertyBag.Get(properties, EntityFieldKey) is not { } name) return false;
        var field = schema.Fields.FirstOrDefault(f => f.Name == name)
            ?? throw MilvusError.InvalidParameter($"ttl field name {name} not found in schema");
        if (field.DataType != DataType.Timestamptz) throw MilvusError.InvalidParameter($"ttl field must be timestamptz, field name = {name}");
        return true;
    }

    private static MilvusError BothSet() => MilvusError.InvalidParameter("collection TTL and ttl field cannot be set at the same time");
}

/// <summary>The TTL cut of one moment: rows written before <see cref="OldestLive"/>, or whose TTL field is before now.</summary>
internal readonly record struct Expiry(long OldestLive, long? FieldId, long NowMicros)
{
    public bool None => OldestLive == long.MinValue && FieldId is null;

    public bool IsExpired(Segment segment, int row)
        => segment.Timestamps[row] < OldestLive
           || (FieldId is { } id && segment.Column(id) is Int64Column ttl && !ttl.IsNull(row) && ttl.Values[row] < NowMicros);
}
