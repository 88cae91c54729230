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
/// norms, and a bound check that drops a row before it reaches a full top-k heap. A request of
/// <see cref="BatchedDenseScan.MinQueries"/> queries or more goes to <see cref="BatchedDenseScan"/> instead (the executor
/// packs its queries once and scores each block as a matrix product), unless the CPU lacks its kernel.
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
        ref var data = ref Unsafe.As<byte, float>(ref column.BytesReference);
        // Four queries share each load of a row (bit-identical to one at a time); the rest go one by one.
        var grouped = Kernels.FourQueriesSupported(dim) ? vectors.Length / 4 * 4 : 0;
        Span<float> raw = stackalloc float[4];
        for (var row = start; row < end; row++)
        {
            if (!mask.Allows(row)) continue;
            ref var v = ref Unsafe.Add(ref data, (nint)row * dim);
            var q = 0;
            for (; q < grouped; q += 4)
            {
                Kernels.FourQueries(metric == Metric.L2, ref MemoryMarshal.GetArrayDataReference(vectors[q]), ref MemoryMarshal.GetArrayDataReference(vectors[q + 1]),
                    ref MemoryMarshal.GetArrayDataReference(vectors[q + 2]), ref MemoryMarshal.GetArrayDataReference(vectors[q + 3]), ref v, dim, raw);
                for (var j = 0; j < 4; j++) Offer(raw[j], q + j);
            }
            for (; q < vectors.Length; q++)
            {
                ref var query = ref MemoryMarshal.GetArrayDataReference(vectors[q]);
                Offer(metric == Metric.L2 ? Kernels.L2Squared(ref query, ref v, dim) : Kernels.Dot(ref query, ref v, dim), q);
            }

            // raw: L2's squared distance or the inner product; COSINE divides by both norms.
            void Offer(float raw, int q)
            {
                var score = metric != Metric.Cosine ? raw : queryNorms[q] == 0 || norms![row] == 0 ? 0 : raw / (queryNorms[q] * norms[row]);
                if (float.IsNaN(score) || heaps[q].Rejects(score) || !p.InRange(score)) return;
                var hit = new Hit(score, view, row);
                if (cursor is null || order.IsAfter(hit, cursor)) heaps[q].Offer(hit);
            }
        }
    }
}
