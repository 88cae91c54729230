using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using Milvus.Client;
using Milvus.PowerShell.Internal;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Converts one input value to the .NET value the client expects for a field type (see about_Milvus_DataTypes):
/// typed values pass through, text from CSV files is parsed in invariant culture. Failures throw
/// <see cref="FormatException"/> with a message that names the problem, never the whole row.
/// </summary>
internal static class FieldValueConverter
{
    private static readonly char[] ListSeparators = [';', ','];

    public static object? Convert(object? value, FieldSchema field)
        => field.StructSchema is not null && (value is PSObject ps ? ps.BaseObject : value) is { } raw
            ? StructValueConverter.Convert(raw, field)
            : Convert(value, field.DataType, field.ElementType);

    public static object? Convert(object? value, DataType type, DataType elementType = DataType.None)
    {
        if (type == DataType.SparseFloatVector && value is PSObject { BaseObject: PSCustomObject } json)
        {
            value = PropertiesOf(json);   // ConvertFrom-Json of {"3": 0.5}: its properties are the index = value pairs
        }

        value = value is PSObject ps ? ps.BaseObject : value;
        if (value is null)
        {
            return null;
        }

        return type switch
        {
            DataType.Bool => ToBool(value),
            DataType.Int8 => ToInteger(value, sbyte.MinValue, sbyte.MaxValue, type),
            DataType.Int16 => ToInteger(value, short.MinValue, short.MaxValue, type),
            DataType.Int32 => ToInteger(value, int.MinValue, int.MaxValue, type),
            DataType.Int64 => ToInt64(value),
            DataType.Float => (float)ToDouble(value),
            DataType.Double => ToDouble(value),
            DataType.VarChar or DataType.String or DataType.Text or DataType.Geometry => ToText(value),
            DataType.Timestamptz => value is DateTime or DateTimeOffset ? value : ToText(value),   // the client writes ISO 8601 text
            DataType.Json => ToJson(value),
            DataType.Array => ToArray(value, elementType),
            DataType.FloatVector => VectorText.ToFloats(value),
            // Half-precision vectors travel as their own 2-byte values (raw bytes pass as given); Milvus takes no float32 for them.
            DataType.Float16Vector => value is byte[] ? value : Array.ConvertAll(VectorText.ToFloats(value), f => (Half)f),
            DataType.BFloat16Vector => value is byte[] ? value : HalfPrecision.ToBFloat16(VectorText.ToFloats(value)),
            DataType.BinaryVector => ToBytes(value),
            DataType.Int8Vector => VectorText.ToFloats(value).Select(f => unchecked((byte)(sbyte)ToIntegral(f, sbyte.MinValue, sbyte.MaxValue))).ToArray(),
            DataType.SparseFloatVector => ToSparse(value),
            _ => PropertyConversion.UnwrapDeep(value),
        };
    }

    /// <summary>True for empty text given to a non-text field: it means "no value" (a CSV cell left empty).</summary>
    public static bool IsEmptyCell(object? value, DataType type) =>
        (value is PSObject ps ? ps.BaseObject : value) is string { Length: 0 }
        && type is not (DataType.VarChar or DataType.String or DataType.Text);

    private static bool ToBool(object value)
    {
        switch (value)
        {
            case bool b:
                return b;
            case string s:
                switch (s.Trim().ToLowerInvariant())
                {
                    case "true" or "1" or "yes" or "y" or "on": return true;
                    case "false" or "0" or "no" or "n" or "off": return false;
                }

                break;
            case IConvertible c when IsNumber(value):
                double d = c.ToDouble(CultureInfo.InvariantCulture);
                if (d is 0 or 1)
                {
                    return d == 1;
                }

                break;
        }

        throw new FormatException($"'{value}' is not a boolean (use true/false, 1/0 or yes/no)");
    }

    private static long ToInt64(object value)
    {
        if (value is string s && long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long exact))
        {
            return exact;   // keeps every digit of values above 2^53
        }

