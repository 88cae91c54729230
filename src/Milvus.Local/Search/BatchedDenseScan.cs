using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Milvus.Local.Columns;
using Milvus.Local.Indexes;

namespace Milvus.Local.Search;

/// <summary>
/// The exact scan of a request with many queries, ranked like a matrix product (what faiss does with BLAS's sgemm
/// from <see cref="MinQueries"/> queries on): inner products of four rows with four queries per
/// <see cref="TileKernel"/> call, L2 estimated as |x|² + |q|² - 2 x·q (faiss's exhaustive_L2sqr_blas), COSINE as
/// x·q over the two norms, IP as x·q. The four rows' estimates for a query are compared with that query's current
/// top-k bound, widened by the estimate's worst rounding error, in one vector compare, so most rows never reach the
/// heap; the few that may enter are scored again with the one-query kernels. The scores returned are therefore
/// bit-identical to the one-query scan's (an identical vector is at L2 distance 0, not a rounding residue), which is
/// what Milvus returns: knowhere's brute force calls faiss one query at a time (nx = 1), below faiss's BLAS threshold.
/// </summary>
internal static class BatchedDenseScan
{
    /// <summary>faiss's <c>distance_compute_blas_threshold</c>: from this many queries on, the matrix-product path.</summary>
    public const int MinQueries = 20;

    /// <summary>Off only to measure the four-queries path against this one in one benchmark run.</summary>
    internal static bool Enabled { get; set; } = true;

    public static bool Applies(int queries, int dim) => Enabled && queries >= MinQueries && TileKernel.Supported(dim);

    public static void Run(DenseVectorColumn column, IReadOnlyList<QueryVector> queries, SearchParameters p, RowMask mask, int view,
        int start, int end, TopK[] heaps, HitOrder order, IteratorCursor? cursor)
    {
        var context = new Context(p, view, heaps, order, cursor, column);
        switch (p.Metric)
        {
            case Metric.L2: Scan<L2Scores>(column, queries, mask, start, end, context); break;
            case Metric.Cosine: Scan<CosineScores>(column, queries, mask, start, end, context); break;
            default: Scan<InnerProductScores>(column, queries, mask, start, end, context); break;
        }
    }

    /// <summary>What the rare path (a row that may enter a query's heap) needs besides the tile.</summary>
    private sealed record Context(SearchParameters P, int View, TopK[] Heaps, HitOrder Order, IteratorCursor? Cursor, DenseVectorColumn Column)
    {
        public float[] Matrix { get; set; } = [];

