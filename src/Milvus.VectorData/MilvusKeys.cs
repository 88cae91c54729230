using Microsoft.Extensions.VectorData.ProviderServices;

namespace Milvus.VectorData;

/// <summary>Record keys as Milvus primary keys: long as INT64, string as VARCHAR, Guid as its "D" text.</summary>
internal static class MilvusKeys
{
    public static string GuidText(Guid guid) => guid.ToString("D");

    public static object ToStorage(object? key, KeyPropertyModel keyProperty) => key switch
    {
        null => throw new ArgumentNullException(nameof(key), $"Key property '{keyProperty.ModelName}' has no value."),
        long or string when key.GetType() == keyProperty.Type => key,
        Guid guid when keyProperty.Type == typeof(Guid) => GuidText(guid),
        _ => throw new ArgumentException(
            $"Key '{key}' has type '{key.GetType().Name}', but key property '{keyProperty.ModelName}' has type '{keyProperty.Type.Name}'.", nameof(key)),
    };

    public static object FromStorage(object? stored, Type keyType) => stored switch
    {
        string text when keyType == typeof(Guid) => Guid.Parse(text),
        long or string => stored,
        _ => throw new InvalidOperationException($"Milvus returned a primary key of type '{stored?.GetType().Name ?? "null"}' for a {keyType.Name} key."),
    };
}
