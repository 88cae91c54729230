using Milvus.Local.Columns;

namespace Milvus.Local.Expressions;

/// <summary>Shared plumbing for predicates over one column: typed fast path first, row-wise <see cref="Dyn"/> fallback.</summary>
internal abstract class ColumnPredicate(ColumnRef column) : Predicate
{
    public ColumnRef Column { get; } = column;

    public sealed override Truth Evaluate(EvalContext context)
    {
        var result = new bool[context.RowCount];
        var column = context.Column(Column.Name);
        if (column is null) return Truth.FromLeaf(result, new bool[context.RowCount]);
        if (!Column.HasPath && TryTyped(column, result)) return Truth.FromLeaf(result, column.Validity);
        var reader = new DynReader(context, Column);
        for (var i = 0; i < result.Length; i++) result[i] = Matches(reader.Read(i));
        return Truth.FromLeaf(result, reader.Validity);
    }

    /// <summary>Fills <paramref name="result"/> with a typed loop when the column kind allows; false to fall back.</summary>
    protected virtual bool TryTyped(Column column, bool[] result) => false;

    protected abstract bool Matches(Dyn value);
}

/// <summary><c>column op constant</c> (Milvus UnaryRangeExpr).</summary>
internal sealed class ComparePredicate(ColumnRef column, CompareOp op, ConstValue value) : ColumnPredicate(column)
{
    public CompareOp Op { get; } = op;
    public ConstValue Value { get; } = value;

    protected override bool TryTyped(Column column, bool[] result)
    {
        switch (column)
        {
            case Int64Column c when Value.Kind == ConstKind.Int: TypedKernels.Compare(c.Values, Value.Int, Op, result); return true;
            case FloatColumn c when Value.IsNumber: TypedKernels.Compare(c.Values, (float)Value.AsDouble, Op, result); return true;
            case DoubleColumn c when Value.IsNumber: TypedKernels.Compare(c.Values, Value.AsDouble, Op, result); return true;
            case StringColumn c when Value.Kind == ConstKind.String: TypedKernels.Compare(c.Values, Value.String, Op, result); return true;
            case BoolColumn c when Value.Kind == ConstKind.Bool: TypedKernels.Compare(c.Values, Value.Bool, Op, result); return true;
            default: return false;
        }
    }

    // Past the end of an ARRAY every comparison is false, != included (segcore UnaryElementFuncForArray);
    // a missing JSON key satisfies only != (UnaryRangeJSONCompareNotEqual).
    protected override bool Matches(Dyn value) =>
        !(value.Kind == DynKind.Missing && Column.IsArray) && value.Satisfies(Op, Value);
}

/// <summary><c>lower &lt; column &lt; upper</c> (Milvus BinaryRangeExpr).</summary>
internal sealed class RangePredicate(ColumnRef column, ConstValue lower, bool lowerInclusive, ConstValue upper, bool upperInclusive)
    : ColumnPredicate(column)
{
    protected override bool TryTyped(Column column, bool[] result)
    {
        switch (column)
        {
            case Int64Column c when lower.Kind == ConstKind.Int && upper.Kind == ConstKind.Int:
                TypedKernels.Between(c.Values, lower.Int, lowerInclusive, upper.Int, upperInclusive, result); return true;
            case FloatColumn c when lower.IsNumber && upper.IsNumber:
                TypedKernels.Between(c.Values, (float)lower.AsDouble, lowerInclusive, (float)upper.AsDouble, upperInclusive, result); return true;
            case DoubleColumn c when lower.IsNumber && upper.IsNumber:
                TypedKernels.Between(c.Values, lower.AsDouble, lowerInclusive, upper.AsDouble, upperInclusive, result); return true;
            default: return false;
        }
    }

    protected override bool Matches(Dyn value) =>
        value.Satisfies(lowerInclusive ? CompareOp.Ge : CompareOp.Gt, lower) &&
        value.Satisfies(upperInclusive ? CompareOp.Le : CompareOp.Lt, upper);
}

/// <summary><c>column in [v1, v2, ...]</c> (Milvus TermExpr); <c>not in</c> wraps it in a NOT.</summary>
internal sealed class TermPredicate(ColumnRef column, IReadOnlyList<ConstValue> values) : ColumnPredicate(column)
{
    public IReadOnlyList<ConstValue> Values { get; } = values;

