using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Milvus.Client.Internal.Conversion;

/// <summary>Turns loosely typed user values (CLR numbers, strings, JsonElement, PowerShell object arrays...) into wire values.</summary>
internal static class ValueCoercion
{
    public static bool TryLong(object? value, out long result)
    {
        switch (value)
        {
            case long l: result = l; return true;
            case int i: result = i; return true;
            case short s: result = s; return true;
            case sbyte sb: result = sb; return true;
            case byte b: result = b; return true;
            case ushort us: result = us; return true;
            case uint ui: result = ui; return true;
            case ulong ul when ul <= long.MaxValue: result = (long)ul; return true;
            case decimal d when d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue: result = (long)d; return true;
            case JsonElement { ValueKind: JsonValueKind.Number } j when j.TryGetInt64(out var jl): result = jl; return true;
            default: result = 0; return false;
        }
    }

    public static bool TryDouble(object? value, out double result)
    {
        switch (value)
        {
            case double d: result = d; return true;
            case float f: result = f; return true;
            case Half h: result = (double)h; return true;
            case decimal m: result = (double)m; return true;
            case JsonElement { ValueKind: JsonValueKind.Number } j: result = j.GetDouble(); return true;
            default:
                if (TryLong(value, out var l)) { result = l; return true; }
                result = 0;
                return false;
        }
    }

    public static bool TryBool(object? value, out bool result)
    {
        switch (value)
        {
            case bool b: result = b; return true;
            case JsonElement { ValueKind: JsonValueKind.True }: result = true; return true;
            case JsonElement { ValueKind: JsonValueKind.False }: result = false; return true;
            default: result = false; return false;
        }
    }

    public static bool TryString(object? value, out string result)
    {
        switch (value)
        {
            case string s: result = s; return true;
            case JsonElement { ValueKind: JsonValueKind.String } j: result = j.GetString()!; return true;
            default: result = ""; return false;
        }
    }

    /// <summary>
    /// A TIMESTAMPTZ value as the ISO 8601 text Milvus parses: strings as given, DateTimeOffset with its offset,
    /// DateTime in UTC ("Z") or local time with its offset, an unspecified-kind DateTime naive (the collection's timezone).
    /// </summary>
    public static bool TryTimestamptz(object? value, out string result)
    {
        const string Clock = "yyyy-MM-dd'T'HH:mm:ss.FFFFFF";
        switch (value)
        {
            case DateTimeOffset dto: result = dto.ToString(Clock + "zzz", CultureInfo.InvariantCulture); return true;
            case DateTime { Kind: DateTimeKind.Utc } utc: result = utc.ToString(Clock, CultureInfo.InvariantCulture) + "Z"; return true;
            case DateTime { Kind: DateTimeKind.Local } local: return TryTimestamptz(new DateTimeOffset(local), out result);
            case DateTime naive: result = naive.ToString(Clock, CultureInfo.InvariantCulture); return true;
            default: return TryString(value, out result);
        }
    }

    /// <summary>Float vector from float[], ReadOnlyMemory&lt;float&gt;, Memory&lt;float&gt;, double[], Half[], or any list of numbers.</summary>
    public static bool TryFloatVector(object? value, out float[] result)
    {
        switch (value)
        {
            case float[] f: result = f; return true;
            case ReadOnlyMemory<float> rom: result = rom.ToArray(); return true;
            case Memory<float> mem: result = mem.ToArray(); return true;
            case double[] d: result = Array.ConvertAll(d, x => (float)x); return true;
            case Half[] h: result = Array.ConvertAll(h, x => (float)x); return true;
            case string or byte[] or IDictionary: result = Array.Empty<float>(); return false;
            case JsonElement { ValueKind: JsonValueKind.Array } j:
                result = j.EnumerateArray().Select(e => e.GetSingle()).ToArray();
                return true;
            case IEnumerable list:
                var buffer = new List<float>();
                foreach (var item in list)
                {
                    if (!TryDouble(item, out var x)) { result = Array.Empty<float>(); return false; }
                    buffer.Add((float)x);
                }
                result = buffer.ToArray();
                return true;
            default: result = Array.Empty<float>(); return false;
        }
    }

    /// <summary>Raw bytes from byte[], ReadOnlyMemory&lt;byte&gt;, sbyte[] (int8 vectors) or a list of small integers.</summary>
    public static bool TryBytes(object? value, out byte[] result)
    {
        switch (value)
        {
            case Array a when a.GetType() == typeof(sbyte[]): result = Array.ConvertAll((sbyte[])a, x => unchecked((byte)x)); return true;
            case byte[] b: result = b; return true;
            case ReadOnlyMemory<byte> rom: result = rom.ToArray(); return true;
            default: result = Array.Empty<byte>(); return false;
        }
    }

    /// <summary>Half-precision payload: Half[] as raw little-endian 2-byte values, or bytes as given.</summary>
    public static bool TryHalfBytes(object? value, out byte[] result)
    {
        if (value is Half[] halves)
        {
            result = new byte[halves.Length * 2];
            for (var i = 0; i < halves.Length; i++)
                BitConverter.TryWriteBytes(result.AsSpan(i * 2), halves[i]);
            return true;
        }
        return TryBytes(value, out result);
    }

    /// <summary>Int8 vector bytes from sbyte[], byte[] or a list of integers in -128..127.</summary>
    public static bool TryInt8Vector(object? value, out byte[] result)
    {
        if (TryBytes(value, out result)) return true;
        if (value is IEnumerable list and not string)
        {
            var buffer = new List<byte>();
            foreach (var item in list)
            {
                if (!TryLong(item, out var v) || v < sbyte.MinValue || v > sbyte.MaxValue) { result = Array.Empty<byte>(); return false; }
                buffer.Add(unchecked((byte)(sbyte)v));
            }
            result = buffer.ToArray();
            return true;
        }
        return false;
    }

