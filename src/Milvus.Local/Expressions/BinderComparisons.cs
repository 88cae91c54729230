using Milvus.Protocol.Schema;

namespace Milvus.Local.Expressions;

/// <summary>Arithmetic, comparisons, ranges and <c>in</c>: the value/column typing rules of Milvus's plan parser.</summary>
internal sealed partial class Binder
{
    private Bound BindBinary(BinarySyntax binary)
    {
        switch (binary.Op)
        {
            case TokenKind.And:
            case TokenKind.Or:
                return BindLogical(binary);
            case TokenKind.Shl:
            case TokenKind.Shr:
                throw Error($"shift is not supported: {binary.Text}");
            case TokenKind.BAnd:
                throw Error($"BitAnd is not supported: {binary.Text}");
            case TokenKind.BXor:
                throw Error($"BitXor is not supported: {binary.Text}");
            case TokenKind.BOr:
                throw Error($"BitOr is not supported: {binary.Text}");
        }
        var left = Bind(binary.Left);
        var right = Bind(binary.Right);
        return binary.Op switch
        {
            TokenKind.Pow => left is ValueBound lp && right is ValueBound rp
                ? new ValueBound(Constants.Power(lp.Value, rp.Value))
                : throw Error($"power can only apply on constants: {binary.Text}"),
            TokenKind.Add or TokenKind.Sub or TokenKind.Mul or TokenKind.Div or TokenKind.Mod => BindArithmetic(binary, left, right),
            TokenKind.Eq or TokenKind.Ne => BindComparison(binary, left, right, relational: false),
            _ => BindComparison(binary, left, right, relational: true),
        };
    }

    private static ArithOp ArithOf(TokenKind op) => op switch
    {
        TokenKind.Add => ArithOp.Add,
        TokenKind.Sub => ArithOp.Sub,
        TokenKind.Mul => ArithOp.Mul,
        TokenKind.Div => ArithOp.Div,
        _ => ArithOp.Mod,
    };

    private static string ArithName(ArithOp op) => op switch
    {
        ArithOp.Add => "add",
        ArithOp.Sub => "subtract",
        ArithOp.Mul => "multiply",
        ArithOp.Div => "divide",
        _ => "modulo",
    };

    private static CompareOp CompareOf(TokenKind op) => op switch
    {
        TokenKind.Eq => CompareOp.Eq,
        TokenKind.Ne => CompareOp.Ne,
        TokenKind.Lt => CompareOp.Lt,
        TokenKind.Le => CompareOp.Le,
        TokenKind.Gt => CompareOp.Gt,
        _ => CompareOp.Ge,
    };

    private static Bound BindArithmetic(BinarySyntax binary, Bound left, Bound right)
    {
        var op = ArithOf(binary.Op);
        if (left is ValueBound lv && right is ValueBound rv)
        {
            if (lv.IsTemplate || rv.IsTemplate)
                throw Error($"placeholder was not supported between two constants with operator: {binary.OpText}");
            return new ValueBound(Constants.Arithmetic(op, lv.Value, rv.Value));
        }
        var reverse = left is ValueBound;
        CheckNotWholeArray(left);
        CheckNotWholeArray(right);
        DataType resultType;
        if (IsTemplate(left)) resultType = right.DataType;
        else if (IsTemplate(right)) resultType = left.DataType;
        else
        {
            var (l, r) = (ScalarTypeOf(left), ScalarTypeOf(right));
            if (reverse) (l, r) = (r, l);
            if (!CanArithmetic(l, r))
                throw Error($"'{ArithName(op)}' cannot perform arithmetic between {TypeNames.Go(l)} field and {TypeNames.Go(r)}");
            if (op == ArithOp.Mod && (!IsIntegerLike(left) || !IsIntegerLike(right)))
                throw Error("modulo can only apply on integer types");
            resultType = TargetType(l, r);
        }
        return new ArithBound(left, op, right, resultType);
    }

    /// <summary>
    /// Runs a check Milvus performs when it fills template values into the plan, after parsing: its failures
    /// are reported without the "cannot parse expression" prefix.
    /// </summary>
    private static T AtFill<T>(Func<T> check)
    {
        try { return check(); }
        catch (FilterSemanticException e) when (e.Wrapped) { throw new FilterSemanticException(e.Message, wrapped: false); }
    }

