using System.Text.Json;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Expressions;

/// <summary>Converts request <c>expr_template_values</c> into filter constants.</summary>
internal static class TemplateValues
{
    public static ConstValue ToConst(string name, TemplateValue value) => value.ValCase switch
    {
        TemplateValue.ValOneofCase.BoolVal => ConstValue.Of(value.BoolVal),
        TemplateValue.ValOneofCase.Int64Val => ConstValue.Of(value.Int64Val),
        TemplateValue.ValOneofCase.FloatVal => ConstValue.Of(value.FloatVal),
        TemplateValue.ValOneofCase.StringVal => ConstValue.Of(value.StringVal),
        TemplateValue.ValOneofCase.ArrayVal => FromArray(name, value.ArrayVal),
        _ => throw new FilterSemanticException($"expression template variable value is nil, template name: {{{name}}}", wrapped: false),
    };

    private static ConstValue FromArray(string name, TemplateArrayValue array) => array.DataCase switch
    {
        TemplateArrayValue.DataOneofCase.BoolData => ConstValue.Array(array.BoolData.Data.Select(ConstValue.Of).ToList()),
        TemplateArrayValue.DataOneofCase.LongData => ConstValue.Array(array.LongData.Data.Select(ConstValue.Of).ToList()),
        TemplateArrayValue.DataOneofCase.DoubleData => ConstValue.Array(array.DoubleData.Data.Select(ConstValue.Of).ToList()),
        TemplateArrayValue.DataOneofCase.StringData => ConstValue.Array(array.StringData.Data.Select(ConstValue.Of).ToList()),
        TemplateArrayValue.DataOneofCase.ArrayData => ConstValue.Array(array.ArrayData.Data.Select(a => FromArray(name, a)).ToList()),
        TemplateArrayValue.DataOneofCase.JsonData => ConstValue.Array(array.JsonData.Data.Select(b => FromJson(name, b.ToByteArray())).ToList()),
        _ => ConstValue.Array([]),
    };

    private static ConstValue FromJson(string name, byte[] json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return FromElement(name, doc.RootElement);
        }
        catch (JsonException)
        {
            throw new FilterSemanticException($"the value of expression template variable name {{{name}}} is not valid JSON", wrapped: false);
        }
    }

    private static ConstValue FromElement(string name, JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetInt64(out var l) ? ConstValue.Of(l) : ConstValue.Of(e.GetDouble()),
        JsonValueKind.String => ConstValue.Of(e.GetString()!),
        JsonValueKind.True => ConstValue.Of(true),
        JsonValueKind.False => ConstValue.Of(false),
        JsonValueKind.Array => ConstValue.Array(e.EnumerateArray().Select(x => FromElement(name, x)).ToList()),
        _ => throw new FilterSemanticException($"{e.GetRawText()} is of unknown type, template name: {{{name}}}", wrapped: false),
    };
}
