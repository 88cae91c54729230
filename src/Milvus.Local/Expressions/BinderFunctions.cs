using Milvus.Local.Analysis;
using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Expressions;

/// <summary>like, exists, is null, the contains family, array_length, text/phrase match, random_sample and the rest.</summary>
internal sealed partial class Binder
{
    private Bound BindLike(LikeSyntax like)
    {
        var left = Bind(like.Left);
        if (left is not ColumnBound column) throw Error("like operation on complicated expr is unsupported");
        CheckNotWholeArray(left);
        var c = column.Column;
        if (!TypeNames.IsString(c.DataType) && !c.IsJson && !(c.IsArray && TypeNames.IsString(c.ElementType)))
            throw Error("like operation on non-string or no-json field is unsupported");
        var pattern = Literals.Unquote(like.PatternLiteral);
        return new PredicateBound(new LikePredicate(c, new LikePattern(pattern)));
    }

    private Bound BindExists(ExistsSyntax exists)
    {
        var child = Bind(exists.Operand);
        if (child is not ColumnBound column)
            throw Error($"exists operations are only supported on single fields now, got: {exists.Operand.Text}");
        if (!column.Column.IsJson)
            throw Error($"exists operations are only supportted on json field, got:{TypeNames.Go(column.Column.DataType)}");
        if (!column.Column.HasPath) throw Error("exists operations are only supportted on json key");
        return new PredicateBound(new ExistsPredicate(column.Column));
    }

    private Bound BindIsNull(IsNullSyntax isNull)
    {
        var column = isNull.Column is JsonIdentifierSyntax json
            ? ResolveJsonIdentifier(json.Text)
            : ResolveIdentifier(isNull.Column.Text);
        if (IsVector(column.DataType))
            throw Error("IsNull/IsNotNull operations are not supported on vector fields");
        // Milvus's segcore rejects a null check on an ARRAY element when it executes the plan.
        if (column is { IsArray: true, HasPath: true }) throw MilvusError.Unexpected("unsupported data type: ARRAY");
        if (column.HasPath)
        {
            // A JSON path is "null" when it does not exist: `j["a"] is null` means `not exists j["a"]`.
            Predicate exists = new ExistsPredicate(column);
            return new PredicateBound(isNull.Not ? exists : new NotPredicate(exists));
        }
        return new PredicateBound(new NullPredicate(column, isNull: !isNull.Not));
    }

    private static bool IsVector(DataType type) => type is DataType.FloatVector or DataType.BinaryVector
        or DataType.Float16Vector or DataType.Bfloat16Vector or DataType.SparseFloatVector or DataType.Int8Vector
        or DataType.ArrayOfVector;

    private Bound BindContains(ContainsSyntax contains)
    {
        var (op, name) = contains.Function switch
        {
            TokenKind.JsonContains or TokenKind.ArrayContains => (ContainsOp.Contains, "contains"),
            TokenKind.JsonContainsAll or TokenKind.ArrayContainsAll => (ContainsOp.ContainsAll, "contains_all"),
            _ => (ContainsOp.ContainsAny, "contains_any"),
        };
        var field = Bind(contains.Field);
        if (field is not ColumnBound { Column: { IsJson: true } or { IsArray: true } } column)
            throw Error($"{name} operation are only supported on json or array fields now, got: {contains.Field.Text}");
        var element = Bind(contains.Element);
        if (element is not ValueBound value)
            throw Error($"{name} operation are only supported explicitly specified element, got: {contains.Element.Text}");
        // A placeholder's value is checked when Milvus fills it in, after parsing (no "cannot parse" prefix).
        var elements = value.IsTemplate
            ? AtFill(() => ContainsElements(column.Column, op, value.Value))
            : ContainsElements(column.Column, op, value.Value);
        return new PredicateBound(new ContainsPredicate(column.Column, op, elements));
    }

    /// <summary>checkContainsElement: the element list, with ARRAY fields' element types enforced.</summary>
    private static IReadOnlyList<ConstValue> ContainsElements(ColumnRef column, ContainsOp op, ConstValue value)
    {
        var opName = op.ToString();
        if (op != ContainsOp.Contains && value.Kind != ConstKind.Array)
            throw Error($"{opName} operation element must be an array");
        IReadOnlyList<ConstValue> elements = op == ContainsOp.Contains ? [value] : value.Items;
        if (!column.IsArray) return elements;
        var elementType = column.ElementType;
        if (op == ContainsOp.Contains) elements = [CastValue(elementType, value)];
        foreach (var item in elements)
        {
            if (!CanBeComparedTypes(elementType, ValueBound.TypeOf(item)))
                throw Error($"{opName} operation can't compare between array element type: {TypeNames.Go(elementType)} and {TypeNames.Go(ValueBound.TypeOf(item))}");
        }
        return elements;
    }