    private static bool IsTemplate(Bound bound) => bound is ValueBound { IsTemplate: true };

    /// <summary>The type Milvus checks for an operand: an ARRAY column or array literal stands for its element type.</summary>
    private static DataType ScalarTypeOf(Bound bound) => bound switch
    {
        ColumnBound { Column.IsArray: true } c => c.Column.ElementType,
        ValueBound { Value.Kind: ConstKind.Array } v => TypeNames.ElementTypeOf(v.Value),
        _ => bound.DataType,
    };

    private static bool IsIntegerLike(Bound bound) =>
        TypeNames.IsInteger(bound.DataType) || bound.DataType == DataType.Json ||
        (bound.DataType == DataType.Array && TypeNames.IsInteger(ScalarTypeOf(bound)));

    private static bool CanArithmetic(DataType left, DataType right) => left switch
    {
        DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64 => TypeNames.IsInteger(right) || right == DataType.Json,
        DataType.Float or DataType.Double => TypeNames.IsArithmetic(right) || right == DataType.Json,
        DataType.Json => TypeNames.IsArithmetic(right),
        _ => false,
    };

    private static DataType TargetType(DataType left, DataType right)
    {
        if (left == DataType.Json)
        {
            if (right == DataType.Json) return DataType.Json;
            if (TypeNames.IsFloating(right)) return DataType.Double;
            if (TypeNames.IsInteger(right)) return DataType.Int64;
        }
        if (TypeNames.IsFloating(left) && (right == DataType.Json || TypeNames.IsArithmetic(right))) return DataType.Double;
        if (TypeNames.IsInteger(left))
        {
            if (TypeNames.IsFloating(right)) return DataType.Double;
            if (TypeNames.IsInteger(right) || right == DataType.Json) return DataType.Int64;
        }
        throw Error($"incompatible data type, {TypeNames.Go(left)}, {TypeNames.Go(right)}");
    }

    private Bound BindComparison(BinarySyntax binary, Bound left, Bound right, bool relational)
    {
        var op = CompareOf(binary.Op);
        if (left is ValueBound lv && right is ValueBound rv)
        {
            if (lv.IsTemplate || rv.IsTemplate)
                throw Error($"placeholder was not supported between two constants with operator: {binary.OpText}");
            var folded = Constants.Compare(op, lv.Value, rv.Value)
                ?? throw Error($"comparison operations cannot be applied to two incompatible operands: {binary.Text}");
            return new ValueBound(ConstValue.Of(folded), nodeDependent: false);
        }
        if (relational)
        {
            CheckNotWholeArray(left);
            CheckNotWholeArray(right);
        }
        return new PredicateBound(HandleCompare(op, left, right));
    }

    private static Predicate HandleCompare(CompareOp op, Bound left, Bound right)
    {
        if (!IsTemplate(left) && !IsTemplate(right) && !CanBeCompared(left, right))
            throw Error($"comparisons between {DisplayType(left)} and {DisplayType(right)} are not supported");
        if (left is ValueBound value) return CompareWithValue(Reverse(op), right, value);
        if (right is ValueBound rightValue) return CompareWithValue(op, left, rightValue);
        if (left is not ColumnBound lc || right is not ColumnBound rc)
            throw Error("only comparison between two fields is supported");
        if (lc.Column.IsJson || rc.Column.IsJson)
            throw Error("two column comparison with JSON type is not supported");
        if (lc.Column.IsArray || rc.Column.IsArray)
            throw Error("two column comparison with Array type is not supported");
        return new ColumnComparePredicate(lc.Column, rc.Column, op);
    }

    private static CompareOp Reverse(CompareOp op) => op switch
    {
        CompareOp.Lt => CompareOp.Gt,
        CompareOp.Le => CompareOp.Ge,
        CompareOp.Gt => CompareOp.Lt,
        CompareOp.Ge => CompareOp.Le,
        _ => op,
    };

    private static string DisplayType(Bound bound) => bound.DataType == DataType.Array
        ? $"Array[{TypeNames.Go(ScalarTypeOf(bound))}]"
        : TypeNames.Go(bound.DataType);

    private static bool CanBeCompared(Bound left, Bound right) =>
        CanBeComparedTypes(ScalarTypeOf(left), ScalarTypeOf(right));

