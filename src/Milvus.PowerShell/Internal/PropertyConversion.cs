using System.Collections;
using System.Globalization;
using System.Management.Automation;

namespace Milvus.PowerShell.Internal;

/// <summary>Converts between PowerShell values (hashtables, PSObject wrappers) and the client's plain .NET values and dictionaries.</summary>
internal static class PropertyConversion
{
    /// <summary>
    /// A hashtable as the client's string-keyed dictionary, PSObject wrappers removed all the way down (see <see cref="UnwrapDeep"/>);
    /// null stays null, for optional client arguments where "not given" differs from "empty".
    /// </summary>
    public static Dictionary<string, object?>? ToDictionaryOrNull(IDictionary? table)
    {
        if (table is null)
        {
            return null;
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            map[Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? string.Empty] = UnwrapDeep(entry.Value);
        }

        return map;
    }

    /// <summary>As <see cref="ToDictionaryOrNull"/>, but a missing hashtable is an empty property set.</summary>
    public static Dictionary<string, object?> ToDictionary(IDictionary? table) =>
        ToDictionaryOrNull(table) ?? new Dictionary<string, object?>(StringComparer.Ordinal);

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

    /// <summary>Removes PowerShell's PSObject wrapper, if any (the top level only).</summary>
    public static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>
    /// Removes PSObject wrappers recursively: hashtables become string-keyed dictionaries, PSCustomObjects dictionaries of
    /// their properties, other lists List&lt;object?&gt;; vectors (float[], double[], byte[], sbyte[]) and scalars stay as they are.
    /// </summary>
    public static object? UnwrapDeep(object? value)
    {
        if (value is PSObject ps)
        {
            if (ps.BaseObject is PSCustomObject)
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (PSPropertyInfo property in ps.Properties)
                {
                    map[property.Name] = UnwrapDeep(property.Value);
                }

                return map;
            }

            value = ps.BaseObject;
        }

        return value switch
        {
            null => null,
            string or ValueType => value,
            IDictionary dictionary => ToDictionaryOrNull(dictionary),
            float[] or double[] or byte[] or sbyte[] => value,
            IEnumerable list => list.Cast<object?>().Select(UnwrapDeep).ToList(),
            _ => value,
        };
    }

    /// <summary>Milvus hybrid timestamps carry Unix milliseconds above 18 logical bits; 0 means unknown.</summary>
    public static DateTimeOffset? FromHybridTimestamp(ulong timestamp) =>
        timestamp == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)(timestamp >> 18)).ToLocalTime();
}
