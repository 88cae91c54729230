using System.Runtime.InteropServices;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Columns;

/// <summary>
/// One field's values for a run of rows, stored contiguously by type so that filters and distance
/// kernels work a column at a time. Nullable fields carry a validity array (null = all rows valid);
/// a null row's slot in the value array holds the type's default value.
/// </summary>
public abstract class Column
{
    protected Column(DataType dataType, int length, bool[]? validity)
    {
        if (validity is not null && validity.Length != length)
            throw new ArgumentException("validity length must equal the column length", nameof(validity));
        DataType = dataType;
        Length = length;
        Validity = validity;
    }

    /// <summary>The schema type of the field (INT8..INT64 all use <see cref="Int64Column"/>, for example).</summary>
    public DataType DataType { get; }

    public int Length { get; }

    /// <summary>Per-row validity for nullable fields; null when every row holds a value.</summary>
    public bool[]? Validity { get; }

    public bool IsNull(int row) => Validity is not null && !Validity[row];
}

/// <summary>BOOL.</summary>
public sealed class BoolColumn(bool[] values, bool[]? validity = null)
    : Column(DataType.Bool, values.Length, validity)
{
    public bool[] Values { get; } = values;
}

/// <summary>INT8, INT16, INT32 and INT64 (widened to long; the schema type is kept in <see cref="Column.DataType"/>).</summary>
public sealed class Int64Column(DataType dataType, long[] values, bool[]? validity = null)
    : Column(dataType, values.Length, validity)
{
    public long[] Values { get; } = values;
}

/// <summary>FLOAT.</summary>
public sealed class FloatColumn(float[] values, bool[]? validity = null)
    : Column(DataType.Float, values.Length, validity)
{
    public float[] Values { get; } = values;
}

/// <summary>DOUBLE.</summary>
public sealed class DoubleColumn(double[] values, bool[]? validity = null)
    : Column(DataType.Double, values.Length, validity)
{
    public double[] Values { get; } = values;
}

/// <summary>VARCHAR (and TIMESTAMPTZ/GEOMETRY text forms if ever stored).</summary>
public sealed class StringColumn(DataType dataType, string[] values, bool[]? validity = null)
    : Column(dataType, values.Length, validity)
{
    public string[] Values { get; } = values;
}

/// <summary>JSON fields and the dynamic field <c>$meta</c>: each row is UTF-8 JSON text (empty for null rows).</summary>
public sealed class JsonColumn(byte[][] values, bool[]? validity = null)
    : Column(DataType.Json, values.Length, validity)
{
    public byte[][] Values { get; } = values;
}

/// <summary>
/// ARRAY: one array per row, typed by <see cref="ElementType"/>: bool[] for BOOL, long[] for INT8..INT64,
/// float[] for FLOAT, double[] for DOUBLE, string[] for VARCHAR. Null rows hold an empty array.
/// </summary>
public sealed class ArrayColumn(DataType elementType, Array[] values, bool[]? validity = null)
    : Column(DataType.Array, values.Length, validity)
{
    public DataType ElementType { get; } = elementType;

    public Array[] Values { get; } = values;
}

/// <summary>
/// Dense vectors of every kind, rows concatenated: FLOAT_VECTOR as float (4 bytes a value), FLOAT16 and
/// BFLOAT16 as their raw 2-byte little-endian values, INT8_VECTOR as one signed byte a value,
/// BINARY_VECTOR as dim/8 bytes a row. <see cref="BytesPerRow"/> tells the stride.
/// </summary>
public sealed class DenseVectorColumn : Column
{
    private readonly byte[]? _array;
    private readonly MappedFileRegion? _mapped;

    public DenseVectorColumn(DataType dataType, int dim, byte[] data, int length, bool[]? validity = null)
        : this(dataType, dim, data.Length, length, validity)
    {
        _array = data;
    }

    /// <summary>
    /// A column whose bytes are a read-only mapped file region (mmap.enabled); never nullable. <paramref name="norms"/>:
    /// the rows' Euclidean norms when the cache file holds them (FLOAT_VECTOR), so no reader has to read every row for them.
    /// </summary>
    internal DenseVectorColumn(DataType dataType, int dim, MappedFileRegion mapped, int length, float[]? norms = null)
        : this(dataType, dim, mapped.Length, length, null)
    {
        _mapped = mapped;
        if (norms is not null && norms.Length != length) throw new ArgumentException($"expected {length} norms, got {norms.Length}", nameof(norms));
        KnownNorms = norms;
    }

    private DenseVectorColumn(DataType dataType, int dim, int byteLength, int length, bool[]? validity)
        : base(dataType, length, validity)
    {
        Dim = dim;
        BytesPerRow = BytesPerRowFor(dataType, dim);
        if (byteLength != BytesPerRow * length)
            throw new ArgumentException($"expected {BytesPerRow * length} bytes of {dataType} data, got {byteLength}", "data");
    }

    public int Dim { get; }

    /// <summary>The rows' bytes, from the managed array or the mapped file region.</summary>
    public ReadOnlySpan<byte> Bytes => _array is not null ? _array : _mapped!.Span;

    /// <summary>
    /// A reference to the first byte, for kernels that walk rows by offset. Like a span of <see cref="Bytes"/>, it is
    /// valid while the column is reachable: readers hold the segment view that owns the column for the whole read.
    /// </summary>
    public ref byte BytesReference => ref _array is not null ? ref MemoryMarshal.GetArrayDataReference(_array) : ref _mapped!.Reference;

    /// <summary>The managed array holding the rows; null when the column is a mapped file region.</summary>
    public byte[]? Array => _array;

    /// <summary>True when the rows live in a memory-mapped cache file (page cache) rather than in managed memory.</summary>
    public bool IsMapped => _mapped is not null;

    /// <summary>The rows' Euclidean norms (TensorPrimitives.Norm of each FLOAT_VECTOR row) when known without reading the rows; else null.</summary>
    internal float[]? KnownNorms { get; }

    /// <summary>The mapping owning the rows (kept by structures that read the rows outside a column reference).</summary>
    internal object? Owner => _mapped;

    public int ByteLength => BytesPerRow * Length;

    public int BytesPerRow { get; }

    public ReadOnlySpan<byte> Row(int row) => Bytes.Slice(row * BytesPerRow, BytesPerRow);

    public static int BytesPerRowFor(DataType dataType, int dim) => dataType switch
    {
        DataType.FloatVector => dim * 4,
        DataType.Float16Vector or DataType.Bfloat16Vector => dim * 2,
        DataType.Int8Vector => dim,
        DataType.BinaryVector => dim / 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, "not a dense vector type"),
    };
}

/// <summary>SPARSE_FLOAT_VECTOR: per row, indices ascending with their values.</summary>
public sealed class SparseVectorColumn(SparseRow[] values, bool[]? validity = null)
    : Column(DataType.SparseFloatVector, values.Length, validity)
{
    public SparseRow[] Values { get; } = values;
}

public readonly record struct SparseRow(uint[] Indices, float[] Values);

/// <summary>
/// ArrayOfVector (a vector sub-field of an array of structs, an "embedding list"): per row, the vectors of the
/// row's struct elements as a <see cref="DenseVectorColumn"/> of that many rows. Null rows hold no vectors.
/// </summary>
public sealed class VectorArrayColumn(DataType elementType, int dim, DenseVectorColumn[] values, bool[]? validity = null)
    : Column(DataType.ArrayOfVector, values.Length, validity)
{
    public DataType ElementType { get; } = elementType;

    public int Dim { get; } = dim;

    public DenseVectorColumn[] Values { get; } = values;
}
