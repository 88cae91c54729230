using System.Globalization;
using Milvus.Local.Errors;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local;

/// <summary>
/// Where an element-filter query iterator stopped (pymilvus 3.0.1 / Milvus's <c>query_iter_last_pk</c> and
/// <c>query_iter_last_element_offset</c>): the next page keeps the last entity (its filter says <c>pk &gt;= last</c>)
/// and must skip that entity's elements up to and including the last offset already returned.
/// </summary>
internal sealed record ElementIterationCursor(object LastKey, long LastOffset)
{
    public const string LastPkKey = "query_iter_last_pk";
    public const string LastOffsetKey = "query_iter_last_element_offset";

    /// <summary>The cursor a request carries, or null when it names neither or only one of the two parameters.</summary>
    public static ElementIterationCursor? From(IEnumerable<KeyValuePair> queryParams, FieldSchema primaryField)
    {
        var pk = queryParams.FirstOrDefault(p => p.Key == LastPkKey)?.Value;
        var offset = queryParams.FirstOrDefault(p => p.Key == LastOffsetKey)?.Value;
        if (pk is null || offset is null) return null;
        if (!long.TryParse(offset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var lastOffset))
            throw MilvusError.InvalidParameter($"{LastOffsetKey} [{offset}] is invalid, should be an integer");
        if (primaryField.DataType != DataType.Int64) return new ElementIterationCursor(pk, lastOffset);
        if (!long.TryParse(pk, NumberStyles.Integer, CultureInfo.InvariantCulture, out var key))
            throw MilvusError.InvalidParameter($"{LastPkKey} [{pk}] is invalid, should be an integer");
        return new ElementIterationCursor(key, lastOffset);
    }

    /// <summary>The element offsets of the entity with this key that come after the cursor.</summary>
    public long[] Remaining(object key, long[] offsets)
        => Equals(key, LastKey) ? offsets.Where(o => o > LastOffset).ToArray() : offsets;
}
