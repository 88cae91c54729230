using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Expressions;

/// <summary>
/// A parsed, type-checked Milvus filter expression (the language of Milvus's Plan.g4), ready to be
/// evaluated a column at a time. Parse does all validation once; Evaluate only runs column loops.
/// </summary>
/// <remarks>
/// Errors carry code 1100 and the full reason Milvus's proxy returns for query and search, e.g.
/// <c>failed to create query plan: cannot parse expression: a &gt; "x", error: comparisons between Int64 and
/// VarChar are not supported: invalid parameter</c>.
/// </remarks>
public sealed class FilterExpression
{
    private readonly Predicate _predicate;

    private FilterExpression(string text, Predicate predicate)
    {
        Text = text;
        _predicate = predicate;
    }

    public string Text { get; }

    /// <summary>True for an empty filter or one that folds to a constant true.</summary>
    public bool IsAlwaysTrue => _predicate is ConstantPredicate { Value: true };

    /// <summary>True when the filter ends in <c>random_sample(f)</c>: results vary between evaluations.</summary>
    public bool UsesRandomSample => _predicate is RandomSamplePredicate;

    /// <summary>The sample fraction of a <c>random_sample</c> filter, else null.</summary>
    public double? SampleFactor => (_predicate as RandomSamplePredicate)?.Factor;

    /// <summary>
    /// Parses and type-checks <paramref name="expression"/> against the collection schema.
    /// Placeholders <c>{name}</c> are bound from <paramref name="templateValues"/>; naive <c>ISO "..."</c> times read in <paramref name="timezone"/>.
    /// Throws <see cref="MilvusError"/> with Milvus's code and message for any malformed or ill-typed input.
    /// </summary>
    public static FilterExpression Parse(
        string expression,
        CollectionSchema schema,
        IReadOnlyDictionary<string, TemplateValue>? templateValues = null,
        string timezone = Time.Timestamptz.DefaultTimezone)
    {
        ArgumentNullException.ThrowIfNull(schema);
        expression ??= "";
        if (string.IsNullOrWhiteSpace(expression)) return new FilterExpression(expression, new ConstantPredicate(true));
        try
        {
            var tree = Parser.Parse(expression);
            var predicate = new Binder(schema, templateValues, timezone).BindFilter(tree, expression);
            return new FilterExpression(expression, predicate);
        }
        catch (FilterSyntaxException e)
        {
            throw PlanError(ParseFailure(expression, e.Detail));
        }
        catch (FilterSemanticException e)
        {
            throw PlanError(e.Wrapped ? ParseFailure(expression, e.Message) : e.Message);
        }
        catch (Exception e) when (e is not MilvusError)
        {
            // The Go parser turns panics into this message; never let an internal failure escape untyped.
            throw PlanError(ParseFailure(expression, $"unsupported expression: {expression}"));
        }
    }

    private static string ParseFailure(string expression, string detail) => $"cannot parse expression: {expression}, error: {detail}";

    // The proxy's wrapping: merr.WrapErrParameterInvalidMsg("failed to create query plan: %v", err).
    private static MilvusError PlanError(string message) => MilvusError.InvalidParameter($"failed to create query plan: {message}");

    /// <summary>Evaluates the filter over every row of <paramref name="rows"/>: true where the row matches.</summary>
    public bool[] Evaluate(IRowSet rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var context = new EvalContext(rows);
        return _predicate.Evaluate(context).True;
    }

    /// <summary>
    /// The filter's <c>element_filter</c> when it decides the whole result (the filter itself, or a term of its top-level
    /// AND, where Milvus requires it to stand): the query is then element-level and names the matching elements.
    /// </summary>
    private ElementMatchPredicate? ElementLevelFilter => _predicate switch
    {
        ElementMatchPredicate { ReportsOffsets: true } e => e,
        LogicalPredicate { IsAnd: true } and => and.Operands.OfType<ElementMatchPredicate>().LastOrDefault(e => e.ReportsOffsets),
        _ => null,
    };

    /// <summary>True when the filter has an <c>element_filter</c> that decides the result (an element-level query).</summary>
    public bool IsElementLevel => ElementLevelFilter is not null;

    /// <summary>For an element-level filter, each row's matching element offsets (see <see cref="IsElementLevel"/>); else null.</summary>
    public long[][]? ElementOffsets(IRowSet rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return ElementLevelFilter?.MatchingOffsets(new EvalContext(rows));
    }

    /// <summary>
    /// When the whole filter is <c>pk in [...]</c> or <c>pk == v</c> on the named primary key field, the listed keys
    /// (long or string values), so the engine can fetch rows by key instead of scanning. Otherwise null.
    /// </summary>
    public IReadOnlyList<object>? TryGetPrimaryKeys(string primaryKeyField)
    {
        var (column, values) = _predicate switch
        {
            TermPredicate term => (term.Column, term.Values),
            ComparePredicate { Op: CompareOp.Eq } eq => (eq.Column, new[] { eq.Value }),
            _ => (null, null),
        };
        if (column is null || column.HasPath || column.Name != primaryKeyField || !column.Field.IsPrimaryKey) return null;
        return values!.Select(v => v.Kind switch
        {
            ConstKind.Int => (object)v.Int,
            ConstKind.String => v.String,
            _ => (object)v.ToString(),
        }).ToList();
    }

    public override string ToString() => Text;
}
