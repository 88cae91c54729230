using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.Extensions.VectorData.ProviderServices;
using Microsoft.Extensions.VectorData.ProviderServices.Filter;

namespace Milvus.VectorData;

/// <summary>
/// LINQ filters as Milvus boolean expressions: comparisons (==, !=, &lt;, &lt;=, &gt;, &gt;=, null as <c>is null</c>),
/// &amp;&amp; / || as and / or, ! pushed down to the comparisons (De Morgan) so nulls behave as in .NET, bool properties, Contains on an array property (array_contains), Contains on a
/// constant list (in [...]) and Any(x =&gt; list.Contains(x)) on an array property (array_contains_any). Anything else
/// fails with NotSupportedException naming the expression. Constants are written as Milvus literals, strings quoted
/// and escaped, so values never become syntax.
/// </summary>
internal sealed class MilvusFilterTranslator : FilterTranslatorBase
{
    private readonly StringBuilder _filter = new();

    /// <summary>The Milvus filter for a lambda; "" (no filter) for a constant true.</summary>
    public static string Translate(LambdaExpression lambda, CollectionModel model) => new MilvusFilterTranslator().Run(lambda, model);

    private string Run(LambdaExpression lambda, CollectionModel model)
    {
        var body = PreprocessFilter(lambda, model, new FilterPreprocessingOptions());
        if (body is ConstantExpression { Value: true }) return "";
        Write(body);
        return _filter.ToString();
    }

