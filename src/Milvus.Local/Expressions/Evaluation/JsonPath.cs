using System.Text.Json;

namespace Milvus.Local.Expressions;

/// <summary>
/// Reads the value at a key/index path straight from a row's UTF-8 JSON with a forward-only reader: no
/// document is built for the row, only for an array or object found at the end of the path.
/// </summary>
internal static class JsonPath
{
    public static Dyn Read(byte[]? json, IReadOnlyList<string> path)
    {
        if (json is null || json.Length == 0) return Dyn.Missing;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read()) return Dyn.Missing;
            // An indexed loop: foreach over the interface would box an enumerator for every row.
            for (var p = 0; p < path.Count; p++)
            {
                var segment = path[p];
                var found = reader.TokenType switch
                {
                    JsonTokenType.StartObject => EnterProperty(ref reader, segment),
                    JsonTokenType.StartArray => int.TryParse(segment, out var index) && index >= 0 && EnterElement(ref reader, index),
                    _ => false,
                };
                if (!found) return Dyn.Missing;
            }
            return Value(ref reader, json);
        }
        catch (JsonException)
        {
            return Dyn.Missing;
        }
    }

    // Positions the reader on the value of property `name` of the object it stands on.
    private static bool EnterProperty(ref Utf8JsonReader reader, string name)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (match) return true;
            reader.Skip();
        }
        return false;
    }

    private static bool EnterElement(ref Utf8JsonReader reader, int index)
    {
        for (var k = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; k++)
        {
            if (k == index) return true;
            reader.Skip();
        }
        return false;
    }

    private static Dyn Value(ref Utf8JsonReader reader, byte[] json) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.TryGetInt64(out var l) ? Dyn.Of(l) : Dyn.Of(reader.GetDouble()),
        // TokenStartIndex is the opening quote; the unescaped value is the bytes between the quotes.
        JsonTokenType.String when !reader.ValueIsEscaped =>
            Dyn.OfUtf8(json.AsMemory((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length)),
        JsonTokenType.String => Dyn.Of(reader.GetString()!),
        JsonTokenType.True => Dyn.Of(true),
        JsonTokenType.False => Dyn.Of(false),
        JsonTokenType.Null => Dyn.Null,
        // Arrays and objects are materialised (a standalone copy) for contains / length / equality.
        JsonTokenType.StartArray or JsonTokenType.StartObject => Dyn.FromJson(JsonElement.ParseValue(ref reader)),
        _ => Dyn.Missing,
    };
}
