using Milvus.Local.Columns;

namespace Milvus.Local.Expressions;

internal enum ContainsOp { Contains, ContainsAll, ContainsAny }

/// <summary>json_contains / array_contains and their _all / _any forms (Milvus JSONContainsExpr).</summary>
internal sealed class ContainsPredicate(ColumnRef column, ContainsOp op, IReadOnlyList<ConstValue> elements) : ColumnPredicate(column)
{
    protected override bool Matches(Dyn value)
    {
        if (value.Kind != DynKind.Array) return false;
        switch (op)
        {
            case ContainsOp.Contains:
                return value.Items().Any(item => item.EqualsConst(elements[0]));
            case ContainsOp.ContainsAny:
                return value.Items().Any(item => elements.Any(item.EqualsConst));
            default:
                var items = value.Items().ToList();
                return elements.All(e => items.Any(item => item.EqualsConst(e)));
        }
    }
}

/// <summary><c>exists j["k"]</c>: the path leads to a value (a JSON null counts as absent).</summary>
internal sealed class ExistsPredicate(ColumnRef column) : ColumnPredicate(column)
{
    protected override bool Matches(Dyn value) => value.Kind is not (DynKind.Missing or DynKind.Null);
}

/// <summary><c>field is null</c> / <c>is not null</c> on a whole field: always a definite answer, never unknown.</summary>
internal sealed class NullPredicate(ColumnRef column, bool isNull) : Predicate
{
    public override Truth Evaluate(EvalContext context)
    {
        var n = context.RowCount;
        var result = new bool[n];
        var data = context.Column(column.Name);
        for (var i = 0; i < n; i++)
        {
            var rowIsNull = data is null || data.IsNull(i) || (data is JsonColumn json && IsJsonNull(json.Values[i]));
            result[i] = rowIsNull == isNull;
        }
        return Truth.FromLeaf(result, null);
    }

    // Only a short document can be the JSON literal null; larger ones are never decoded.
    private static bool IsJsonNull(byte[]? bytes) =>
        bytes is null || bytes.Length == 0 ||
        (bytes.Length <= 16 && System.Text.Encoding.UTF8.GetString(bytes).Trim() == "null");
}

/// <summary><c>field like "pattern"</c> on VARCHAR, JSON strings and VARCHAR array elements.</summary>
internal sealed class LikePredicate(ColumnRef column, LikePattern pattern) : ColumnPredicate(column)
{
    protected override bool TryTyped(Column column, bool[] result)
    {
        if (column is not StringColumn strings) return false;
        var values = strings.Values;
        for (var i = 0; i < values.Length; i++) result[i] = pattern.IsMatch(values[i] ?? "");
        return true;
    }

    protected override bool Matches(Dyn value) => value.Kind == DynKind.String && pattern.IsMatch(value.String!);
}
