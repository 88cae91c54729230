using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using Milvus.Client;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// An ARRAY of STRUCT value from PowerShell input: a list of hashtables or objects (or JSON text of such a list, as
/// from a CSV cell) becomes a list of dictionaries keyed by the struct's sub-field names (matched case-insensitively),
/// each value converted by its sub-field's type. Keys that match no sub-field are kept, so the client reports them.
/// </summary>
internal static class StructValueConverter
{
    public static List<object?> Convert(object value, FieldSchema field)
    {
        var subFields = field.StructSchema!.Fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        IEnumerable items = value switch
        {
            string text => ParseJson(text),
            IDictionary or PSCustomObject => new[] { value },
            IEnumerable list => list,
            _ => throw new InvalidCastException($"expected a list of structs (hashtables), got {value.GetType().Name}"),
        };
        return items.Cast<object?>().Select(item => (object?)Element(item, subFields)).ToList();
    }

    private static Dictionary<string, object?> Element(object? item, Dictionary<string, FieldSchema> subFields)
    {
        var element = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, raw) in Properties(item))
        {
            if (subFields.TryGetValue(name, out var sub))
                element[sub.Name] = FieldValueConverter.Convert(raw, sub.DataType, sub.ElementType);
            else
                element[name] = raw;
        }
        return element;
    }

    private static IEnumerable<(string Name, object? Value)> Properties(object? item)
    {
        var baseObject = item is PSObject ps ? ps.BaseObject : item;
        switch (baseObject)
        {
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary) yield return (entry.Key.ToString() ?? string.Empty, entry.Value);
                break;
            case PSCustomObject when item is PSObject wrapped:
                foreach (PSPropertyInfo property in wrapped.Properties) yield return (property.Name, property.Value);
                break;
            default:
                throw new InvalidCastException($"each struct must be a hashtable or an object, got {baseObject?.GetType().Name ?? "null"}");
        }
    }

    private static IEnumerable ParseJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.EnumerateArray().Select(JsonValues.ToPlain).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new FormatException("the text is not a JSON array of structs");
        }
    }
}