    private static bool CanBeComparedTypes(DataType left, DataType right) => left switch
    {
        DataType.Bool => right is DataType.Bool or DataType.Json,
        DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Float or DataType.Double =>
            TypeNames.IsArithmetic(right) || right == DataType.Json,
        DataType.String or DataType.VarChar => TypeNames.IsString(right) || right == DataType.Json,
        DataType.Json => true,
        _ => false,
    };

    /// <summary>handleCompareRightValue: casts the constant to the column's type and builds the leaf.</summary>
    private static Predicate CompareWithValue(CompareOp op, Bound left, ValueBound value)
    {
        var type = left is ColumnBound { Column: { IsArray: true, HasPath: true } } c ? c.Column.ElementType : left.DataType;
        var constant = value.Value;
        if (!IsTemplate(left)) constant = value.IsTemplate ? AtFill(() => CastValue(type, value.Value)) : CastValue(type, constant);
        if (left is ArithBound arith) return CompareArithmetic(op, arith, left.DataType, constant);
        if (left is not ColumnBound column) throw Error("not supported to combine multiple fields");
        return new ComparePredicate(column.Column, op, constant);
    }

    private static Predicate CompareArithmetic(CompareOp op, ArithBound arith, DataType arithType, ConstValue value)
    {
        if (arith.Op == ArithOp.ArrayLength)
            return new ArithComparePredicate(((ColumnBound)arith.Left).Column, ArithOp.ArrayLength, null, op, value);
        switch (arith.Left, arith.Right)
        {
            case (ColumnBound, ColumnBound):
                throw Error("not supported to do arithmetic operations between multiple fields");
            case (ValueBound, ValueBound):
                throw Error("unexpected, should be optimized already");
            case (ColumnBound column, ValueBound operand):
                return CombineArithmetic(op, arith.Op, arithType, column.Column, operand, value);
            case (ValueBound operand, ColumnBound column):
                if (arith.Op is ArithOp.Add or ArithOp.Mul)
                    return CombineArithmetic(op, arith.Op, arithType, column.Column, operand, value);
                throw Error("module field is not yet supported");
            default:
                throw Error("complicated arithmetic operations are not supported");
        }
    }

    private static Predicate CombineArithmetic(CompareOp op, ArithOp arith, DataType arithType, ColumnRef column, ValueBound operandBound, ConstValue value)
    {
        var operand = operandBound.IsTemplate
            ? AtFill(() => CastValue(arithType, operandBound.Value))
            : CastValue(arithType, operandBound.Value);
        if (arith is ArithOp.Div or ArithOp.Mod && ((operand.Kind == ConstKind.Int && operand.Int == 0) || (operand.Kind == ConstKind.Float && operand.Float == 0)))
            throw Error("division or modulus by zero");
        return new ArithComparePredicate(column, arith, operand, op, value);
    }

    /// <summary>castValue: JSON takes anything; floats accept integers; otherwise kinds must match.</summary>
    private static ConstValue CastValue(DataType type, ConstValue value)
    {
        if (type == DataType.Json) return value;
        if (type == DataType.Array && value.Kind == ConstKind.Array) return value;
        if (TypeNames.IsString(type) && value.Kind == ConstKind.String) return value;
        if (type == DataType.Bool && value.Kind == ConstKind.Bool) return value;
        if (TypeNames.IsFloating(type))
        {
            if (value.Kind == ConstKind.Float) return value;
            if (value.Kind == ConstKind.Int) return ConstValue.Of((double)value.Int);
        }
        if (TypeNames.IsInteger(type) && value.Kind == ConstKind.Int) return value;
        throw Error($"cannot cast value to {TypeNames.Go(type)}, value: {value.ProtoText()}");
    }

