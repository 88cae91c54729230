using System.Text.Json;

namespace Milvus.PowerShell.Commands;

/// <summary>Turns JSON elements into values PowerShell shows well: text, numbers, booleans; objects and arrays as JSON text.</summary>
internal static class JsonValues
{
    public static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out long l) ? (object)l : element.GetDouble(),   // boxed apart: a typed ternary would make every long a double
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.GetRawText(),
    };

    /// <summary>Client values as output values: JSON elements flattened, everything else unchanged.</summary>
    public static object? ToOutput(object? value) => value is JsonElement element ? ToPlain(element) : value;
}
