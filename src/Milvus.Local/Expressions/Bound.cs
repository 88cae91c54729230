using Milvus.Protocol.Schema;

namespace Milvus.Local.Expressions;

/// <summary>
/// The binder's intermediate result for a sub-expression, like Milvus's ExprWithType: a constant, a column
/// (optionally with a JSON/array path), an arithmetic term, or an executable predicate.
/// <see cref="NodeDependent"/> marks results that may not stand alone as a boolean filter.
/// </summary>
internal abstract class Bound(DataType dataType, bool nodeDependent)
{
    public DataType DataType { get; } = dataType;

    public bool NodeDependent { get; } = nodeDependent;

    public bool CanBeExecuted => DataType == DataType.Bool && !NodeDependent;
}

internal sealed class ValueBound(ConstValue value, bool isTemplate = false, bool nodeDependent = true)
    : Bound(TypeOf(value), nodeDependent)
{
    public ConstValue Value { get; } = value;

    /// <summary>True when the value came from a <c>{placeholder}</c>.</summary>
    public bool IsTemplate { get; } = isTemplate;

    public static DataType TypeOf(ConstValue value) => value.Kind switch
    {
        ConstKind.Bool => DataType.Bool,
        ConstKind.Int => DataType.Int64,
        ConstKind.Float => DataType.Double,
        ConstKind.String => DataType.VarChar,
        _ => DataType.Array,
    };
}

internal sealed class ColumnBound(ColumnRef column) : Bound(column.DataType, nodeDependent: true)
{
    public ColumnRef Column { get; } = column;
}

/// <summary><c>left op right</c> where at least one side is not constant, or <c>array_length(column)</c> (Right null).</summary>
internal sealed class ArithBound(Bound left, ArithOp op, Bound? right, DataType resultType)
    : Bound(resultType, nodeDependent: true)
{
    public Bound Left { get; } = left;
    public ArithOp Op { get; } = op;
    public Bound? Right { get; } = right;
}

internal sealed class PredicateBound(Predicate predicate) : Bound(DataType.Bool, nodeDependent: false)
{
    public Predicate Predicate { get; } = predicate;
}

internal enum ArithOp { Add, Sub, Mul, Div, Mod, ArrayLength }

internal enum CompareOp { Eq, Ne, Lt, Le, Gt, Ge }

/// <summary>A schema field as a filter reads it, plus the JSON/array path below it.</summary>
internal sealed class ColumnRef(FieldSchema field, IReadOnlyList<string> path)
{
    public FieldSchema Field { get; } = field;

    /// <summary>The row-set column name (the dynamic field is <c>$meta</c>).</summary>
    public string Name => Field.Name;

    public DataType DataType => Field.DataType;

    public DataType ElementType => Field.ElementType;

    public IReadOnlyList<string> Path { get; } = path;

    public bool HasPath => Path.Count > 0;

    public bool IsJson => DataType == DataType.Json;

    public bool IsArray => DataType == DataType.Array;

    /// <summary>The type a path-less read yields; for <c>arr[0]</c> the element type.</summary>
    public DataType ValueType => IsArray && HasPath ? ElementType : DataType;

    public override string ToString() => Name + string.Concat(Path.Select(p => $"[{p}]"));
}
