using Google.Protobuf;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// Float rows as FLOAT16 / BFLOAT16 / INT8 vectors: the value each element keeps once stored (so ground truth is computed
/// on what the engine holds), its bytes, a field of rows and a placeholder of queries. BFLOAT16 keeps the top 16 bits;
/// INT8 rows are scaled by <see cref="Int8Scale"/> and rounded into [-128, 127].
/// </summary>
internal static class DenseVectorEncoding
{
    /// <summary>Clustered rows are about N(0, 1.2): x 24 spreads them over most of the int8 range.</summary>
    public const float Int8Scale = 24;

    /// <summary>The row as the type stores it, back in floats.</summary>
    public static float[] Stored(DataType type, float[] row) => type switch
    {
        DataType.FloatVector => row,
        DataType.Float16Vector => row.Select(v => (float)(Half)v).ToArray(),
        DataType.Bfloat16Vector => row.Select(v => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(v) & unchecked((int)0xFFFF0000))).ToArray(),
        DataType.Int8Vector => row.Select(v => Math.Clamp(MathF.Round(v * Int8Scale), -128f, 127f)).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a dense float-like vector type"),
    };

    /// <summary>The bytes of a row whose values the type holds exactly (see <see cref="Stored"/>).</summary>
    public static byte[] Bytes(DataType type, float[] row) => type switch
    {
        DataType.Float16Vector => row.SelectMany(v => BitConverter.GetBytes((Half)v)).ToArray(),
        DataType.Bfloat16Vector => row.SelectMany(v => BitConverter.GetBytes((ushort)(BitConverter.SingleToInt32Bits(v) >> 16))).ToArray(),
        DataType.Int8Vector => row.Select(v => (byte)(sbyte)v).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a 16-bit or int8 vector type"),
    };

    public static FieldData Field(string name, DataType type, int dim, float[][] rows)
    {
        if (type == DataType.FloatVector) return FloatVectors(name, dim, rows);
        var bytes = ByteString.CopyFrom(rows.SelectMany(r => Bytes(type, r)).ToArray());
        var vectors = new VectorField { Dim = dim };
        if (type == DataType.Float16Vector) vectors.Float16Vector = bytes;
        else if (type == DataType.Bfloat16Vector) vectors.Bfloat16Vector = bytes;
        else vectors.Int8Vector = bytes;
        return new FieldData { FieldName = name, Type = type, Vectors = vectors };
    }

    public static ByteString Placeholder(DataType type, float[][] queries) => type switch
    {
        DataType.FloatVector => FloatPlaceholder(queries),
        DataType.Float16Vector => Queries(PlaceholderType.Float16Vector, type, queries),
        DataType.Bfloat16Vector => Queries(PlaceholderType.Bfloat16Vector, type, queries),
        _ => Queries(PlaceholderType.Int8Vector, type, queries),
    };

    private static ByteString Queries(PlaceholderType placeholder, DataType type, float[][] queries)
        => Engine.LocalEngineHarness.Placeholder(placeholder, queries.Select(q => ByteString.CopyFrom(Bytes(type, q))).ToArray());
}