    private Bound BindArrayLength(ArrayLengthSyntax length)
    {
        var column = length.Column is JsonIdentifierSyntax json
            ? ResolveJsonIdentifier(json.Text)
            : ResolveIdentifier(length.Column.Text);
        if (!column.IsJson && !column.IsArray)
            throw Error($"array_length operation are only supported on json or array fields now, got: {length.Text}");
        return new ArithBound(new ColumnBound(column), ArithOp.ArrayLength, null, DataType.Int64);
    }

    private Bound BindTextMatch(TextMatchSyntax text)
    {
        var column = ResolveIdentifier(text.Field);
        if (!TypeNames.IsString(column.DataType)) throw Error("text match operation on non-string is unsupported");
        if (!IsMatchEnabled(column.Field)) throw Error($"field \"{text.Field}\" does not enable match");
        var query = Literals.Unquote(text.QueryLiteral);
        var minimum = 1L;
        if (text.MinimumShouldMatch is { } raw)
        {
            minimum = Literals.ParseInteger(raw, out var ok);
            if (!ok) throw Error($"invalid minimum_should_match value: {raw}");
            if (minimum < 1) throw Error($"minimum_should_match should be >= 1, got {minimum}");
            if (minimum > 1000) throw Error($"minimum_should_match should be <= 1000, got {minimum}");
        }
        return new PredicateBound(new TextMatchPredicate(column, MatchAnalyzer(column.Field), query, (int)minimum));
    }

    private Bound BindPhraseMatch(PhraseMatchSyntax phrase)
    {
        var column = ResolveIdentifier(phrase.Field);
        if (!TypeNames.IsString(column.DataType)) throw Error("phrase match operation on non-string is unsupported");
        if (!IsMatchEnabled(column.Field)) throw Error($"field \"{phrase.Field}\" does not enable match");
        var query = Literals.Unquote(phrase.QueryLiteral);
        long slop = 0;
        if (phrase.Slop is { } slopSyntax)
        {
            if (Bind(slopSyntax) is not ValueBound slopValue)
                throw Error($"\"slop\" should be a const integer expression with \"uint32\" value. \"slop\" expression passed: {slopSyntax.Text}");
            slop = slopValue.Value.Kind == ConstKind.Int ? slopValue.Value.Int : 0;
            if (slop < 0) throw Error($"\"slop\" should not be a negative interger. \"slop\" passed: {slopSyntax.Text}");
            if (slop > uint.MaxValue) throw Error($"\"slop\" exceeds the range of \"uint32\". \"slop\" expression passed: {slopSyntax.Text}");
        }
        return new PredicateBound(new PhraseMatchPredicate(column, MatchAnalyzer(column.Field), query, slop));
    }

    private static bool IsMatchEnabled(FieldSchema field) => FieldAnalyzer.IsMatchEnabled(field);

    /// <summary>The field's analyzer (validated when the collection was created, so building it does not fail here).</summary>
    private static Analyzer MatchAnalyzer(FieldSchema field) => FieldAnalyzer.For(field).Resolve(null);

    private Bound BindRandomSample(RandomSampleSyntax sample)
    {
        Bound factor;
        try { factor = Bind(sample.Factor); }
        catch (FilterSemanticException e) when (e.Wrapped)
        {
            throw Error($"cannot parse expression: {sample.Factor.Text}, error: {e.Message}");
        }
        if (factor is not ValueBound value)
            throw Error($"\"float factor\" should be a const float expression: \"float factor\" passed: {sample.Factor.Text}");
        var f = value.Value.Kind == ConstKind.Float ? value.Value.Float : 0;
        const double epsilon = 1e-10;
        if (!(f > epsilon && f < 1 - epsilon))
            throw Error($"the sample factor should be between 0 and 1 and not too close to 0 or 1(the difference should be larger than 1e-10), but got {sample.Factor.Text}");
        // Milvus stores the factor as float32.
        return new PredicateBound(new RandomSamplePredicate((float)f, null));
    }

