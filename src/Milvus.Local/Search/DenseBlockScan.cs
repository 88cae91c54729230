using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Milvus.Local.Columns;
using Milvus.Local.Indexes;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Search;

/// <summary>
/// The exact scan's fast path for FLOAT_VECTOR rows with L2, IP or COSINE: one pass over a block of rows for all
/// queries of the request (each row is read once and scored against every query while it is in cache), SIMD
/// kernels called directly (no per-row type dispatch), L2 without a square root, COSINE from the column's cached
/// norms, and a bound check that drops a row before it reaches a full top-k heap.
/// </summary>
internal static class DenseBlockScan
{
    /// <summary>Off only to measure the general scorer against this path in one benchmark run.</summary>
    internal static bool Enabled { get; set; } = true;

    public static bool Applies(Column? column, Metric metric)
        => Enabled && column is DenseVectorColumn { DataType: DataType.FloatVector } && metric is Metric.L2 or Metric.IP or Metric.Cosine;

    public static void Run(DenseVectorColumn column, IReadOnlyList<QueryVector> queries, SearchParameters p, RowMask mask, int view,
        int start, int end, TopK[] heaps, HitOrder order, IteratorCursor? cursor)
    {
        var dim = column.Dim;
        var metric = p.Metric;
        var norms = metric == Metric.Cosine ? RowNorms.Of(column) : null;
        var vectors = new float[queries.Count][];
        var queryNorms = new float[queries.Count];
        for (var q = 0; q < vectors.Length; q++)
        {
            vectors[q] = queries[q].Dense!;
            queryNorms[q] = TensorPrimitives.Norm(vectors[q]);
        }
        ref var data = ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(column.Data));
        for (var row = start; row < end; row++)
        {
            if (!mask.Allows(row)) continue;
            ref var v = ref Unsafe.Add(ref data, (nint)row * dim);
            for (var q = 0; q < vectors.Length; q++)
            {
                ref var query = ref MemoryMarshal.GetArrayDataReference(vectors[q]);
                var score = metric switch
                {
                    Metric.L2 => Kernels.L2Squared(ref query, ref v, dim),
                    Metric.IP => Kernels.Dot(ref query, ref v, dim),
                    _ => queryNorms[q] == 0 || norms![row] == 0 ? 0 : Kernels.Dot(ref query, ref v, dim) / (queryNorms[q] * norms[row]),
                };
                if (float.IsNaN(score) || heaps[q].Rejects(score) || !p.InRange(score)) continue;
                var hit = new Hit(score, view, row);
                if (cursor is null || order.IsAfter(hit, cursor)) heaps[q].Offer(hit);
            }
        }
    }
}
