using System.Text;
using System.Text.Json;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Data;

/// <summary>Per-value checks of incoming rows (proxy validate_util.go): lengths, capacities, JSON, ranges, finite vectors.</summary>
internal static class RowValueRules
{
    public const int MaxJsonBytes = 65536;

    public static void Check(FieldSchema field, Column column)
    {
        switch (column)
        {
            case StringColumn s when field.DataType == DataType.VarChar:
                var maxLength = SchemaValidator.IntParam(field, "max_length") ?? SchemaValidator.MaxVarCharLength;
                for (var row = 0; row < s.Length; row++)
                {
                    var length = Encoding.UTF8.GetByteCount(s.Values[row]);
                    if (length > maxLength)
                        throw MilvusError.InvalidParameter($"length of varchar field {field.Name} exceeds max length, row number: {row}, length: {length}, max length: {maxLength}");
                }
                break;
            case Int64Column i when field.DataType is DataType.Int8 or DataType.Int16:
                var (min, max) = field.DataType == DataType.Int8 ? (sbyte.MinValue, sbyte.MaxValue) : (short.MinValue, short.MaxValue);
                for (var row = 0; row < i.Length; row++)
                    if (i.Values[row] < min || i.Values[row] > max)
                        throw MilvusError.InvalidParameter($"the {row}th element ({i.Values[row]}) out of range: [{min}, {max}]");
                break;
            case JsonColumn j:
                for (var row = 0; row < j.Length; row++)
                {
                    if (j.IsNull(row)) continue;
                    if (j.Values[row].Length > MaxJsonBytes)
                        throw MilvusError.InvalidParameter($"the length ({j.Values[row].Length}) of json field ({field.Name}) exceeds max length ({MaxJsonBytes})");
                    CheckJson(field, j.Values[row]);
                }
                break;
            case ArrayColumn a:
                var capacity = SchemaValidator.IntParam(field, "max_capacity") ?? SchemaValidator.MaxArrayCapacity;
                var elementMax = SchemaValidator.IntParam(field, "max_length") ?? SchemaValidator.MaxVarCharLength;
                for (var row = 0; row < a.Length; row++)
                {
                    if (a.Values[row].Length > capacity)
                        throw MilvusError.InvalidParameter($"array length exceeds max capacity, field name: {field.Name}, array length: {a.Values[row].Length}, max capacity: {capacity}");
                    if (a.Values[row] is string[] strings && strings.FirstOrDefault(s => Encoding.UTF8.GetByteCount(s) > elementMax) is { } tooLong)
                        throw MilvusError.InvalidParameter($"length of varchar field {field.Name} exceeds max length, row number: {row}, length: {Encoding.UTF8.GetByteCount(tooLong)}, max length: {elementMax}");
                }
                break;
            case VectorArrayColumn va:
                var vectorCapacity = SchemaValidator.IntParam(field, "max_capacity") ?? SchemaValidator.MaxArrayCapacity;
                for (var row = 0; row < va.Length; row++)
                {
                    if (va.Values[row].Length > vectorCapacity)
                        throw MilvusError.InvalidParameter($"array length exceeds max capacity, field name: {field.Name}, array length: {va.Values[row].Length}, max capacity: {vectorCapacity}");
                    if (va.ElementType == DataType.FloatVector) CheckFinite(field, va.Values[row]);
                }
                break;
            case DenseVectorColumn v when field.DataType == DataType.FloatVector:
                CheckFinite(field, v);
                break;
        }
    }

    private static void CheckFinite(FieldSchema field, DenseVectorColumn v)
    {
        var floats = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(v.Bytes);
        for (var k = 0; k < floats.Length; k++)
            if (!float.IsFinite(floats[k]))
                throw MilvusError.InvalidParameter($"float vector field '{field.Name}' is illegal, array type mismatch: value at index {k} is not a finite number");
    }

    private static void CheckJson(FieldSchema field, byte[] json)
    {
        // Milvus's proxy does not parse a JSON field's bytes, so it keeps empty bytes as a valid row; the Node SDK
        // sends exactly that for an explicit null (and reads empty bytes back as null, as filters here do too).
        if (json.Length == 0 && !field.IsDynamic) return;
        JsonValueKind kind;
        try
        {
            using var doc = JsonDocument.Parse(json);
            kind = doc.RootElement.ValueKind;
        }
        catch (JsonException)
        {
            if (field.IsDynamic) throw InvalidDynamic(json.Length == 0 ? "unexpected end of JSON input" : $"invalid JSON: {Encoding.UTF8.GetString(json)}");
            throw MilvusError.InvalidParameter($"json field '{field.Name}' is illegal, json: {Encoding.UTF8.GetString(json)}");
        }
        // Milvus decodes $meta into a Go map: JSON null is accepted, any other non-object is refused with Go's text.
        if (field.IsDynamic && kind is not (JsonValueKind.Object or JsonValueKind.Null))
            throw InvalidDynamic($"json: cannot unmarshal {GoKind(kind)} into Go value of type map[string]interface {{}}");
    }

    private static MilvusError InvalidDynamic(string reason) =>
        MilvusError.InvalidParameter($"invalid dynamic field data, only json map is supported: {reason}");

    private static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "bool",
    };
}
