namespace Milvus.Local.Expressions;

/// <summary>Constant folding of operators between literals (Milvus planparserv2 operators.go).</summary>
internal static class Constants
{
    public static ConstValue? Negate(ConstValue value) => value.Kind switch
    {
        ConstKind.Int => ConstValue.Of(unchecked(-value.Int)),
        ConstKind.Float => ConstValue.Of(-value.Float),
        _ => null,
    };

    public static ConstValue Power(ConstValue a, ConstValue b)
    {
        if (!a.IsNumber || !b.IsNumber)
            throw new FilterSemanticException($"power can only apply on numbers: {a}, {b}");
        return ConstValue.Of(Math.Pow(a.AsDouble, b.AsDouble));
    }

    public static ConstValue Arithmetic(ArithOp op, ConstValue a, ConstValue b)
    {
        var name = op.ToString().ToLowerInvariant();
        if (op == ArithOp.Mod)
        {
            if (a.Kind != ConstKind.Int || b.Kind != ConstKind.Int) throw new FilterSemanticException("modulo can only apply on integer");
            if (b.Int == 0) throw new FilterSemanticException("cannot modulo by zero");
            return ConstValue.Of(b.Int == -1 ? 0 : a.Int % b.Int);
        }
        if (a.Kind == ConstKind.Bool || b.Kind == ConstKind.Bool) throw new FilterSemanticException($"{name} cannot apply on bool field");
        if (!a.IsNumber || !b.IsNumber) throw new FilterSemanticException($"{name} cannot apply on string field");
        if (op == ArithOp.Div && ((b.Kind == ConstKind.Int && b.Int == 0) || (b.Kind == ConstKind.Float && b.Float == 0)))
            throw new FilterSemanticException("cannot divide by zero");
        if (a.Kind == ConstKind.Int && b.Kind == ConstKind.Int)
        {
            return ConstValue.Of(op switch
            {
                ArithOp.Add => unchecked(a.Int + b.Int),
                ArithOp.Sub => unchecked(a.Int - b.Int),
                ArithOp.Mul => unchecked(a.Int * b.Int),
                _ => b.Int == -1 ? unchecked(-a.Int) : a.Int / b.Int,
            });
        }
        var (x, y) = (a.AsDouble, b.AsDouble);
        return ConstValue.Of(op switch
        {
            ArithOp.Add => x + y,
            ArithOp.Sub => x - y,
            ArithOp.Mul => x * y,
            _ => x / y,
        });
    }

    /// <summary>Comparison of two constants; null when Milvus finds the operands incompatible.</summary>
    public static bool? Compare(CompareOp op, ConstValue a, ConstValue b)
    {
        int c;
        if (a.Kind == ConstKind.String && b.Kind == ConstKind.String) c = string.CompareOrdinal(a.String, b.String);
        else if (a.Kind == ConstKind.Int && b.Kind == ConstKind.Int) c = a.Int.CompareTo(b.Int);
        else if (a.IsNumber && b.IsNumber) return TypedKernels.HoldsDouble(op, a.AsDouble, b.AsDouble);
        else if (a.Kind == ConstKind.Bool && b.Kind == ConstKind.Bool && op is CompareOp.Eq or CompareOp.Ne) c = a.Bool.CompareTo(b.Bool);
        else return null;
        return TypedKernels.Holds(op, c);
    }
}