    protected override bool TryTyped(Column column, bool[] result)
    {
        switch (column)
        {
            case Int64Column c:
                Fill(c.Values, new HashSet<long>(Values.Where(v => v.Kind == ConstKind.Int).Select(v => v.Int)), result); return true;
            case FloatColumn c:
                Fill(c.Values, new HashSet<float>(Values.Where(v => v.IsNumber).Select(v => (float)v.AsDouble)), result); return true;
            case DoubleColumn c:
                Fill(c.Values, new HashSet<double>(Values.Where(v => v.IsNumber).Select(v => v.AsDouble)), result); return true;
            case StringColumn c:
                Fill(c.Values, new HashSet<string>(Values.Where(v => v.Kind == ConstKind.String).Select(v => v.String), StringComparer.Ordinal), result); return true;
            case BoolColumn c:
                Fill(c.Values, new HashSet<bool>(Values.Where(v => v.Kind == ConstKind.Bool).Select(v => v.Bool)), result); return true;
            default: return false;
        }
    }

    private static void Fill<T>(T[] values, HashSet<T> set, bool[] result)
    {
        for (var i = 0; i < values.Length; i++) result[i] = set.Contains(values[i]);
    }

    protected override bool Matches(Dyn value)
    {
        // Indexed: a foreach over the interface would allocate an enumerator per row.
        for (var k = 0; k < Values.Count; k++)
            if (value.EqualsConst(Values[k])) return true;
        return false;
    }
}

