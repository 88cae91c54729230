using System.Collections;
using Google.Protobuf;
using Milvus.Protocol.Schema;

namespace Milvus.Client.Internal.Conversion;

/// <summary>filter_params → expr_template_values (pymilvus <c>convert_to_template_value</c>).</summary>
internal static class TemplateValues
{
    public static void AddTo(IDictionary<string, TemplateValue> target, IDictionary<string, object?>? parameters)
    {
        if (parameters is null) return;
        foreach (var (name, value) in parameters) target[name] = ToTemplateValue(name, value);
    }

    public static TemplateValue ToTemplateValue(string name, object? value)
    {
        if (ValueCoercion.TryBool(value, out var b)) return new TemplateValue { BoolVal = b };
        if (ValueCoercion.TryLong(value, out var l)) return new TemplateValue { Int64Val = l };
        if (ValueCoercion.TryDouble(value, out var d)) return new TemplateValue { FloatVal = d };
        if (ValueCoercion.TryString(value, out var s)) return new TemplateValue { StringVal = s };
        if (value is IEnumerable list and not IDictionary) return new TemplateValue { ArrayVal = ToArray(name, list.Cast<object?>().ToList()) };
        throw new ParamError($"Unsupported value type for filter parameter {name}: {ExceptionMessages.DescribeType(value)}");
    }

    private static TemplateArrayValue ToArray(string name, List<object?> items)
    {
        var result = new TemplateArrayValue();
        if (items.Count == 0) { result.LongData = new LongArray(); return result; }
        if (items.All(i => ValueCoercion.TryBool(i, out _)))
        {
            result.BoolData = new BoolArray();
            result.BoolData.Data.AddRange(items.Select(i => { ValueCoercion.TryBool(i, out var v); return v; }));
        }
        else if (items.All(i => ValueCoercion.TryLong(i, out _)))
        {
            result.LongData = new LongArray();
            result.LongData.Data.AddRange(items.Select(i => { ValueCoercion.TryLong(i, out var v); return v; }));
        }
        else if (items.All(i => ValueCoercion.TryDouble(i, out _)))
        {
            result.DoubleData = new DoubleArray();
            result.DoubleData.Data.AddRange(items.Select(i => { ValueCoercion.TryDouble(i, out var v); return v; }));
        }
        else if (items.All(i => ValueCoercion.TryString(i, out _)))
        {
            result.StringData = new StringArray();
            result.StringData.Data.AddRange(items.Select(i => { ValueCoercion.TryString(i, out var v); return v; }));
        }
        else if (items.All(i => i is IEnumerable and not string and not IDictionary))
        {
            result.ArrayData = new TemplateArrayValueArray();
            result.ArrayData.Data.AddRange(items.Select(i => ToArray(name, ((IEnumerable)i!).Cast<object?>().ToList())));
        }
        else
        {
            result.JsonData = new JSONArray();
            result.JsonData.Data.AddRange(items.Select(i => ByteString.CopyFrom(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ValueCoercion.ToJsonTree(i)))));
        }
        return result;
    }
}
