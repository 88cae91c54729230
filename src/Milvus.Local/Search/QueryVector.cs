using System.Runtime.InteropServices;
using Google.Protobuf;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Local.Errors;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Search;

/// <summary>
/// One query vector, in the form the distance kernels use: floats for dense float-like types, bytes for binary, a
/// sparse row (with the <see cref="Scorer"/> of its metric, IP or BM25); or an embedding list (<see cref="List"/>) to
/// score against a struct's vector sub-field.
/// </summary>
internal sealed record QueryVector(float[]? Dense, byte[]? Binary, SparseRow? Sparse, IReadOnlyList<QueryVector>? List = null, SparseScorer? Scorer = null)
{
    /// <summary>Decodes a serialized PlaceholderGroup for <paramref name="field"/>, checking type and dimension.</summary>
    /// <remarks>
    /// An element-level search of a struct's vector sub-field (<paramref name="elementLevel"/>) takes plain vectors of
    /// the element type; an embedding-list search of it takes one EmbList* value per query.
    /// </remarks>
    public static List<QueryVector> FromPlaceholderGroup(ByteString bytes, FieldSchema field, bool elementLevel = false)
    {
        // The common shape is read in place; anything else goes through the generated parser below.
        if (field.DataType != DataType.ArrayOfVector && PlaceholderReader.TryRead(bytes.Span, out var type, out var values, out var count)
            && type == ExpectedType(field.DataType))
        {
            var vectors = new List<QueryVector>(count);
            while (PlaceholderReader.NextValue(ref values, out var value)) vectors.Add(Decode(field, value));
            return vectors;
        }
        PlaceholderGroup group;
        try { group = PlaceholderGroup.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException) { throw MilvusError.InvalidParameter("failed to unmarshal placeholder group"); }
        if (group.Placeholders.Count != 1) throw MilvusError.InvalidParameter("only one placeholder is supported in a search request");
        var placeholder = group.Placeholders[0];
        if (field.DataType == DataType.ArrayOfVector && !elementLevel) return EmbeddingLists(field, placeholder);
        if (field.DataType == DataType.ArrayOfVector) field = ElementOf(field);
        var expected = ExpectedType(field.DataType);
        if (placeholder.Type != expected)
            throw MilvusError.InvalidParameter($"the type of the search data ({MilvusTypeNames.Of(placeholder.Type)}) does not match the type of the vector field {field.Name} ({MilvusTypeNames.Of(field.DataType)})");
        return placeholder.Values.Select(v => Decode(field, v.Span)).ToList();
    }

    /// <summary>The stored vector of a row, used to search by primary keys.</summary>
    public static QueryVector FromRow(FieldSchema field, Column column, int row) => column switch
    {
        SparseVectorColumn s => new QueryVector(null, null, s.Values[row]),
        DenseVectorColumn d => Decode(field, d.Row(row)),
        _ => throw MilvusError.InvalidParameter($"field {field.Name} is not a vector field"),
    };

    /// <summary>Each placeholder value of an EmbList* type is one embedding list: its vectors concatenated.</summary>
    private static List<QueryVector> EmbeddingLists(FieldSchema field, PlaceholderValue placeholder)
    {
        var element = ElementOf(field);
        var expected = (PlaceholderType)((int)ExpectedType(field.ElementType) + 200);
        if (placeholder.Type != expected)
            throw MilvusError.InvalidParameter($"the type of the search data ({MilvusTypeNames.Of(placeholder.Type)}) does not match the type of the vector field {field.Name} (ArrayOfVector of {MilvusTypeNames.Of(field.ElementType)}), an embedding list ({expected}) is expected");
        var stride = DenseVectorColumn.BytesPerRowFor(field.ElementType, ColumnCodec.DimOf(field));
        return placeholder.Values.Select(v =>
        {
            if (v.Length == 0 || v.Length % stride != 0)
                throw MilvusError.InvalidParameter($"vector dimension mismatch, expected vector size(byte) {stride}, actual {v.Length}");
            var vectors = Enumerable.Range(0, v.Length / stride).Select(i => Decode(element, v.Span.Slice(i * stride, stride))).ToList();
            return new QueryVector(null, null, null, vectors);
        }).ToList();
    }

    /// <summary>One element of a struct's vector sub-field, as a plain vector field of the element type.</summary>
    private static FieldSchema ElementOf(FieldSchema field)
    {
        var element = field.Clone();
        element.DataType = field.ElementType;
        element.ElementType = DataType.None;
        return element;
    }

    private static PlaceholderType ExpectedType(DataType type) => type switch
    {
        DataType.FloatVector => PlaceholderType.FloatVector,
        DataType.BinaryVector => PlaceholderType.BinaryVector,
        DataType.Float16Vector => PlaceholderType.Float16Vector,
        DataType.Bfloat16Vector => PlaceholderType.Bfloat16Vector,
        DataType.SparseFloatVector => PlaceholderType.SparseFloatVector,
        DataType.Int8Vector => PlaceholderType.Int8Vector,
        _ => throw MilvusError.InvalidParameter($"field type {type} is not a vector type"),
    };

    private static QueryVector Decode(FieldSchema field, ReadOnlySpan<byte> bytes)
    {
        if (field.DataType == DataType.SparseFloatVector) return new QueryVector(null, null, SparseCodec.Decode(bytes));
        var dim = ColumnCodec.DimOf(field);
        var expectedBytes = DenseVectorColumn.BytesPerRowFor(field.DataType, dim);
        if (bytes.Length != expectedBytes)
            throw MilvusError.InvalidParameter($"vector dimension mismatch, expected vector size(byte) {expectedBytes}, actual {bytes.Length}");
        if (field.DataType == DataType.BinaryVector) return new QueryVector(null, bytes.ToArray(), null);
        var dense = new float[dim];
        DenseConversion.ToFloat(field.DataType, bytes, dense);
        // Inserts refuse NaN and infinity; a query vector with them would rank every row by a NaN distance.
        for (var k = 0; k < dense.Length; k++)
            if (!float.IsFinite(dense[k]))
                throw MilvusError.InvalidParameter($"the search vector of field '{field.Name}' is illegal: value at index {k} is not a finite number");
        return new QueryVector(dense, null, null);
    }
}

/// <summary>Dense vector element conversions to float (FLOAT16, BFLOAT16 and INT8 are compared as floats).</summary>
internal static class DenseConversion
{
    public static void ToFloat(DataType type, ReadOnlySpan<byte> row, Span<float> destination)
    {
        switch (type)
        {
            case DataType.FloatVector:
                MemoryMarshal.Cast<byte, float>(row).CopyTo(destination);
                break;
            case DataType.Float16Vector:
                System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(row), destination);
                break;
            case DataType.Bfloat16Vector:
                var halves = MemoryMarshal.Cast<byte, ushort>(row);
                for (var i = 0; i < halves.Length; i++) destination[i] = BitConverter.Int32BitsToSingle(halves[i] << 16);
                break;
            case DataType.Int8Vector:
                var signed = MemoryMarshal.Cast<byte, sbyte>(row);
                for (var i = 0; i < signed.Length; i++) destination[i] = signed[i];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "not a dense float-like vector type");
        }
    }
}
