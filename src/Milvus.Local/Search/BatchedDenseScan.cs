using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Milvus.Local.Columns;
using Milvus.Local.Indexes;

namespace Milvus.Local.Search;

/// <summary>
/// The exact scan of a request with many queries, computed like a matrix product (what faiss does with BLAS's
/// sgemm from <see cref="MinQueries"/> queries on): inner products of four rows with four queries per
/// <see cref="TileKernel"/> call, L2 as |x|² + |q|² - 2 x·q clamped at 0 (faiss's exhaustive_L2sqr_blas), COSINE
/// as x·q over the two norms, IP as x·q; then the four rows' scores of a query are compared with that query's
/// current top-k bound in one vector compare, so most rows never reach the heap. Scores can differ from the
/// one-query scan's in the last bits (another summation order, and L2 from norms), as faiss's BLAS path differs
/// from its sequential one.
/// </summary>
internal static class BatchedDenseScan
{
    /// <summary>faiss's <c>distance_compute_blas_threshold</c>: from this many queries on, the matrix-product path.</summary>
    public const int MinQueries = 20;

    public static bool Applies(int queries, int dim) => queries >= MinQueries && TileKernel.Supported(dim);

    public static void Run(DenseVectorColumn column, IReadOnlyList<QueryVector> queries, SearchParameters p, RowMask mask, int view,
        int start, int end, TopK[] heaps, HitOrder order, IteratorCursor? cursor)
    {
        var dim = column.Dim;
        var metric = p.Metric;
        var nq = queries.Count;
        // The queries as one matrix, padded to a multiple of four rows by repeating the last query (its extra
        // scores are never offered).
        var padded = (nq + 3) / 4 * 4;
        var matrix = new float[padded * dim];
        var queryTerm = new float[nq];
        for (var q = 0; q < padded; q++)
        {
            var vector = queries[Math.Min(q, nq - 1)].Dense!;
            vector.CopyTo(matrix, q * dim);
            if (q < nq) queryTerm[q] = metric == Metric.L2 ? TensorPrimitives.Dot(vector, vector) : TensorPrimitives.Norm(vector);
        }
        var norms = metric == Metric.Cosine ? RowNorms.Of(column) : null;
        var higherIsBetter = metric.HigherIsBetter();
        // Per query: the score a row must reach to be offered (the heap's worst once it is full).
        var bounds = new float[nq];
        for (var q = 0; q < nq; q++) bounds[q] = BoundOf(heaps[q], higherIsBetter);

        ref var data = ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(column.Data));
        ref var queryData = ref MemoryMarshal.GetArrayDataReference(matrix);
        for (var row = start; row < end; row += 4)
        {
            var count = Math.Min(4, end - row);
            var live = 0;
            for (var i = 0; i < count; i++)
                if (mask.Allows(row + i)) live |= 1 << i;
            if (live == 0) continue;
            // A tile past the block's end repeats its last row (its scores are never offered).
            ref var r0 = ref Unsafe.Add(ref data, (nint)row * dim);
            ref var r1 = ref Unsafe.Add(ref data, (nint)(row + Math.Min(1, count - 1)) * dim);
            ref var r2 = ref Unsafe.Add(ref data, (nint)(row + Math.Min(2, count - 1)) * dim);
            ref var r3 = ref Unsafe.Add(ref data, (nint)(row + Math.Min(3, count - 1)) * dim);
            var rowTerm = metric switch
            {
                Metric.L2 => Vector128.Create(Kernels.Dot(ref r0, ref r0, dim), Kernels.Dot(ref r1, ref r1, dim), Kernels.Dot(ref r2, ref r2, dim), Kernels.Dot(ref r3, ref r3, dim)),
                Metric.Cosine => Vector128.Create(norms![row], norms[row + Math.Min(1, count - 1)], norms[row + Math.Min(2, count - 1)], norms[row + Math.Min(3, count - 1)]),
                _ => default,
            };
            for (var q = 0; q < padded; q += 4)
            {
                TileKernel.Dot4x4(ref r0, ref r1, ref r2, ref r3,
                    ref Unsafe.Add(ref queryData, q * dim), ref Unsafe.Add(ref queryData, (q + 1) * dim),
                    ref Unsafe.Add(ref queryData, (q + 2) * dim), ref Unsafe.Add(ref queryData, (q + 3) * dim), dim,
                    out var s0, out var s1, out var s2, out var s3);
                Offer(s0, q);
                if (q + 1 < nq) Offer(s1, q + 1);
                if (q + 2 < nq) Offer(s2, q + 2);
                if (q + 3 < nq) Offer(s3, q + 3);
            }

            // The four rows' scores for query q; those reaching its bound go to its heap.
            void Offer(Vector128<float> dots, int q)
            {
                var scores = metric switch
                {
                    Metric.L2 => Vector128.Max(Vector128.Create(queryTerm[q]) + rowTerm - dots - dots, Vector128<float>.Zero),
                    Metric.Cosine => CosineOf(dots, Vector128.Create(queryTerm[q]) * rowTerm),
                    _ => dots,
                };
                var bound = Vector128.Create(bounds[q]);
                var reaching = higherIsBetter ? Vector128.GreaterThanOrEqual(scores, bound) : Vector128.LessThanOrEqual(scores, bound);
                var bits = reaching.ExtractMostSignificantBits() & (uint)live;
                while (bits != 0)
                {
                    var i = BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    var score = scores.GetElement(i);
                    if (!p.InRange(score)) continue;
                    var hit = new Hit(score, view, row + i);
                    if (cursor is not null && !order.IsAfter(hit, cursor)) continue;
                    heaps[q].Offer(hit);
                    bounds[q] = BoundOf(heaps[q], higherIsBetter);
                }
            }
        }
    }

    /// <summary>COSINE as the one-query scan defines it: 0 when either vector has no length.</summary>
    private static Vector128<float> CosineOf(Vector128<float> dots, Vector128<float> normProducts)
        => Vector128.ConditionalSelect(Vector128.Equals(normProducts, Vector128<float>.Zero), Vector128<float>.Zero, dots / normProducts);

    /// <summary>The score a hit must reach to enter the heap: its worst once full; NaN (nothing reaches it) for k = 0.</summary>
    private static float BoundOf(TopK heap, bool higherIsBetter)
    {
        if (heap.Capacity == 0) return float.NaN;
        if (heap.Count < heap.Capacity) return higherIsBetter ? float.NegativeInfinity : float.PositiveInfinity;
        return heap.Worst.Score;
    }
}
