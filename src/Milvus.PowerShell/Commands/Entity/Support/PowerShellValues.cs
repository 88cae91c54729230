using System.Collections;
using System.Management.Automation;

namespace Milvus.PowerShell.Commands;

/// <summary>Turns PowerShell values (PSObject wrappers, hashtables, arrays) into plain .NET values for the client.</summary>
internal static class PowerShellValues
{
    /// <summary>Removes PSObject wrappers, recursively through hashtables, PSCustomObjects and arrays.</summary>
    public static object? Unwrap(object? value)
    {
        if (value is PSObject ps)
        {
            if (ps.BaseObject is PSCustomObject)
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (PSPropertyInfo property in ps.Properties)
                {
                    map[property.Name] = Unwrap(property.Value);
                }

                return map;
            }

            value = ps.BaseObject;
        }

        return value switch
        {
            null => null,
            string or ValueType => value,
            IDictionary dictionary => ToDictionary(dictionary),
            float[] or double[] or byte[] or sbyte[] => value,
            IEnumerable list => list.Cast<object?>().Select(Unwrap).ToList(),
            _ => value,
        };
    }

    /// <summary>A hashtable as the string-keyed dictionary the client takes (null stays null).</summary>
    public static Dictionary<string, object?>? ToDictionary(IDictionary? table)
    {
        if (table is null)
        {
            return null;
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            map[Convert.ToString(Unwrap(entry.Key), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = Unwrap(entry.Value);
        }

        return map;
    }
}
