using System.Collections;
using System.Management.Automation;

namespace Milvus.PowerShell.Internal;

/// <summary>Converts between PowerShell hashtables and the client's property dictionaries.</summary>
internal static class PropertyConversion
{
    /// <summary>A hashtable (keys as text, PSObject wrappers removed) as the client's property dictionary.</summary>
    public static Dictionary<string, object?> ToDictionary(IDictionary? table)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (table is null)
        {
            return result;
        }

        foreach (DictionaryEntry entry in table)
        {
            string key = Unwrap(entry.Key)?.ToString() ?? string.Empty;
            result[key] = Unwrap(entry.Value) switch
            {
                IDictionary nested => ToDictionary(nested),
                object[] array => array.Select(Unwrap).ToArray(),
                var other => other,
            };
        }

        return result;
    }

    /// <summary>A read-only string map (server properties) as a case-insensitive hashtable.</summary>
    public static Hashtable ToHashtable<TValue>(IEnumerable<KeyValuePair<string, TValue>>? map)
    {
        var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
        if (map is null)
        {
            return table;
        }

        foreach (KeyValuePair<string, TValue> pair in map)
        {
            table[pair.Key] = pair.Value;
        }

        return table;
    }

    /// <summary>Removes PowerShell's PSObject wrapper, if any.</summary>
    public static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>Milvus hybrid timestamps carry Unix milliseconds above 18 logical bits; 0 means unknown.</summary>
    public static DateTimeOffset? FromHybridTimestamp(ulong timestamp) =>
        timestamp == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)(timestamp >> 18)).ToLocalTime();
}