    /// <summary>Writes a predicate, or its negation when <paramref name="negated"/> (pushed down by De Morgan's laws).</summary>
    private void Write(Expression node, bool negated = false)
    {
        switch (node)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse } logical:
                _filter.Append('(');
                Write(logical.Left, negated);
                _filter.Append((logical.NodeType == ExpressionType.AndAlso) != negated ? " and " : " or ");
                Write(logical.Right, negated);
                _filter.Append(')');
                return;
            case BinaryExpression comparison when Operator(comparison.NodeType) is not null:
                WriteComparison(comparison, negated);
                return;
            case UnaryExpression { NodeType: ExpressionType.Not } not:
                Write(not.Operand, !negated);
                return;
            case MethodCallExpression call:
                WriteMethodCall(call, negated);
                return;
            case var _ when node.Type == typeof(bool) && TryBindProperty(node, out var property):
                _filter.Append(FieldName(property)).Append(negated ? " == false" : " == true");
                return;
            default:
                throw Unsupported(node);
        }
    }

    /// <summary>
    /// A comparison with .NET null semantics: Milvus treats a comparison with a null field as unknown (never true, even
    /// negated), while in .NET <c>null != "foo"</c> and <c>!(null == "foo")</c> are true; those cases add <c>or field is null</c>.
    /// </summary>
    private void WriteComparison(BinaryExpression comparison, bool negated)
    {
        var op = Operator(comparison.NodeType)!;
        PropertyModel? property;
        object? value;
        if (TryBindProperty(comparison.Left, out property) && TryGetConstant(comparison.Right, out value)) { }
        else if (TryBindProperty(comparison.Right, out property) && TryGetConstant(comparison.Left, out value)) op = Reversed(op);
        else throw Unsupported(comparison);

        var field = FieldName(property);
        if (value is null)
        {
            _filter.Append(field).Append((op, negated) switch
            {
                ("==", false) or ("!=", true) => " is null",
                ("==", true) or ("!=", false) => " is not null",
                _ => throw new NotSupportedException($"Comparing '{property.ModelName}' with null using '{op}' is not supported."),
            });
            return;
        }
        var trueForNull = property.IsNullable && (op == "!=") != negated;
        if (trueForNull) _filter.Append('(');
        _filter.Append(field).Append(' ').Append(negated ? Negated(op) : op).Append(' ');
        WriteLiteral(value);
        if (trueForNull) _filter.Append(" or ").Append(field).Append(" is null)");
    }

    private void WriteMethodCall(MethodCallExpression call, bool negated)
    {
        var start = _filter.Length;
        PropertyModel? nullableItem = null;
        if (TryMatchContains(call, out var source, out var item) && TryBindProperty(source, out var arrayProperty) && TryGetConstant(item, out var element))
        {
            // Contains on an array property: array_contains(field, value).
            _filter.Append("array_contains(").Append(FieldName(arrayProperty)).Append(", ");
            WriteLiteral(element);
            _filter.Append(')');
        }
        else if (source is not null && TryGetConstantList(source, out var values) && TryBindProperty(item!, out var property))
        {
            // Contains on a constant list: field in [values].
            _filter.Append(FieldName(property)).Append(" in ");
            WriteList(values);
            if (property.IsNullable) nullableItem = property;
        }
        else if (call.Method.DeclaringType == typeof(Enumerable) && call.Method.Name == nameof(Enumerable.Any) && call.Arguments.Count == 2
            && TryBindProperty(call.Arguments[0], out var anyProperty)
            && call.Arguments[1] is LambdaExpression { Body: MethodCallExpression inner } lambda
            && TryMatchContains(inner, out var anySource, out var anyItem)
            && anyItem == lambda.Parameters[0]
            && TryGetConstantList(anySource, out var anyValues))
        {
            // Any(x => values.Contains(x)) on an array property: array_contains_any(field, [values]).
            _filter.Append("array_contains_any(").Append(FieldName(anyProperty)).Append(", ");
            WriteList(anyValues);
            _filter.Append(')');
        }
        else
        {
            throw Unsupported(call);
        }
        if (!negated) return;
        // In .NET a list without null does not contain a null field, so the negation is true for it.
        _filter.Insert(start, nullableItem is null ? "not (" : "(not (").Append(')');
        if (nullableItem is not null) _filter.Append(" or ").Append(FieldName(nullableItem)).Append(" is null)");
    }

    private void WriteList(IEnumerable values)
    {
        _filter.Append('[');
        var first = true;
        foreach (var value in values)
        {
            if (!first) _filter.Append(", ");
            WriteLiteral(value);
            first = false;
        }
        _filter.Append(']');
    }

    private void WriteLiteral(object? value)
    {
        switch (value)
        {
            case null: throw new NotSupportedException("null is only supported in == and != comparisons.");
            case string text: WriteString(text); break;
            case Guid guid: WriteString(MilvusKeys.GuidText(guid)); break;
            case bool b: _filter.Append(b ? "true" : "false"); break;
            case sbyte or byte or short or ushort or int or uint or long: _filter.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)); break;
            case float f: _filter.Append(f.ToString("R", CultureInfo.InvariantCulture)); break;
            case double d: _filter.Append(d.ToString("R", CultureInfo.InvariantCulture)); break;
            // A TIMESTAMPTZ literal: the UTC instant, to the microsecond Milvus keeps.
            case DateTime or DateTimeOffset:
                _filter.Append("ISO '").Append(MilvusFieldTypes.ToUtcInstant(value).UtcDateTime
                    .ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture)).Append("Z'");
                break;
            default: throw new NotSupportedException($"Constants of type '{value.GetType().Name}' are not supported in Milvus filters.");
        }
    }

    /// <summary>A double-quoted Milvus (Go) string literal.</summary>
    private void WriteString(string text)
    {
        _filter.Append('"');
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"': _filter.Append("\\\""); break;
                case '\\': _filter.Append("\\\\"); break;
                case '\n': _filter.Append("\\n"); break;
                case '\r': _filter.Append("\\r"); break;
                case '\t': _filter.Append("\\t"); break;
                case < ' ': _filter.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: _filter.Append(ch); break;
            }
        }
        _filter.Append('"');
    }

    private static string FieldName(PropertyModel property) => property switch
    {
        VectorPropertyModel => throw new NotSupportedException($"Vector property '{property.ModelName}' cannot be used in a filter."),
        _ => property.StorageName,
    };

    private static bool TryGetConstant(Expression expression, out object? value)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert } convert) expression = convert.Operand;
        if (expression is ConstantExpression constant)
        {
            value = constant.Value;
            return true;
        }
        value = null;
        return false;
    }

    private static bool TryGetConstantList(Expression expression, out IEnumerable values)
    {
        values = Array.Empty<object>();
        if (expression is NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array)
        {
            var items = new List<object?>();
            foreach (var element in array.Expressions)
            {
                if (!TryGetConstant(element, out var item)) return false;
                items.Add(item);
            }
            values = items;
            return true;
        }
        if (TryGetConstant(expression, out var constant) && constant is IEnumerable list and not string)
        {
            values = list;
            return true;
        }
        return false;
    }

    private static string? Operator(ExpressionType type) => type switch
    {
        ExpressionType.Equal => "==",
        ExpressionType.NotEqual => "!=",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        _ => null,
    };

    private static string Negated(string op) => op switch
    {
        "==" => "!=",
        "!=" => "==",
        ">" => "<=",
        ">=" => "<",
        "<" => ">=",
        _ => ">",
    };

    private static string Reversed(string op) => op switch
    {
        ">" => "<",
        ">=" => "<=",
        "<" => ">",
        "<=" => ">=",
        _ => op,
    };

    private static NotSupportedException Unsupported(Expression node)
        => new($"The filter expression '{node}' cannot be translated to a Milvus filter.");
}