    private Bound BindTerm(TermSyntax term)
    {
        var child = Bind(term.Left);
        if (child is ValueBound)
            throw Error($"'term' can only be used on non-const expression, but got: {term.Left.Text}");
        if (child is not ColumnBound column)
            throw Error($"'term' can only be used on single field, but got: {term.Left.Text}");
        var type = column.Column is { IsArray: true, HasPath: true } ? column.Column.ElementType : column.Column.DataType;
        var list = Bind(term.Right);
        if (list is not ValueBound listValue)
            throw Error($"value '{term.Right.Text}' in list cannot be a non-const expression");
        if (listValue.Value.Kind != ConstKind.Array)
        {
            if (listValue.IsTemplate)
                throw new FilterSemanticException($"the value of term expression template variable {{{((TemplateSyntax)term.Right).Name}}} is not array", wrapped: false);
            throw Error($"the right-hand side of 'in' must be a list, but got: {term.Right.Text}");
        }
        var values = new List<ConstValue>(listValue.Value.Items.Count);
        foreach (var item in listValue.Value.Items)
        {
            if (listValue.IsTemplate)
            {
                values.Add(AtFill(() => CastValue(type, item)));
                continue;
            }
            try { values.Add(CastValue(type, item)); }
            catch (FilterSemanticException)
            {
                throw Error($"value '{item.ProtoText()}' in list cannot be casted to {TypeNames.Go(type)}");
            }
        }
        Predicate predicate = new TermPredicate(column.Column, values);
        if (term.Not) predicate = new NotPredicate(predicate);
        return new PredicateBound(predicate);
    }

    private Bound BindRange(RangeSyntax range)
    {
        var column = range.Column is JsonIdentifierSyntax json
            ? ResolveJsonIdentifier(json.Text)
            : ResolveIdentifier(range.Column.Text);
        if (column is { IsArray: true, HasPath: false }) throw Error("can not comparisons array fields directly");
        // Milvus fills the lower bound first and names the missing side.
        var (lowerSyntax, upperSyntax) = range.Reverse ? (range.Upper, range.Lower) : (range.Lower, range.Upper);
        RequireTemplate(lowerSyntax, "lower");
        RequireTemplate(upperSyntax, "upper");
        var first = Bind(range.Lower);
        var second = Bind(range.Upper);
        // The reversed form (a > x > b) names its bounds the other way round.
        var (lowerBound, upperBound) = range.Reverse ? (second, first) : (first, second);
        if (lowerBound is not ValueBound lower) throw Error($"lowerbound cannot be a non-const expression: {range.Lower.Text}");
        if (upperBound is not ValueBound upper) throw Error($"upperbound cannot be a non-const expression: {range.Upper.Text}");
        var fieldType = column.IsArray ? column.ElementType : column.DataType;
        var lowerValue = lower.IsTemplate ? AtFill(() => CastRangeValue(fieldType, lower.Value)) : CastRangeValue(fieldType, lower.Value);
        var upperValue = upper.IsTemplate ? AtFill(() => CastRangeValue(fieldType, upper.Value)) : CastRangeValue(fieldType, upper.Value);
        bool lowerInclusive, upperInclusive;
        if (range.Reverse)
        {
            lowerInclusive = range.Op2 == TokenKind.Ge;
            upperInclusive = range.Op1 == TokenKind.Ge;
        }
        else
        {
            lowerInclusive = range.Op1 == TokenKind.Le;
            upperInclusive = range.Op2 == TokenKind.Le;
        }
        if (!lower.IsTemplate && !upper.IsTemplate)
        {
            var invalid = lowerInclusive && upperInclusive
                ? Constants.Compare(CompareOp.Gt, lowerValue, upperValue)
                : Constants.Compare(CompareOp.Ge, lowerValue, upperValue);
            if (invalid == true) throw Error("invalid range: lowerbound is greater than upperbound");
        }
        return new PredicateBound(new RangePredicate(column, lowerValue, lowerInclusive, upperValue, upperInclusive));
    }

    private void RequireTemplate(Syntax bound, string side)
    {
        if (bound is TemplateSyntax template && (_templates is null || !_templates.ContainsKey(template.Name)))
            throw new FilterSemanticException(
                $"the {side} value of expression template variable name {{{template.Name}}} is not found", wrapped: false);
    }

    private static ConstValue CastRangeValue(DataType type, ConstValue value)
    {
        switch (type)
        {
            case DataType.String or DataType.VarChar:
                if (value.Kind != ConstKind.String) throw Error("invalid range operations");
                return value;
            case DataType.Bool:
                throw Error("invalid range operations on boolean expr");
            case DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64:
                if (value.Kind != ConstKind.Int) throw Error("invalid range operations");
                return value;
            case DataType.Float or DataType.Double:
                if (!value.IsNumber) throw Error("invalid range operations");
                return value.Kind == ConstKind.Int ? ConstValue.Of((double)value.Int) : value;
            default:
                return value;
        }
    }
}
