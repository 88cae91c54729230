using Milvus.Protocol.Schema;

namespace Milvus.Local.Expressions;

/// <summary>
/// Type-checks a parse tree against the collection schema and turns it into executable predicates, with the
/// rules and messages of Milvus's plan parser visitor (internal/parser/planparserv2/parser_visitor.go).
/// </summary>
internal sealed partial class Binder
{
    private readonly Dictionary<string, FieldSchema> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StructArrayFieldSchema> _structs = new(StringComparer.Ordinal);
    private readonly FieldSchema? _dynamicField;
    private readonly IReadOnlyDictionary<string, TemplateValue>? _templates;
    private readonly string _timezone;

    /// <param name="timezone">Reads naive ISO literals of timestamptz comparisons (the request's or collection's timezone).</param>
    public Binder(CollectionSchema schema, IReadOnlyDictionary<string, TemplateValue>? templates, string timezone = Time.Timestamptz.DefaultTimezone)
    {
        _timezone = timezone;
        foreach (var field in schema.Fields)
        {
            _fields.TryAdd(field.Name, field);
            if (field.IsDynamic && field.DataType == DataType.Json) _dynamicField ??= field;
        }
        foreach (var s in schema.StructArrayFields) _structs.TryAdd(s.Name, s);
        // Milvus always carries the $meta field when the dynamic field is on; tolerate a schema that omits it.
        if (_dynamicField is null && schema.EnableDynamicField)
            _dynamicField = new FieldSchema { Name = "$meta", DataType = DataType.Json, IsDynamic = true };
        _templates = templates;
    }

    /// <summary>Binds a whole filter: the result must be an executable boolean expression.</summary>
    public Predicate BindFilter(Syntax tree, string expression)
    {
        var bound = Bind(tree);
        if (!bound.CanBeExecuted)
            throw new FilterSemanticException(
                $"predicate is not a boolean expression: {expression}, data type: {TypeNames.Go(bound.DataType)}", wrapped: false);
        return bound switch
        {
            PredicateBound p => p.Predicate,
            ValueBound v => new ConstantPredicate(v.Value.Bool),
            _ => throw new FilterSemanticException($"cannot parse expression: {expression}", wrapped: false),
        };
    }

    private static FilterSemanticException Error(string message) => new(message);

    private Bound Bind(Syntax syntax) => syntax switch
    {
        LiteralSyntax literal => new ValueBound(Literals.Parse(literal)),
        IdentifierSyntax identifier => new ColumnBound(ResolveIdentifier(identifier.Text)),
        JsonIdentifierSyntax json => new ColumnBound(ResolveJsonIdentifier(json.Text)),
        TemplateSyntax template => new ValueBound(ResolveTemplate(template.Name), isTemplate: true),
        ArraySyntax array => BindArray(array),
        UnarySyntax unary => BindUnary(unary),
        BinarySyntax binary => BindBinary(binary),
        TermSyntax term => BindTerm(term),
        RangeSyntax range => BindRange(range),
        LikeSyntax like => BindLike(like),
        ExistsSyntax exists => BindExists(exists),
        IsNullSyntax isNull => BindIsNull(isNull),
        ContainsSyntax contains => BindContains(contains),
        ArrayLengthSyntax length => BindArrayLength(length),
        TextMatchSyntax text => BindTextMatch(text),
        PhraseMatchSyntax phrase => BindPhraseMatch(phrase),
        RandomSampleSyntax sample => BindRandomSample(sample),
        SpatialSyntax spatial => BindSpatial(spatial),
        TimestampCompareSyntax timestamp => BindTimestampCompare(timestamp),
        CallSyntax call => BindCall(call),
        _ => throw Error($"unsupported expression: {syntax.Text}"),
    };

    // ---- identifiers -------------------------------------------------------------------------------

    /// <summary>A schema field by name, else the dynamic field with the name as its key (GetFieldFromNameDefaultJSON).</summary>
    private ColumnRef ResolveIdentifier(string name)
    {
        var (field, path) = FieldOrDynamic(name);
        if (field.DataType == DataType.Text)
            throw Error($"filter on text field ({field.Name}) is not supported yet");
        return new ColumnRef(field, path);
    }

    private (FieldSchema Field, IReadOnlyList<string> Path) FieldOrDynamic(string name)
    {
        if (_fields.TryGetValue(name, out var field)) return (field, []);
        if (_dynamicField is null) throw Error($"field {name} not exist");
        return (_dynamicField, [name]);
    }