/// <summary><c>column arith operand op value</c>, e.g. <c>a % 2 == 0</c> (Milvus BinaryArithOpEvalRangeExpr), and array_length.</summary>
internal sealed class ArithComparePredicate(ColumnRef column, ArithOp arith, ConstValue? operand, CompareOp op, ConstValue value)
    : ColumnPredicate(column)
{
    protected override bool TryTyped(Column column, bool[] result)
    {
        if (arith == ArithOp.ArrayLength)
        {
            if (column is not ArrayColumn array || value.Kind != ConstKind.Int) return false;
            for (var i = 0; i < result.Length; i++)
                result[i] = TypedKernels.HoldsLong(op, array.Values[i].Length, value.Int);
            return true;
        }
        switch (column)
        {
            case Int64Column c when operand!.Kind == ConstKind.Int && value.Kind == ConstKind.Int:
                ArithmeticThenCompare(c.Values, operand.Int, value.Int, result);
                return true;
            case FloatColumn c:
                for (var i = 0; i < result.Length; i++) result[i] = TypedKernels.HoldsDouble(op, ApplyDouble(c.Values[i], operand!.AsDouble), value.AsDouble);
                return true;
            case DoubleColumn c:
                for (var i = 0; i < result.Length; i++) result[i] = TypedKernels.HoldsDouble(op, ApplyDouble(c.Values[i], operand!.AsDouble), value.AsDouble);
                return true;
            default: return false;
        }
    }

    protected override bool Matches(Dyn cell)
    {
        if (arith == ArithOp.ArrayLength)
            return cell.Kind == DynKind.Array && value.IsNumber && TypedKernels.HoldsDouble(op, cell.Length, value.AsDouble);
        if (!cell.IsNumber || !value.IsNumber) return false;
        if (cell.Kind == DynKind.Int && operand!.Kind == ConstKind.Int && value.Kind == ConstKind.Int)
            return TypedKernels.HoldsLong(op, ApplyLong(cell.Int, operand.Int), value.Int);
        if (arith == ArithOp.Mod) return false;
        return TypedKernels.HoldsDouble(op, ApplyDouble(cell.AsDouble, operand!.AsDouble), value.AsDouble);
    }

    // Two tight passes per chunk (arithmetic, then comparison) instead of a per-row switch on both operators.
    private void ArithmeticThenCompare(long[] values, long x, long target, bool[] result)
    {
        const int chunk = 4096;
        var buffer = System.Buffers.ArrayPool<long>.Shared.Rent(chunk);
        try
        {
            for (var start = 0; start < values.Length; start += chunk)
            {
                var n = Math.Min(chunk, values.Length - start);
                var src = values.AsSpan(start, n);
                var dst = buffer.AsSpan(0, n);
                switch (arith)
                {
                    case ArithOp.Add: for (var i = 0; i < n; i++) dst[i] = unchecked(src[i] + x); break;
                    case ArithOp.Sub: for (var i = 0; i < n; i++) dst[i] = unchecked(src[i] - x); break;
                    case ArithOp.Mul: for (var i = 0; i < n; i++) dst[i] = unchecked(src[i] * x); break;
                    // x is never 0 (rejected when parsing); -1 would overflow long.MinValue, so it takes the guarded path.
                    case ArithOp.Div when x != -1: for (var i = 0; i < n; i++) dst[i] = src[i] / x; break;
                    case ArithOp.Mod when x != -1: for (var i = 0; i < n; i++) dst[i] = src[i] % x; break;
                    default: for (var i = 0; i < n; i++) dst[i] = ApplyLong(src[i], x); break;
                }
                TypedKernels.Compare<long>(dst, target, op, result.AsSpan(start, n));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(buffer);
        }
    }

    private long ApplyLong(long a, long b) => arith switch
    {
        ArithOp.Add => unchecked(a + b),
        ArithOp.Sub => unchecked(a - b),
        ArithOp.Mul => unchecked(a * b),
        ArithOp.Div => b == -1 ? unchecked(-a) : a / b,
        _ => b == -1 ? 0 : a % b,
    };

    private double ApplyDouble(double a, double b) => arith switch
    {
        ArithOp.Add => a + b,
        ArithOp.Sub => a - b,
        ArithOp.Mul => a * b,
        ArithOp.Div => a / b,
        _ => a % b,
    };
}

/// <summary><c>a op b</c> between two scalar fields (Milvus CompareExpr); a null on either side is unknown.</summary>
internal sealed class ColumnComparePredicate(ColumnRef left, ColumnRef right, CompareOp op) : Predicate
{
    public override Truth Evaluate(EvalContext context)
    {
        var n = context.RowCount;
        var result = new bool[n];
        var a = context.Column(left.Name);
        var b = context.Column(right.Name);
        if (a is null || b is null) return Truth.FromLeaf(result, new bool[n]);
        switch (a, b)
        {
            case (Int64Column x, Int64Column y): TypedKernels.CompareColumns(x.Values, y.Values, op, result); break;
            case (Int64Column x, FloatColumn y): TypedKernels.CompareColumns(x.Values, y.Values, op, result); break;
            case (Int64Column x, DoubleColumn y): TypedKernels.CompareColumns(x.Values, y.Values, op, result); break;
            case (FloatColumn x, Int64Column y): TypedKernels.CompareColumns(x.Values, y.Values, op, result); break;
            case (FloatColumn x, FloatColumn y): TypedKernels.CompareColumns(x.Values, y.Values, op, result); break;
            case (FloatColumn x, DoubleColumn y): TypedKernels.CompareColumns(x.Values, y.Values, op, result); break;
            case (DoubleColumn x, Int64Column y): TypedKernels.CompareColumns(x.Values, y.Values, op, result); break;
            case (DoubleColumn x, FloatColumn y): TypedKernels.CompareColumns(x.Values, y.Values, op, result); break;
            case (DoubleColumn x, DoubleColumn y): TypedKernels.CompareColumns(x.Values, y.Values, op, result); break;
            case (StringColumn x, StringColumn y):
                for (var i = 0; i < n; i++) result[i] = TypedKernels.Holds(op, string.CompareOrdinal(x.Values[i], y.Values[i]));
                break;
            case (BoolColumn x, BoolColumn y):
                for (var i = 0; i < n; i++) result[i] = TypedKernels.Holds(op, x.Values[i].CompareTo(y.Values[i]));
                break;
        }
        bool[]? validity = null;
        if (a.Validity is not null || b.Validity is not null)
        {
            validity = new bool[n];
            for (var i = 0; i < n; i++) validity[i] = !a.IsNull(i) && !b.IsNull(i);
        }
        return Truth.FromLeaf(result, validity);
    }
}

/// <summary><c>ts (+|-) INTERVAL "P1D" op ISO "..."</c> (Milvus TimestamptzArithCompareExpr): the interval moves each row's time.</summary>
internal sealed class TimestamptzArithPredicate(ColumnRef column, Time.Interval interval, int sign, CompareOp op, long micros)
    : ColumnPredicate(column)
{
    protected override bool TryTyped(Column column, bool[] result)
    {
        if (column is not Int64Column times) return false;
        for (var row = 0; row < result.Length; row++)
        {
            var shifted = interval.Apply(times.Values[row], sign);
            result[row] = op switch
            {
                CompareOp.Eq => shifted == micros,
                CompareOp.Ne => shifted != micros,
                CompareOp.Lt => shifted < micros,
                CompareOp.Le => shifted <= micros,
                CompareOp.Gt => shifted > micros,
                _ => shifted >= micros,
            };
        }
        return true;
    }

    protected override bool Matches(Dyn value) => false;
}
