using System.Collections;
using System.Text;
using Google.Protobuf;
using Milvus.Protocol.Common;

namespace Milvus.Client.Internal.Conversion;

/// <summary>Query vectors → the serialized PlaceholderGroup (one PlaceholderValue, tag "$0").</summary>
internal static class Placeholders
{
    /// <summary>True when the data need the field's type from the schema to be encoded (raw bytes).</summary>
    public static bool NeedsSchema(IReadOnlyList<object> data)
        => data.Count > 0 && (data[0] is byte[] or ReadOnlyMemory<byte> || data[0] is EmbeddingList { Count: > 0 } list && list.Vectors[0] is byte[] or ReadOnlyMemory<byte>);

    public static ByteString Build(IReadOnlyList<object> data, DataType? annsFieldType = null)
    {
        if (data.Count == 0) throw new ParamError("search data must not be empty");
        var value = new PlaceholderValue { Tag = "$0" };
        if (data[0] is EmbeddingList)
        {
            // An embedding list travels as one value: its vectors' bytes back to back, typed EmbList<vector type>.
            var lists = data.Select(d => d as EmbeddingList ?? throw Mismatch(d, "embedding list")).ToList();
            if (lists.Any(l => l.Count == 0)) throw new ParamError("embedding list must not be empty");
            var elementType = TypeOf(lists[0].Vectors[0], annsFieldType);
            value.Type = elementType + 200;
            foreach (var list in lists) value.Values.Add(ByteString.CopyFrom(list.Vectors.SelectMany(v => Encode(v, elementType)).ToArray()));
        }
        else
        {
            value.Type = TypeOf(data[0], annsFieldType);
            foreach (var row in data) value.Values.Add(ByteString.CopyFrom(Encode(row, value.Type)));
        }
        var group = new PlaceholderGroup();
        group.Placeholders.Add(value);
        return group.ToByteString();
    }

    private static PlaceholderType TypeOf(object first, DataType? fieldType) => first switch
    {
        string => PlaceholderType.VarChar,
        Half[] => fieldType == DataType.BFloat16Vector ? PlaceholderType.Bfloat16Vector : PlaceholderType.Float16Vector,
        // The CLR lets byte[] and sbyte[] match each other's patterns; the exact runtime type decides.
        Array a when a.GetType() == typeof(sbyte[]) => PlaceholderType.Int8Vector,
        byte[] or ReadOnlyMemory<byte> => fieldType switch
        {
            DataType.Float16Vector => PlaceholderType.Float16Vector,
            DataType.BFloat16Vector => PlaceholderType.Bfloat16Vector,
            DataType.Int8Vector => PlaceholderType.Int8Vector,
            _ => PlaceholderType.BinaryVector,
        },
        IDictionary => PlaceholderType.SparseFloatVector,
        _ when IsSparsePairs(first) => PlaceholderType.SparseFloatVector,
        _ => PlaceholderType.FloatVector,
    };

    private static bool IsSparsePairs(object value)
        => value is IEnumerable e and not string && e.Cast<object?>().FirstOrDefault() is System.Runtime.CompilerServices.ITuple or DictionaryEntry;

    private static byte[] Encode(object row, PlaceholderType type)
    {
        switch (type)
        {
            case PlaceholderType.VarChar:
                return ValueCoercion.TryString(row, out var text) ? Encoding.UTF8.GetBytes(text) : throw Mismatch(row, "text");
            case PlaceholderType.SparseFloatVector:
                return ValueCoercion.TrySparse(row, out var sparse) ? ValueCoercion.EncodeSparse(sparse) : throw Mismatch(row, "sparse vector");
            case PlaceholderType.Float16Vector or PlaceholderType.Bfloat16Vector:
                if (row is Half[] halves && type == PlaceholderType.Bfloat16Vector) return HalfPrecision.ToBFloat16(Array.ConvertAll(halves, h => (float)h));
                return ValueCoercion.TryHalfBytes(row, out var half) ? half : throw Mismatch(row, "float16 vector");
            case PlaceholderType.BinaryVector:
                return ValueCoercion.TryBytes(row, out var bin) ? bin : throw Mismatch(row, "binary vector");
            case PlaceholderType.Int8Vector:
                return ValueCoercion.TryInt8Vector(row, out var i8) ? i8 : throw Mismatch(row, "int8 vector");
            default:
                if (!ValueCoercion.TryFloatVector(row, out var floats)) throw Mismatch(row, "float vector");
                var bytes = new byte[floats.Length * 4];
                Buffer.BlockCopy(floats, 0, bytes, 0, bytes.Length);
                return bytes;
        }
    }

    private static ParamError Mismatch(object row, string expected)
        => new($"search data of type {ExceptionMessages.DescribeType(row)} is not a {expected} like the first row");
}
