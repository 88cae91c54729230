using Google.Protobuf.Collections;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;

namespace Milvus.Client.Internal.Conversion;

/// <summary>Property dictionaries ↔ repeated common.KeyValuePair.</summary>
internal static class KeyValues
{
    /// <summary>Values <c>str()</c>-encoded as pymilvus does (booleans "True"/"False").</summary>
    public static IEnumerable<KeyValuePair> FromProperties(IDictionary<string, object?>? properties)
        => properties is null
            ? Enumerable.Empty<KeyValuePair>()
            : properties.Select(p => new KeyValuePair { Key = p.Key, Value = ValueCoercion.PythonStr(p.Value) });

    /// <summary>Values JSON-encoded when not strings (index params: dicts as JSON).</summary>
    public static IEnumerable<KeyValuePair> FromParams(IDictionary<string, object?>? parameters)
        => parameters is null
            ? Enumerable.Empty<KeyValuePair>()
            : parameters.Where(p => p.Value is not null).Select(p => new KeyValuePair { Key = p.Key, Value = ValueCoercion.JsonStr(p.Value) });

    public static Dictionary<string, string> ToDictionary(RepeatedField<KeyValuePair> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in pairs) result[p.Key] = p.Value;
        return result;
    }
}
