using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>
/// Scalar-quantized codes as a graph space (HNSW_SQ's graph, or the refine step of a quantized index): a query stays
/// in floats and is compared with each row's decoded code (faiss's asymmetric distance); two rows are compared
/// decoded. Rows are inserted with their full-precision vector as the query, as faiss adds them.
/// </summary>
[SkipLocalsInit]
internal readonly struct SqGraph(VectorSpace space, ScalarCodes codes) : IGraphSpace
{
    /// <summary>Widest vector decoded on the stack; wider ones use a heap buffer.</summary>
    private const int StackDim = 2048;

    public ScalarCodes Codes => codes;

    public int Count => codes.Count;

    public float[] Encode(float[] prepared) => prepared;

    public float[] RowAsQuery(int row) => space.RowAsQuery(row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Distance(float[] query, int row)
    {
        if (codes.FusedSq8)
        {
            var l2 = space.Metric == Metric.L2;
            var value = codes.Sq8Distance(ref MemoryMarshal.GetArrayDataReference(query), row, l2);
            return l2 ? value : -value;
        }
        var dim = codes.Dim;
        var decoded = dim <= StackDim ? stackalloc float[dim] : new float[dim];
        codes.Decode(row, decoded);
        return Measure(ref MemoryMarshal.GetArrayDataReference(query), ref MemoryMarshal.GetReference(decoded), dim);
    }

    public float Distance(int a, int b)
    {
        var dim = codes.Dim;
        var x = dim <= StackDim ? stackalloc float[dim] : new float[dim];
        var y = dim <= StackDim ? stackalloc float[dim] : new float[dim];
        codes.Decode(a, x);
        codes.Decode(b, y);
        return Measure(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), dim);
    }

    /// <summary>Squared L2, else the negated inner product (COSINE codes hold unit vectors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Measure(ref float a, ref float b, int dim)
        => space.Metric == Metric.L2 ? Kernels.L2Squared(ref a, ref b, dim) : -Kernels.Dot(ref a, ref b, dim);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int row) => codes.Prefetch(row);

    public void Write(BinaryWriter writer) => codes.Write(writer);
}