    private static readonly Dictionary<string, string> SpatialNames = new(StringComparer.Ordinal)
    {
        ["st_equals"] = "STEuqals",
        ["st_touches"] = "STTouches",
        ["st_overlaps"] = "STOverlaps",
        ["st_crosses"] = "STCrosses",
        ["st_contains"] = "STContains",
        ["st_intersects"] = "STIntersects",
        ["st_within"] = "STWithin",
        ["st_dwithin"] = "ST_DWITHIN",
        ["st_isvalid"] = "ST_ISVALID",
    };

    private Bound BindSpatial(SpatialSyntax spatial)
    {
        var column = ResolveIdentifier(spatial.Field);
        if (column.DataType != DataType.Geometry || column.HasPath)
            throw Error($"{SpatialNames[spatial.Function]} operation are only supported on geometry fields now, got: {spatial.Text}");
        var op = SpatialOps[spatial.Function];
        if (op == SpatialOp.IsValid) return new PredicateBound(new SpatialPredicate(column, op, null, 0));
        // Milvus strips the quotes without unescaping (element[1 : len(element)-1]).
        var wkt = spatial.WktLiteral[1..^1];
        var target = Spatial.WktGeometry.TryParse(wkt, out var reason) ?? throw Error($"invalid WKT: {wkt}, error: {reason}");
        if (op != SpatialOp.DWithin) return new PredicateBound(new SpatialPredicate(column, op, target, 0));
        if (target is not NetTopologySuite.Geometries.Point) throw Error($"ST_DWITHIN only supports POINT geometry, got: {wkt}");
        return new PredicateBound(new SpatialPredicate(column, op, target, DWithinDistance(spatial.Distance!)));
    }

    private static readonly Dictionary<string, SpatialOp> SpatialOps = new(StringComparer.Ordinal)
    {
        ["st_equals"] = SpatialOp.Equals,
        ["st_touches"] = SpatialOp.Touches,
        ["st_overlaps"] = SpatialOp.Overlaps,
        ["st_crosses"] = SpatialOp.Crosses,
        ["st_contains"] = SpatialOp.Contains,
        ["st_intersects"] = SpatialOp.Intersects,
        ["st_within"] = SpatialOp.Within,
        ["st_dwithin"] = SpatialOp.DWithin,
        ["st_isvalid"] = SpatialOp.IsValid,
    };

    /// <summary>VisitSTDWithin: a constant, non-negative int or float (meters).</summary>
    private double DWithinDistance(Syntax distanceSyntax)
    {
        if (Bind(distanceSyntax) is not ValueBound { IsTemplate: false } value)
            throw Error($"distance parameter must be a constant numeric value, got: {distanceSyntax.Text}");
        var distance = value.Value.Kind switch
        {
            ConstKind.Int => value.Value.Int,
            ConstKind.Float => value.Value.Float,
            _ => throw Error($"distance parameter must be a numeric value (int or float), got: {distanceSyntax.Text}"),
        };
        if (distance < 0) throw Error($"distance parameter must be non-negative, got: {distance.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}");
        return distance;
    }

    private Bound BindTimestampCompare(TimestampCompareSyntax timestamp)
    {
        ColumnRef column;
        try { column = ResolveIdentifier(timestamp.Field); }
        catch (FilterSemanticException) { throw Error($"can not translate identifier: {timestamp.Field}"); }
        if (column.DataType != DataType.Timestamptz)
            throw Error($"field '{timestamp.Field}' is not a timestamptz datatype");
        var op = CompareOf(timestamp.Op);
        if (timestamp.Reverse) op = Reverse(op);
        long micros;
        Time.Interval? interval = null;
        try
        {
            micros = Time.Timestamptz.ParseMicros(Literals.Unquote(timestamp.IsoLiteral), _timezone);
            if (timestamp.IntervalLiteral is { } literal) interval = Time.Timestamptz.ParseInterval(Literals.Unquote(literal));
        }
        catch (FormatException e) { throw Error(e.Message); }
        // Without INTERVAL it is a plain range on the stored microseconds (Milvus's UnaryRangeExpr quick path).
        if (interval is null) return new PredicateBound(new ComparePredicate(column, op, ConstValue.Of(micros)));
        var sign = timestamp.IntervalOp == TokenKind.Sub ? -1 : 1;
        return new PredicateBound(new TimestamptzArithPredicate(column, interval.Value, sign, op, micros));
    }

    private Bound BindCall(CallSyntax call)
    {
        if (TryBindElementMatch(call, out var elementMatch)) return elementMatch;
        foreach (var argument in call.Args) Bind(argument);
        throw Error($"function {call.Name.ToLowerInvariant()} is not supported");
    }
}
