using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Milvus.Local.Columns;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>
/// A BINARY_VECTOR column as an HNSW graph space (knowhere's IndexHNSWBinary, HNSW on binary vectors since Milvus
/// 2.6): HAMMING or JACCARD distances between bit rows, read in place (no copy, nothing stored). A query travels as
/// its bits packed into a float[] (the query type of <see cref="IGraphSpace"/>); those floats are never read as numbers.
/// </summary>
internal readonly struct BinaryGraph(DenseVectorColumn column, Metric metric) : IGraphSpace
{
    public int Count => column.Length;

    /// <summary>Bits carried in the float[] a graph walk takes as its query.</summary>
    public static float[] Carry(ReadOnlySpan<byte> bits)
    {
        var carrier = new float[(bits.Length + sizeof(float) - 1) / sizeof(float)];
        bits.CopyTo(MemoryMarshal.AsBytes(carrier.AsSpan()));
        return carrier;
    }

    public float[] Encode(float[] prepared) => prepared;

    public float[] RowAsQuery(int row) => Carry(column.Row(row));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Distance(float[] query, int row)
        => BinaryDistance.Of(metric, MemoryMarshal.AsBytes(query.AsSpan())[..column.BytesPerRow], column.Row(row));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Distance(int a, int b) => BinaryDistance.Of(metric, column.Row(a), column.Row(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int row)
    {
        if (!Sse.IsSupported) return;
        // A prefetch never faults, so a stale address (the array moved) only wastes the hint.
        var address = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref column.BytesReference, (nint)row * column.BytesPerRow));
        for (var line = 0; line < column.BytesPerRow; line += 64) Sse.Prefetch0(address + line);
    }

    public void Write(BinaryWriter writer) { }
}