    /// <summary>Sparse vector from a dictionary {index: value}, a list of (index, value) pairs, or JSON object text/element.</summary>
    public static bool TrySparse(object? value, out SortedDictionary<uint, float> result)
    {
        result = new SortedDictionary<uint, float>();
        switch (value)
        {
            case IDictionary dict:
                foreach (var e in Entries(dict))
                    if (!AddSparse(result, e.Key, e.Value)) return false;
                return true;
            case JsonElement { ValueKind: JsonValueKind.Object } j:
                foreach (var p in j.EnumerateObject())
                    if (!AddSparse(result, p.Name, p.Value)) return false;
                return true;
            case IEnumerable pairs and not string and not byte[]:
                foreach (var item in pairs)
                {
                    switch (item)
                    {
                        case System.Runtime.CompilerServices.ITuple t2 when t2.Length == 2 && AddSparse(result, t2[0], t2[1]): continue;
                        case DictionaryEntry de when AddSparse(result, de.Key, de.Value): continue;
                        default:
                            if (TryKeyValuePair(item, out var k, out var v) && AddSparse(result, k, v)) continue;
                            return false;
                    }
                }
                return true;
            default:
                return false;
        }
    }

    private static bool TryKeyValuePair(object? item, out object? key, out object? value)
    {
        key = value = null;
        if (item is null) return false;
        var type = item.GetType();
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(KeyValuePair<,>)) return false;
        key = type.GetProperty("Key")!.GetValue(item);
        value = type.GetProperty("Value")!.GetValue(item);
        return true;
    }

    private static bool AddSparse(SortedDictionary<uint, float> target, object? key, object? value)
    {
        long index;
        if (key is string s)
        {
            if (!long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out index)) return false;
        }
        else if (!TryLong(key, out index)) return false;
        if (index < 0 || index >= uint.MaxValue)
            throw new ParamError($"sparse vector index must be positive and less than 2^32-1: {index}");
        if (!TryDouble(value, out var v)) return false;
        if (double.IsNaN(v)) throw new ParamError("sparse vector value must not be NaN");
        target[(uint)index] = (float)v;
        return true;
    }

    /// <summary>Encodes one sparse row: pairs sorted by index, uint32 LE index + float32 LE value.</summary>
    public static byte[] EncodeSparse(SortedDictionary<uint, float> row)
    {
        var bytes = new byte[row.Count * 8];
        var offset = 0;
        foreach (var (index, value) in row)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(offset), index);
            BitConverter.TryWriteBytes(bytes.AsSpan(offset + 4), value);
            offset += 8;
        }
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian hosts are not supported");
        return bytes;
    }

    public static Dictionary<uint, float> DecodeSparse(ReadOnlySpan<byte> bytes)
    {
        var row = new Dictionary<uint, float>(bytes.Length / 8);
        for (var i = 0; i + 8 <= bytes.Length; i += 8)
            row[BitConverter.ToUInt32(bytes[i..])] = BitConverter.ToSingle(bytes[(i + 4)..]);
        return row;
    }

    /// <summary>JSON bytes: JsonElement/JsonDocument as is, a string must already be valid JSON, anything else is serialized.</summary>
    public static byte[] ToJsonBytes(object? value, string fieldName)
    {
        switch (value)
        {
            case JsonElement j: return Encoding.UTF8.GetBytes(j.GetRawText());
            case JsonDocument d: return Encoding.UTF8.GetBytes(d.RootElement.GetRawText());
            case string s:
                try { using var _ = JsonDocument.Parse(s); }
                catch (JsonException e) { throw new DataNotMatchException($"Invalid JSON string for field {fieldName}: {e.Message}"); }
                return Encoding.UTF8.GetBytes(s);
            case IDictionary dict:
                foreach (var key in dict.Keys)
                    if (key is not string) throw new DataNotMatchException(ExceptionMessages.JsonKeyMustBeStr);
                return JsonSerializer.SerializeToUtf8Bytes(ToJsonTree(value));
            default:
                return JsonSerializer.SerializeToUtf8Bytes(ToJsonTree(value));
        }
    }

    /// <summary>Plain JSON-serializable tree of a value (non-generic dictionaries such as Hashtable become string-keyed maps).</summary>
    public static object? ToJsonTree(object? value) => value switch
    {
        null => null,
        string or bool or JsonElement => value,
        IDictionary dict => Entries(dict).ToDictionary(e => Convert.ToString(e.Key, CultureInfo.InvariantCulture)!, e => ToJsonTree(e.Value)),
        IEnumerable list when value is not byte[] => list.Cast<object?>().Select(ToJsonTree).ToList(),
        _ => value,
    };

    /// <summary>Entries of any non-generic dictionary (its plain enumerator may yield KeyValuePair, not DictionaryEntry).</summary>
    public static IEnumerable<DictionaryEntry> Entries(IDictionary dict)
    {
        var e = dict.GetEnumerator();
        while (e.MoveNext()) yield return e.Entry;
    }

    /// <summary>pymilvus <c>str(value)</c> for properties and function params: booleans "True"/"False", dicts/lists as JSON.</summary>
    public static string PythonStr(object? value) => value switch
    {
        null => "None",
        string s => s,
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        JsonElement j => j.ValueKind == JsonValueKind.String ? j.GetString()! : j.GetRawText(),
        IDictionary or IEnumerable => JsonSerializer.Serialize(ToJsonTree(value)),
        _ => value.ToString() ?? "",
    };

    /// <summary>JSON text of a value (index params, type params): strings as-is, others JSON-encoded (true → "true").</summary>
    public static string JsonStr(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(ToJsonTree(value)),
    };
}