        /// <summary>Per query: |q| (the one-query scan's COSINE norm).</summary>
        public float[] QueryNorms { get; set; } = [];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scan<TScores>(DenseVectorColumn column, IReadOnlyList<QueryVector> queries, RowMask mask, int start, int end, Context context)
        where TScores : struct, IScores
    {
        var dim = column.Dim;
        var nq = queries.Count;
        // The queries as one matrix, padded to a multiple of four rows by repeating the last query (its extra
        // scores are never offered).
        var padded = (nq + 3) / 4 * 4;
        var matrix = new float[padded * dim];
        var queryNorms = new float[padded];
        var queryTerm = new float[padded];
        for (var q = 0; q < padded; q++)
        {
            var vector = queries[Math.Min(q, nq - 1)].Dense!;
            vector.CopyTo(matrix, q * dim);
            queryNorms[q] = TensorPrimitives.Norm(vector);
            queryTerm[q] = TScores.QueryTerm(vector, queryNorms[q]);
        }
        context.Matrix = matrix;
        context.QueryNorms = queryNorms;
        var norms = TScores.NeedsRowNorms ? RowNorms.Of(column) : null;
        // Relative rounding error bound of a float dot product of dim terms (about dim x 2^-24, doubled twice for
        // the norms and the other summation order).
        var tolerance = Vector128.Create(dim * 2.4e-7f);
        // Per query: the score a row must reach to be offered (the heap's worst once it is full); NaN for the padding.
        var bounds = new float[padded];
        for (var q = 0; q < padded; q++) bounds[q] = q < nq ? BoundOf(context.Heaps[q], TScores.HigherIsBetter) : float.NaN;

        ref var data = ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(column.Data));
        ref var queryData = ref MemoryMarshal.GetArrayDataReference(matrix);
        for (var row = start; row < end; row += 4)
        {
            var count = Math.Min(4, end - row);
            var live = 0u;
            for (var i = 0; i < count; i++)
                if (mask.Allows(row + i)) live |= 1u << i;
            if (live == 0) continue;
            // A tile past the block's end repeats its last row (its scores are never offered).
            int i1 = row + Math.Min(1, count - 1), i2 = row + Math.Min(2, count - 1), i3 = row + Math.Min(3, count - 1);
            ref var r0 = ref Unsafe.Add(ref data, (nint)row * dim);
            ref var r1 = ref Unsafe.Add(ref data, (nint)i1 * dim);
            ref var r2 = ref Unsafe.Add(ref data, (nint)i2 * dim);
            ref var r3 = ref Unsafe.Add(ref data, (nint)i3 * dim);
            var rowTerm = norms is not null
                ? Vector128.Create(norms[row], norms[i1], norms[i2], norms[i3])
                : Vector128.Create(Kernels.Dot(ref r0, ref r0, dim), Kernels.Dot(ref r1, ref r1, dim), Kernels.Dot(ref r2, ref r2, dim), Kernels.Dot(ref r3, ref r3, dim));
            for (var q = 0; q < padded; q += 4)
            {
                TileKernel.Dot4x4(ref r0, ref r1, ref r2, ref r3,
                    ref Unsafe.Add(ref queryData, q * dim), ref Unsafe.Add(ref queryData, (q + 1) * dim),
                    ref Unsafe.Add(ref queryData, (q + 2) * dim), ref Unsafe.Add(ref queryData, (q + 3) * dim), dim,
                    out var s0, out var s1, out var s2, out var s3);
                // Most rows cannot reach a query's bound: one compare per query and tile, the heaps only for the others.
                Reach<TScores>(s0, q, row, live, rowTerm, tolerance, queryTerm, bounds, context);
                Reach<TScores>(s1, q + 1, row, live, rowTerm, tolerance, queryTerm, bounds, context);
                Reach<TScores>(s2, q + 2, row, live, rowTerm, tolerance, queryTerm, bounds, context);
                Reach<TScores>(s3, q + 3, row, live, rowTerm, tolerance, queryTerm, bounds, context);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reach<TScores>(Vector128<float> dots, int q, int row, uint live, Vector128<float> rowTerm, Vector128<float> tolerance,
        float[] queryTerm, float[] bounds, Context context)
        where TScores : struct, IScores
    {
        var term = queryTerm[q];
        var estimates = TScores.Estimates(dots, term, rowTerm);
        var slack = TScores.Error(term, rowTerm) * tolerance;
        var bound = Vector128.Create(bounds[q]);
        var reaching = TScores.HigherIsBetter ? Vector128.GreaterThanOrEqual(estimates + slack, bound) : Vector128.LessThanOrEqual(estimates - slack, bound);
        var bits = reaching.ExtractMostSignificantBits() & live;
        if (bits != 0) OfferReaching<TScores>(bits, row, q, bounds, context);
    }

    /// <summary>
    /// Scores the tile's rows set in <paramref name="bits"/> for query <paramref name="q"/> with the one-query
    /// kernels (<see cref="DenseBlockScan"/>'s arithmetic) and offers them to its heap.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OfferReaching<TScores>(uint bits, int row, int q, float[] bounds, Context context)
        where TScores : struct, IScores
    {
        var heap = context.Heaps[q];
        var dim = context.Column.Dim;
        ref var query = ref context.Matrix[q * dim];
        ref var data = ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(context.Column.Data));
        while (bits != 0)
        {
            var i = BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            var score = TScores.Exact(ref query, ref Unsafe.Add(ref data, (nint)(row + i) * dim), dim, context.QueryNorms[q], context.Column, row + i);
            if (float.IsNaN(score) || heap.Rejects(score) || !context.P.InRange(score)) continue;
            var hit = new Hit(score, context.View, row + i);
            if (context.Cursor is not null && !context.Order.IsAfter(hit, context.Cursor)) continue;
            heap.Offer(hit);
            bounds[q] = BoundOf(heap, TScores.HigherIsBetter);
        }
    }

    /// <summary>A metric's estimates from the inner products of a tile, and its exact one-query score (resolved when the scan is compiled, not per row).</summary>
    private interface IScores
    {
        static abstract bool HigherIsBetter { get; }

        /// <summary>True when the row term is the column's cached norm; otherwise it is |x|^2.</summary>
        static abstract bool NeedsRowNorms { get; }

        static abstract float QueryTerm(float[] query, float norm);

        static abstract Vector128<float> Estimates(Vector128<float> dots, float queryTerm, Vector128<float> rowTerm);

        /// <summary>The scale of the estimate's rounding error (times the relative tolerance).</summary>
        static abstract Vector128<float> Error(float queryTerm, Vector128<float> rowTerm);

        static abstract float Exact(ref float query, ref float row, int dim, float queryNorm, DenseVectorColumn column, int rowIndex);
    }

    /// <summary>Estimated as |x|^2 + |q|^2 - 2 x.q; exact as the sum of squared differences.</summary>
    private readonly struct L2Scores : IScores
    {
        public static bool HigherIsBetter => false;
        public static bool NeedsRowNorms => false;

        public static float QueryTerm(float[] query, float norm) => TensorPrimitives.Dot(query, query);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Estimates(Vector128<float> dots, float queryTerm, Vector128<float> rowTerm) => Vector128.Create(queryTerm) + rowTerm - dots - dots;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Error(float queryTerm, Vector128<float> rowTerm) => Vector128.Create(queryTerm) + rowTerm;

        public static float Exact(ref float query, ref float row, int dim, float queryNorm, DenseVectorColumn column, int rowIndex) => Kernels.L2Squared(ref query, ref row, dim);
    }

    private readonly struct InnerProductScores : IScores
    {
        public static bool HigherIsBetter => true;
        public static bool NeedsRowNorms => true;

        public static float QueryTerm(float[] query, float norm) => norm;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Estimates(Vector128<float> dots, float queryTerm, Vector128<float> rowTerm) => dots;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Error(float queryTerm, Vector128<float> rowTerm) => Vector128.Create(queryTerm) * rowTerm;

        public static float Exact(ref float query, ref float row, int dim, float queryNorm, DenseVectorColumn column, int rowIndex) => Kernels.Dot(ref query, ref row, dim);
    }

    /// <summary>x.q / (|x| |q|), 0 when either vector has no length (as the one-query scan).</summary>
    private readonly struct CosineScores : IScores
    {
        public static bool HigherIsBetter => true;
        public static bool NeedsRowNorms => true;

        public static float QueryTerm(float[] query, float norm) => norm;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Estimates(Vector128<float> dots, float queryTerm, Vector128<float> rowTerm)
        {
            var norms = Vector128.Create(queryTerm) * rowTerm;
            return Vector128.ConditionalSelect(Vector128.Equals(norms, Vector128<float>.Zero), Vector128<float>.Zero, dots / norms);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Error(float queryTerm, Vector128<float> rowTerm) => Vector128<float>.One;

        public static float Exact(ref float query, ref float row, int dim, float queryNorm, DenseVectorColumn column, int rowIndex)
        {
            var norm = RowNorms.Of(column)[rowIndex];
            return queryNorm == 0 || norm == 0 ? 0 : Kernels.Dot(ref query, ref row, dim) / (queryNorm * norm);
        }
    }

    /// <summary>The score a hit must reach to enter the heap: its worst once full; NaN (nothing reaches it) for k = 0.</summary>
    private static float BoundOf(TopK heap, bool higherIsBetter)
    {
        if (heap.Capacity == 0) return float.NaN;
        if (heap.Count < heap.Capacity) return higherIsBetter ? float.NegativeInfinity : float.PositiveInfinity;
        return heap.Worst.Score;
    }
}
