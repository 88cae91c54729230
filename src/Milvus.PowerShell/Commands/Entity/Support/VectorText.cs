using System.Collections;
using System.Globalization;
using System.Management.Automation;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Reads a dense vector from what PowerShell users have at hand: float[]/double[], any list of numbers, a JSON array
/// text "[0.1, 0.2]" (how CSV files usually hold embeddings) or text delimited by commas, semicolons or spaces.
/// </summary>
internal static class VectorText
{
    private static readonly char[] Separators = [',', ';', ' ', '\t', '\r', '\n'];

    /// <summary>The vector, or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static float[] ToFloats(object? value)
    {
        value = value is PSObject ps ? ps.BaseObject : value;
        switch (value)
        {
            case null:
                throw new FormatException("the vector is empty");
            case float[] floats:
                return floats;
            case IList<float> list:   // a vector read from Milvus (MilvusList<float>)
                return list.ToArray();
            case double[] doubles:
                return doubles.Select(d => (float)d).ToArray();
            case string text:
                return Parse(text);
            case IEnumerable list:
                return list.Cast<object?>().Select(ToFloat).ToArray();
            default:
                return [ToFloat(value)];
        }
    }

    /// <summary>Parses "[0.1, 0.2]", "0.1,0.2", "0.1;0.2" or "0.1 0.2" in invariant culture.</summary>
    public static float[] Parse(string text)
    {
        string body = text.Trim();
        if (body.StartsWith('[') && body.EndsWith(']'))
        {
            body = body[1..^1];
        }

        string[] parts = body.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new FormatException("the vector is empty");
        }

        var result = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
            {
                throw new FormatException($"'{parts[i]}' (element {i}) is not a number");
            }
        }

        return result;
    }

    private static float ToFloat(object? item)
    {
        item = item is PSObject ps ? ps.BaseObject : item;
        return item switch
        {
            float f => f,
            double d => (float)d,
            string s when float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out float parsed) => parsed,
            IConvertible c when item is not string and not bool => c.ToSingle(CultureInfo.InvariantCulture),
            _ => throw new FormatException($"'{item}' is not a number"),
        };
    }
}
