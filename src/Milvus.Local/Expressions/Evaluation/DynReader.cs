using Milvus.Local.Columns;

namespace Milvus.Local.Expressions;

/// <summary>
/// Reads a column (with its JSON/array path) one row at a time as <see cref="Dyn"/> values: the general,
/// row-wise path used for JSON and ARRAY data, where values have no fixed type.
/// </summary>
internal sealed class DynReader
{
    private readonly Column? _column;
    private readonly IReadOnlyList<string> _path;

    public DynReader(EvalContext context, ColumnRef column)
    {
        _column = context.Column(column.Name);
        _path = column.Path;
        Validity = _column is null ? new bool[context.RowCount] : _column.Validity;
    }

    /// <summary>Per-row validity of the underlying field (null = all rows hold a value).</summary>
    public bool[]? Validity { get; }

    public Dyn Read(int row)
    {
        if (_column is null || _column.IsNull(row)) return Dyn.Missing;
        Dyn value;
        switch (_column)
        {
            case JsonColumn json:
                return JsonPath.Read(json.Values[row], _path);
            case ArrayColumn array:
                value = Dyn.FromTypedArray(array.Values[row]);
                break;
            case Int64Column c: return Path0(Dyn.Element(new[] { c.Values[row] }, 0));
            case DoubleColumn c: return Path0(Dyn.Element(new[] { c.Values[row] }, 0));
            case FloatColumn c: return Path0(Dyn.Element(new[] { c.Values[row] }, 0));
            case StringColumn c: return Path0(Dyn.Element(new[] { c.Values[row] }, 0));
            case BoolColumn c: return Path0(Dyn.Element(new[] { c.Values[row] }, 0));
            default: return Dyn.Missing;
        }
        for (var p = 0; p < _path.Count; p++)
        {
            value = value.Step(_path[p]);
            if (value.Kind == DynKind.Missing) break;
        }
        return value;
    }

    private Dyn Path0(Dyn scalar) => _path.Count == 0 ? scalar : Dyn.Missing;
}
