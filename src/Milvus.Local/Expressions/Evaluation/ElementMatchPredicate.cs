using Milvus.Local.Columns;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Expressions;

/// <summary>How many elements of a row's struct array must satisfy the element predicate.</summary>
internal enum ElementMatchMode { Any, All, Least, Most, Exact }

/// <summary>
/// element_filter / MATCH_*: evaluates the element predicate once over every element of every row (the struct's
/// scalar sub-fields flattened into element rows), then counts each row's matches. A row whose struct array is null
/// matches no mode; MATCH_ALL holds for an empty array (no element fails), as Milvus segcore's MatchSingleRow decides
/// ("vacuous truth": hit count equals element count).
/// </summary>
internal sealed class ElementMatchPredicate(IReadOnlyDictionary<string, string> subFields, Predicate element, ElementMatchMode mode, long count,
    bool reportsOffsets = false) : Predicate
{
    /// <summary>
    /// True for <c>element_filter</c>: besides selecting rows it names the matching elements (the offsets Milvus 3.0
    /// returns as element_indices); the MATCH_* family only selects rows.
    /// </summary>
    public bool ReportsOffsets { get; } = reportsOffsets;

    public override Truth Evaluate(EvalContext context)
    {
        var (matches, lengths, isNull) = MatchElements(context);
        var rows = context.RowCount;
        var result = new bool[rows];
        var offset = 0;
        for (var row = 0; row < rows; row++)
        {
            var hits = 0;
            for (var i = 0; i < lengths[row]; i++) if (matches[offset + i]) hits++;
            offset += lengths[row];
            result[row] = !isNull[row] && mode switch
            {
                ElementMatchMode.Any => hits > 0,
                ElementMatchMode.All => hits == lengths[row],
                ElementMatchMode.Least => hits >= count,
                ElementMatchMode.Most => hits <= count,
                _ => hits == count,
            };
        }
        var falses = new bool[rows];
        for (var row = 0; row < rows; row++) falses[row] = !isNull[row] && !result[row];
        return new Truth(result, falses);
    }

    /// <summary>For every row, the offsets (0-based positions in its struct array) of the elements the predicate holds for.</summary>
    public long[][] MatchingOffsets(EvalContext context)
    {
        var (matches, lengths, _) = MatchElements(context);
        var offsets = new long[lengths.Length][];
        var start = 0;
        for (var row = 0; row < lengths.Length; row++)
        {
            offsets[row] = [.. Enumerable.Range(0, lengths[row]).Where(i => matches[start + i]).Select(i => (long)i)];
            start += lengths[row];
        }
        return offsets;
    }

    /// <summary>The element predicate evaluated once over every element of every row, with each row's length and nullness.</summary>
    private (bool[] Matches, int[] Lengths, bool[] IsNull) MatchElements(EvalContext context)
    {
        var columns = subFields.ToDictionary(p => p.Key, p => context.Column(p.Value) as ArrayColumn);
        var rows = context.RowCount;
        var lengths = new int[rows];
        var isNull = new bool[rows];
        var any = columns.Values.FirstOrDefault(c => c is not null);
        for (var row = 0; row < rows; row++)
        {
            isNull[row] = any is null || any.IsNull(row);
            lengths[row] = isNull[row] ? 0 : any!.Values[row].Length;
        }
        return (element.Evaluate(new EvalContext(new ElementRows(columns, lengths))).True, lengths, isNull);
    }

    /// <summary>The elements of all rows as rows of their own: <c>$[sub]</c> reads the sub-field's element values.</summary>
    private sealed class ElementRows(IReadOnlyDictionary<string, ArrayColumn?> arrays, int[] lengths) : IRowSet
    {
        private readonly Dictionary<string, Column?> _flattened = new(StringComparer.Ordinal);

        public int RowCount { get; } = lengths.Sum();

        public Column? GetColumn(string fieldName)
        {
            if (_flattened.TryGetValue(fieldName, out var column)) return column;
            column = arrays.GetValueOrDefault(fieldName) is { } array ? Flatten(array) : null;
            _flattened[fieldName] = column;
            return column;
        }

        private Column Flatten(ArrayColumn array)
        {
            var rows = Enumerable.Range(0, lengths.Length).Where(r => lengths[r] > 0).Select(r => array.Values[r]).ToList();
            return array.ElementType switch
            {
                DataType.Bool => new BoolColumn(rows.SelectMany(r => (bool[])r).ToArray()),
                DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64
                    => new Int64Column(array.ElementType, rows.SelectMany(r => (long[])r).ToArray()),
                DataType.Float => new FloatColumn(rows.SelectMany(r => (float[])r).ToArray()),
                DataType.Double => new DoubleColumn(rows.SelectMany(r => (double[])r).ToArray()),
                _ => new StringColumn(DataType.VarChar, rows.SelectMany(r => (string[])r).ToArray()),
            };
        }
    }
}
