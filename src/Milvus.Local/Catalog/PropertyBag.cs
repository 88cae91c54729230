using Milvus.Protocol.Common;

namespace Milvus.Local.Catalog;

/// <summary>Key/value properties of databases and collections: set overwrites by key, delete removes keys.</summary>
internal static class PropertyBag
{
    public static void Apply(List<KeyValuePair> target, IEnumerable<KeyValuePair> set, IEnumerable<string> deleteKeys)
    {
        foreach (var p in set)
        {
            target.RemoveAll(t => t.Key == p.Key);
            target.Add(new KeyValuePair { Key = p.Key, Value = p.Value });
        }
        var remove = deleteKeys.ToHashSet();
        target.RemoveAll(t => remove.Contains(t.Key));
    }

    public static string? Get(IEnumerable<KeyValuePair> properties, string key) => properties.FirstOrDefault(p => p.Key == key)?.Value;
}