    /// <summary><c>name["a"][0]</c>: JSON keys on JSON fields (or dynamic keys), integer indexes on ARRAY fields.</summary>
    private ColumnRef ResolveJsonIdentifier(string identifier)
    {
        var fieldName = identifier[..identifier.IndexOf('[')];
        var (field, path) = FieldOrDynamic(fieldName);
        if (field.DataType is not (DataType.Json or DataType.Array))
            throw Error($"{TypeNames.Go(field.DataType)} data type not supported accessed with []");
        var nested = new List<string>(path);
        var keys = identifier[fieldName.Length..];
        foreach (var rawSegment in keys.Split("]["))
        {
            var segment = rawSegment.Trim('[', ']');
            if (segment.Length == 0) throw Error($"invalid identifier: {identifier}");
            if ((segment.StartsWith('"') && segment.EndsWith('"')) || (segment.StartsWith('\'') && segment.EndsWith('\'')))
            {
                segment = segment.Length >= 2 ? segment[1..^1] : "";
                if (segment.Length == 0) throw Error($"invalid identifier: {identifier}");
                if (field.DataType == DataType.Array) throw Error("can only access array field with integer index");
            }
            else if (!long.TryParse(segment, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                throw Error($"json key must be enclosed in double quotes or single quotes: \"{segment}\"");
            }
            nested.Add(segment);
        }
        return new ColumnRef(field, nested);
    }

    private ConstValue ResolveTemplate(string name)
    {
        if (_templates is null || !_templates.TryGetValue(name, out var value))
            throw new FilterSemanticException($"the value of expression template variable name {{{name}}} is not found", wrapped: false);
        return TemplateValues.ToConst(name, value);
    }

    private Bound BindArray(ArraySyntax array)
    {
        var items = new List<ConstValue>(array.Items.Count);
        foreach (var item in array.Items)
        {
            if (Bind(item) is not ValueBound value)
                throw Error($"array element type must be generic value, but got: {item.Text}");
            items.Add(value.Value);
        }
        return new ValueBound(ConstValue.Array(items));
    }

    // ---- logical ----------------------------------------------------------------------------------

    private Bound BindUnary(UnarySyntax unary)
    {
        var child = Bind(unary.Operand);
        if (child is ValueBound value)
        {
            return unary.Op switch
            {
                TokenKind.Add => child,
                TokenKind.Sub => Constants.Negate(value.Value) is { } negated
                    ? new ValueBound(negated)
                    : throw Error($"unexpected op: {unary.OpText}"),
                TokenKind.Not => value.Value.Kind == ConstKind.Bool
                    ? new ValueBound(ConstValue.Of(!value.Value.Bool), nodeDependent: false)
                    : throw Error($"not op can only be applied on boolean expression"),
                _ => throw Error($"unexpected op: {unary.OpText}"),
            };
        }
        if (child is PredicateBound { Predicate: RandomSamplePredicate })
            throw Error("random sample expression cannot be used in unary expression");
        CheckNotWholeArray(child);
        switch (unary.Op)
        {
            case TokenKind.Add:
                return child;
            case TokenKind.Not:
                if (!child.CanBeExecuted) throw Error("not op can only be applied on boolean expression");
                return new PredicateBound(new NotPredicate(((PredicateBound)child).Predicate));
            default:
                throw Error($"unexpected op: {unary.OpText}");
        }
    }

    /// <summary>Binds an and/or chain iteratively (left-deep trees of any length), folding pairwise as Milvus does.</summary>
    private Bound BindLogical(BinarySyntax chain)
    {
        var op = chain.Op;
        var rights = new Stack<Syntax>();
        Syntax node = chain;
        while (node is BinarySyntax b && b.Op == op)
        {
            rights.Push(b.Right);
            node = b.Left;
        }
        var left = Bind(node);
        var operands = new List<Predicate>();
        while (rights.Count > 0)
        {
            var right = Bind(rights.Pop());
            left = op == TokenKind.And ? CombineAnd(left, right, operands) : CombineOr(left, right, operands);
        }
        return left;
    }

    private static Bound CombineAnd(Bound left, Bound right, List<Predicate> operands)
    {
        if (left is ValueBound lv && right is ValueBound rv)
        {
            if (lv.Value.Kind != ConstKind.Bool || rv.Value.Kind != ConstKind.Bool) throw Error("and can only apply on boolean");
            return new ValueBound(ConstValue.Of(lv.Value.Bool && rv.Value.Bool), nodeDependent: false);
        }
        if (left is ValueBound || right is ValueBound) throw Error("'and' can only be used between boolean expressions");
        if (left is PredicateBound { Predicate: RandomSamplePredicate })
            throw Error("random sample expression can only be the last expression in the logical and expression");
        if (!left.CanBeExecuted || !right.CanBeExecuted) throw Error("'and' can only be used between boolean expressions");
        var leftPredicate = ((PredicateBound)left).Predicate;
        var rightPredicate = ((PredicateBound)right).Predicate;
        if (rightPredicate is RandomSamplePredicate sample)
            return new PredicateBound(sample.WithFilter(leftPredicate));
        return new PredicateBound(Chain(isAnd: true, leftPredicate, rightPredicate, operands));
    }

    private static Bound CombineOr(Bound left, Bound right, List<Predicate> operands)
    {
        if (left is ValueBound lv && right is ValueBound rv)
        {
            if (lv.Value.Kind != ConstKind.Bool || rv.Value.Kind != ConstKind.Bool) throw Error("or can only apply on boolean");
            return new ValueBound(ConstValue.Of(lv.Value.Bool || rv.Value.Bool), nodeDependent: false);
        }
        if (left is ValueBound || right is ValueBound) throw Error("'or' can only be used between boolean expressions");
        if (left is PredicateBound { Predicate: RandomSamplePredicate } || right is PredicateBound { Predicate: RandomSamplePredicate })
            throw Error("random sample expression cannot be used in logical and expression");
        if (!left.CanBeExecuted || !right.CanBeExecuted) throw Error("'or' can only be used between boolean expressions");
        return new PredicateBound(Chain(isAnd: false, ((PredicateBound)left).Predicate, ((PredicateBound)right).Predicate, operands));
    }

    // Extends the chain's flat operand list when the left side is the chain built so far.
    private static Predicate Chain(bool isAnd, Predicate left, Predicate right, List<Predicate> operands)
    {
        if (operands.Count == 0 || left is not LogicalPredicate existing || existing.IsAnd != isAnd || !ReferenceEquals(existing.Operands, operands))
        {
            operands.Clear();
            operands.Add(left);
        }
        operands.Add(right);
        return new LogicalPredicate(isAnd, operands);
    }

    /// <summary>"can not comparisons array fields directly": a whole ARRAY field used as a scalar operand.</summary>
    private static void CheckNotWholeArray(Bound bound)
    {
        if (bound is ColumnBound { Column: { IsArray: true, HasPath: false } })
            throw Error("can not comparisons array fields directly");
    }
}
