using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Data;

/// <summary>
/// Query ORDER BY (Milvus 3.0 query_params <c>order_by_fields</c>: "field[:asc|desc[:nulls_first|nulls_last]],..."),
/// parsed as Milvus's orderby.ParseOrderByFields does: ascending by default, nulls last when ascending and first when
/// descending (PostgreSQL's convention), only scalar sortable types. Rows equal on every key keep primary-key order.
/// </summary>
internal sealed class QueryOrderBy
{
    public const string Key = "order_by_fields";

    private readonly List<(FieldSchema Field, bool Ascending, bool NullsFirst)> _keys;

    private QueryOrderBy(List<(FieldSchema, bool, bool)> keys) => _keys = keys;

    /// <summary>The comma-separated specs of the request, or an empty list.</summary>
    public static List<string> Specs(IEnumerable<KeyValuePair> queryParams)
        => queryParams.FirstOrDefault(p => p.Key == Key)?.Value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList() ?? [];

    public static QueryOrderBy? Parse(IReadOnlyList<string> specs, CollectionSchema schema)
    {
        if (specs.Count == 0) return null;
        var keys = new List<(FieldSchema, bool, bool)>();
        foreach (var spec in specs)
        {
            var parts = spec.Split(':');
            var name = parts[0].Trim();
            var ascending = true;
            if (parts.Length > 1)
            {
                var direction = parts[1].Trim().ToLowerInvariant();
                ascending = direction switch
                {
                    "desc" or "descending" => false,
                    "asc" or "ascending" or "" => true,
                    _ => throw MilvusError.InvalidParameter($"invalid order direction '{direction}' for field '{name}', must be 'asc' or 'desc'"),
                };
            }
            var nullsFirst = !ascending;
            if (parts.Length > 2)
            {
                var nulls = parts[2].Trim().ToLowerInvariant();
                nullsFirst = nulls switch
                {
                    "nulls_first" => true,
                    "nulls_last" => false,
                    _ => throw MilvusError.InvalidParameter($"invalid null ordering '{nulls}', must be 'nulls_first' or 'nulls_last'"),
                };
            }
            var field = schema.Fields.FirstOrDefault(f => f.Name == name)
                ?? throw MilvusError.InvalidParameter($"order_by field '{name}' does not exist in collection schema");
            if (field.DataType is not (DataType.Bool or DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64
                or DataType.Float or DataType.Double or DataType.String or DataType.VarChar))
                throw MilvusError.InvalidParameter($"order_by field '{name}' has type {MilvusTypeNames.Of(field.DataType)} which is not sortable");
            keys.Add((field, ascending, nullsFirst));
        }
        return new QueryOrderBy(keys);
    }

    /// <summary>Sorts rows (given in primary-key order) by the keys; the sort is stable, so ties stay in that order.</summary>
    public List<(IRowSet Rows, int Row)> Sort(List<(IRowSet Rows, int Row)> rows)
    {
        var columns = _keys.Select(k => rows.Select(r => r.Rows.GetColumn(k.Field.Name)).ToArray()).ToArray();
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var comparer = Comparer<int>.Create((a, b) =>
        {
            for (var k = 0; k < _keys.Count; k++)
            {
                var result = CompareCells(columns[k][a], rows[a].Row, columns[k][b], rows[b].Row, _keys[k].Ascending, _keys[k].NullsFirst);
                if (result != 0) return result;
            }
            return a.CompareTo(b);
        });
        Array.Sort(order, comparer);
        return order.Select(i => rows[i]).ToList();
    }

    private static int CompareCells(Column? ca, int ra, Column? cb, int rb, bool ascending, bool nullsFirst)
    {
        var nullA = ca is null || ca.IsNull(ra);
        var nullB = cb is null || cb.IsNull(rb);
        if (nullA || nullB) return nullA == nullB ? 0 : nullA == nullsFirst ? -1 : 1;
        var result = (ca, cb) switch
        {
            (Int64Column x, Int64Column y) => x.Values[ra].CompareTo(y.Values[rb]),
            (FloatColumn x, FloatColumn y) => x.Values[ra].CompareTo(y.Values[rb]),
            (DoubleColumn x, DoubleColumn y) => x.Values[ra].CompareTo(y.Values[rb]),
            (BoolColumn x, BoolColumn y) => x.Values[ra].CompareTo(y.Values[rb]),
            (StringColumn x, StringColumn y) => string.CompareOrdinal(x.Values[ra], y.Values[rb]),
            _ => 0,
        };
        return ascending ? result : -result;
    }
}
