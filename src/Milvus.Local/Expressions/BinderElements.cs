using Milvus.Local.Catalog;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Expressions;

/// <summary>
/// Milvus 3.0's element-level filters on an ARRAY of STRUCT field: <c>element_filter(s, pred)</c> and the match family
/// <c>MATCH_ANY/MATCH_ALL(s, pred)</c>, <c>MATCH_LEAST/MATCH_MOST/MATCH_EXACT(s, pred, k)</c>. Inside <c>pred</c>,
/// <c>$[sub]</c> is the current element's scalar sub-field; the predicate is bound against those sub-fields alone.
/// </summary>
internal sealed partial class Binder
{
    private static readonly Dictionary<string, ElementMatchMode> ElementFunctions = new(StringComparer.Ordinal)
    {
        ["element_filter"] = ElementMatchMode.Any,
        ["MATCH_ANY"] = ElementMatchMode.Any, ["match_any"] = ElementMatchMode.Any,
        ["MATCH_ALL"] = ElementMatchMode.All, ["match_all"] = ElementMatchMode.All,
        ["MATCH_LEAST"] = ElementMatchMode.Least, ["match_least"] = ElementMatchMode.Least,
        ["MATCH_MOST"] = ElementMatchMode.Most, ["match_most"] = ElementMatchMode.Most,
        ["MATCH_EXACT"] = ElementMatchMode.Exact, ["match_exact"] = ElementMatchMode.Exact,
    };

    private bool TryBindElementMatch(CallSyntax call, out Bound bound)
    {
        bound = null!;
        if (!ElementFunctions.TryGetValue(call.Name, out var mode)) return false;
        var needsCount = mode is ElementMatchMode.Least or ElementMatchMode.Most or ElementMatchMode.Exact;
        var arity = needsCount ? 3 : 2;
        if (call.Args.Count != arity)
            throw Error($"{call.Name} expects {arity} arguments: the struct array field, the element predicate{(needsCount ? " and the count" : "")}");
        if (call.Args[0] is not IdentifierSyntax structName || !_structs.TryGetValue(structName.Text, out var structField))
            throw Error($"{call.Name}: the first argument must be an array of struct field, got: {call.Args[0].Text}");
        var count = 0L;
        if (needsCount)
        {
            if (Bind(call.Args[2]) is not ValueBound { Value.Kind: ConstKind.Int } k || k.Value.Int < 0)
                throw Error($"{call.Name}: the count must be a non-negative integer, got: {call.Args[2].Text}");
            count = k.Value.Int;
        }
        var elements = ElementSchema(structField);
        var inner = new Binder(elements, _templates, _timezone).BindFilter(call.Args[1], call.Args[1].Text);
        var subFields = elements.Fields.ToDictionary(f => f.Name, f => StructArrays.StorageName(structField.Name, f.Name[2..^1]));
        bound = new PredicateBound(new ElementMatchPredicate(subFields, inner, mode, count, reportsOffsets: call.Name == "element_filter"));
        return true;
    }

    /// <summary>The scalar sub-fields of a struct as one element sees them: <c>$[sub]</c> of the element type.</summary>
    private static CollectionSchema ElementSchema(StructArrayFieldSchema structField)
    {
        var schema = new CollectionSchema();
        foreach (var sub in structField.Fields.Where(f => f.DataType == DataType.Array))
        {
            var element = sub.Clone();
            element.Name = $"$[{StructArrays.PlainName(structField.Name, sub.Name)}]";
            element.DataType = sub.ElementType;
            element.ElementType = DataType.None;
            schema.Fields.Add(element);
        }
        return schema;
    }
}
