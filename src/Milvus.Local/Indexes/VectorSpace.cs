using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Milvus.Local.Columns;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Indexes;

/// <summary>
/// The vectors an index works on, as floats, with the metric turned into a distance (smaller is closer):
/// L2 is the squared distance, IP the negated inner product, COSINE the negated inner product of the normalized
/// query with the row scaled by its precomputed inverse norm. FLOAT_VECTOR rows are used in place (no copy);
/// FLOAT16, BFLOAT16 and INT8 rows are widened to floats once.
/// </summary>
internal sealed class VectorSpace
{
    // FLOAT_VECTOR rows in place: the column's managed array, or else its mapped file region (then _mapping keeps the
    // mapping alive as long as this space, and _mapped points at its first byte).
    private readonly byte[]? _data;
    private readonly object? _mapping;
    private readonly unsafe byte* _mapped;
    private readonly float[]? _inverseNorms;

    public VectorSpace(DenseVectorColumn column, Metric metric)
    {
        if (metric is not (Metric.L2 or Metric.IP or Metric.Cosine))
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "dense float indexes take L2, IP or COSINE");
        Metric = metric;
        Dim = column.Dim;
        Count = column.Length;
        if (column.DataType != DataType.FloatVector) _data = Widen(column);
        else if (column.Array is { } array) _data = array;
        else
        {
            _mapping = column.Owner;
            unsafe { _mapped = (byte*)Unsafe.AsPointer(ref column.BytesReference); }
        }
        if (metric == Metric.Cosine)
        {
            // A mapped column's cache file holds the norms: reading every row for them is what a cold reopen cannot afford.
            var known = column.DataType == DataType.FloatVector ? column.KnownNorms : null;
            _inverseNorms = new float[Count];
            for (var row = 0; row < Count; row++)
            {
                var norm = known is not null ? known[row] : TensorPrimitives.Norm(Row(row));
                _inverseNorms[row] = norm == 0 ? 0 : 1 / norm;
            }
        }
    }

    public Metric Metric { get; }
    public int Dim { get; }
    public int Count { get; }

    public ReadOnlySpan<float> Row(int row) => MemoryMarshal.CreateReadOnlySpan(ref RowRef(row), Dim);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe ref float RowRef(int row)
        => ref Unsafe.Add(ref Unsafe.As<byte, float>(ref _data is not null ? ref MemoryMarshal.GetArrayDataReference(_data) : ref *_mapped), (nint)row * Dim);

    /// <summary>Cache lines of a row a walk prefetches at most (the benchmark's profile compares settings in one run).</summary>
    internal static int PrefetchLines { get; set; } = 8;

    /// <summary>
    /// Asks the CPU to start loading a row's first cache lines: a graph walk gathers a node's unvisited neighbours,
    /// prefetches them all, then scores them, so the memory latencies overlap instead of adding up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int row)
    {
        if (!Sse.IsSupported) return;
        // A prefetch never faults, so a stale address (the array moved) only wastes the hint.
        var address = (byte*)Unsafe.AsPointer(ref RowRef(row));
        var lines = Math.Min(PrefetchLines, (Dim * sizeof(float) + 63) >> 6);
        for (var line = 0; line < lines; line++) Sse.Prefetch0(address + (line << 6));
    }

    /// <summary>
    /// <see cref="Prepare"/> without the copy when the metric leaves the query as it is (L2, IP): the answer may be
    /// <paramref name="query"/> itself, which index searches only read (one array less per search).
    /// </summary>
    public float[] PrepareReadOnly(float[] query) => Metric == Metric.Cosine ? Prepare(query) : query;

    /// <summary>The query in the form <see cref="Distance(float[], int)"/> takes (normalized for COSINE).</summary>
    public float[] Prepare(ReadOnlySpan<float> query)
    {
        var prepared = query.ToArray();
        if (Metric == Metric.Cosine)
        {
            var norm = TensorPrimitives.Norm(prepared);
            if (norm > 0) TensorPrimitives.Divide(prepared, norm, prepared);
        }
        return prepared;
    }

    /// <summary>Distance of a prepared query to a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Distance(float[] query, int row)
    {
        ref var q = ref MemoryMarshal.GetArrayDataReference(query);
        return Metric switch
        {
            Metric.L2 => Kernels.L2Squared(ref q, ref RowRef(row), Dim),
            Metric.IP => -Kernels.Dot(ref q, ref RowRef(row), Dim),
            _ => -Kernels.Dot(ref q, ref RowRef(row), Dim) * _inverseNorms![row],
        };
    }

    /// <summary>Distance between two stored rows (index construction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Distance(int a, int b) => Metric switch
    {
        Metric.L2 => Kernels.L2Squared(ref RowRef(a), ref RowRef(b), Dim),
        Metric.IP => -Kernels.Dot(ref RowRef(a), ref RowRef(b), Dim),
        _ => -Kernels.Dot(ref RowRef(a), ref RowRef(b), Dim) * _inverseNorms![a] * _inverseNorms[b],
    };

    /// <summary>A stored row prepared as a query (used to insert it).</summary>
    public float[] RowAsQuery(int row) => Prepare(Row(row));

    /// <summary>Milvus's score for a distance: L2 as is, IP and COSINE back to similarities.</summary>
    public float Score(float distance) => Metric == Metric.L2 ? distance : -distance;

    private static byte[] Widen(DenseVectorColumn column)
    {
        var bytes = new byte[column.Length * column.Dim * sizeof(float)];
        var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
        for (var row = 0; row < column.Length; row++)
            DenseConversion.ToFloat(column.DataType, column.Row(row), floats.Slice(row * column.Dim, column.Dim));
        return bytes;
    }
}