        return value switch
        {
            long l => l,
            int or short or sbyte or byte or ushort or uint => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
            ulong u when u <= long.MaxValue => (long)u,
            decimal m when decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue => (long)m,
            _ => ToIntegral(ToDouble(value), long.MinValue, long.MaxValue),
        };
    }

    private static int ToInteger(object value, long min, long max, DataType type)
    {
        long number = ToInt64(value);
        if (number < min || number > max)
        {
            throw new FormatException($"{number} is out of range for {type} ({min}..{max})");
        }

        return (int)number;
    }

    private static long ToIntegral(double d, long min, long max)
    {
        if (double.IsNaN(d) || Math.Truncate(d) != d || d < min || d > max)
        {
            throw new FormatException($"{d.ToString(CultureInfo.InvariantCulture)} is not a whole number in range");
        }

        return (long)d;
    }

    private static double ToDouble(object value) => value switch
    {
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
        IConvertible c when IsNumber(value) => c.ToDouble(CultureInfo.InvariantCulture),
        _ => throw new FormatException($"'{value}' is not a number"),
    };

    private static bool IsNumber(object value) => value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;

    private static string ToText(object value) => value switch
    {
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static object ToJson(object value)
    {
        if (value is string text)
        {
            try
            {
                using var _ = JsonDocument.Parse(text);
                return text;
            }
            catch (JsonException)
            {
                throw new FormatException("the text is not valid JSON (for a JSON string value, quote it: '\"text\"')");
            }
        }

        return JsonSerializer.Serialize(PropertyConversion.UnwrapDeep(value));
    }

    private static List<object?> ToArray(object value, DataType elementType)
    {
        IEnumerable items = value switch
        {
            string s when s.TrimStart().StartsWith('[') => ParseJsonArray(s),
            string s => s.Split(ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            IEnumerable list => list,
            _ => new[] { value },
        };
        return items.Cast<object?>().Select(item => Convert(item, elementType)).ToList();
    }

    private static List<object?> ParseJsonArray(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.EnumerateArray().Select(JsonValues.ToPlain).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new FormatException("the text is not a JSON array");
        }
    }

    private static byte[] ToBytes(object value) => value switch
    {
        byte[] bytes => bytes,
        string s when s.TrimStart().StartsWith('[') => ToBytes(ParseJsonArray(s)),   // how Export-Csv writes a binary vector
        string s => FromBase64(s),
        IEnumerable list => list.Cast<object?>().Select(b => (byte)ToIntegral(ToDouble(b is PSObject p ? p.BaseObject : b!), 0, 255)).ToArray(),
        _ => throw new FormatException($"'{value}' is not a byte array or base64 text"),
    };

    private static byte[] FromBase64(string text)
    {
        try
        {
            return System.Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new FormatException("the text is not base64");
        }
    }

    private static Dictionary<uint, float> ToSparse(object value)
    {
        IDictionary map = value switch
        {
            IDictionary d => d,
            string s => ParseSparse(s),
            _ => throw new FormatException("a sparse vector must be a hashtable of index = value, or JSON text '{\"3\": 0.5}'"),
        };
        var sparse = new Dictionary<uint, float>();
        foreach (DictionaryEntry entry in map)
        {
            long index = ToInt64(entry.Key is PSObject pk ? pk.BaseObject : entry.Key);
            if (index < 0 || index >= uint.MaxValue)
            {
                throw new FormatException($"sparse index {index} is out of range (0..4294967294)");
            }

            sparse[(uint)index] = (float)ToDouble(entry.Value is PSObject pv ? pv.BaseObject : entry.Value!);
        }

        return sparse;
    }

    private static Hashtable PropertiesOf(PSObject value)
    {
        var table = new Hashtable();
        foreach (PSPropertyInfo property in value.Properties)
        {
            table[property.Name] = property.Value;
        }

        return table;
    }

    private static Hashtable ParseSparse(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var table = new Hashtable();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                table[property.Name] = property.Value.GetDouble();
            }

            return table;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new FormatException("the text is not a JSON object of index: value pairs");
        }
    }
}
