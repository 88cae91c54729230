using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Internal;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Reads New-MilvusCollection -Index hashtables into pymilvus IndexParams (prepare_index_params + add_index). The keys
/// are New-MilvusIndex's parameter names: FieldName (required), IndexType (AUTOINDEX by default), MetricType, Name
/// (or IndexName) and Parameter (build parameters).
/// </summary>
internal static class IndexSpecification
{
    private static readonly string[] Keys = ["FieldName", "IndexType", "MetricType", "Name", "IndexName", "Parameter"];

    /// <exception cref="ArgumentException">A hashtable names an unknown key, misses FieldName, or its Parameter is no hashtable.</exception>
    public static IndexParams Read(IEnumerable<Hashtable> specs)
    {
        var indexParams = new IndexParams();
        foreach (Hashtable spec in specs)
        {
            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in spec)
            {
                string key = entry.Key.ToString() ?? string.Empty;
                if (!Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    throw new ArgumentException($"-Index: unknown key '{key}'; an index takes FieldName, IndexType, MetricType, Name and Parameter, as New-MilvusIndex.");
                }

                values[key] = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
            }

            string field = Text(values, "FieldName") ?? throw new ArgumentException("-Index: each index needs a FieldName.");
            object? parameter = values.GetValueOrDefault("Parameter");
            if (parameter is not null and not IDictionary)
            {
                throw new ArgumentException($"-Index: the Parameter of the index on '{field}' must be a hashtable, such as @{{ M = 16 }}.");
            }

            indexParams.AddIndex(field, Text(values, "IndexType") ?? "AUTOINDEX", Text(values, "Name") ?? Text(values, "IndexName") ?? string.Empty,
                Text(values, "MetricType"), parameter is null ? null : PropertyConversion.ToDictionary((IDictionary)parameter));
        }

        return indexParams;
    }

    private static string? Text(Dictionary<string, object?> values, string key)
        => values.GetValueOrDefault(key)?.ToString() is { Length: > 0 } text ? text : null;
}
