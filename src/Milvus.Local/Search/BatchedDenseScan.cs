using System.Buffers;
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
/// from <see cref="MinQueries"/> queries on): <see cref="TileKernel"/> computes the inner products of 8 rows with 32
/// queries per call, the queries packed in lanes once per block; L2 is estimated as |x|² + |q|² - 2 x·q (faiss's
/// exhaustive_L2sqr_blas) with the rows' cached squared norms, COSINE as x·q over the two cached norms, IP as x·q. A row's
/// estimates for 16 queries are compared with those queries' current top-k bounds, widened by the estimate's worst
/// rounding error, in one vector compare, so most rows never reach a heap; the few that may enter are scored again
/// with the one-query kernels. The scores returned are therefore bit-identical to the one-query scan's (an identical
/// vector is at L2 distance 0, not a rounding residue), which is what Milvus returns: knowhere's brute force calls faiss
/// one query at a time (nx = 1), below faiss's BLAS threshold.
/// </summary>
internal static class BatchedDenseScan
{
    /// <summary>faiss's <c>distance_compute_blas_threshold</c>: from this many queries on, the matrix-product path.</summary>
    public const int MinQueries = 20;

    /// <summary>Bytes of rows scored against one pair of query groups before the next pair (they stay in the core's L2).</summary>
    private const int RowPassBytes = 128 * 1024;

    /// <summary>Off only to measure the four-queries path against this one in one benchmark run.</summary>
    internal static bool Enabled { get; set; } = true;

    public static bool Applies(int queries, int dim) => Enabled && queries >= MinQueries && TileKernel.Supported;

    public static void Run(DenseVectorColumn column, IReadOnlyList<QueryVector> queries, SearchParameters p, RowMask mask, int view,
        int start, int end, TopK[] heaps, HitOrder order, IteratorCursor? cursor, SharedBounds shared)
    {
        var context = new Context(p, view, heaps, order, cursor, column, queries.Select(q => q.Dense!).ToArray(), shared);
        switch (p.Metric)
        {
            case Metric.L2: Scan<L2Scores>(column, mask, start, end, context); break;
            case Metric.Cosine: Scan<CosineScores>(column, mask, start, end, context); break;
            default: Scan<InnerProductScores>(column, mask, start, end, context); break;
        }
    }

    /// <summary>What the rare path (a row that may enter a query's heap) needs besides the tile.</summary>
    private sealed record Context(SearchParameters P, int View, TopK[] Heaps, HitOrder Order, IteratorCursor? Cursor, DenseVectorColumn Column, float[][] Queries, SharedBounds Shared)
    {
        /// <summary>Per query lane: |q| (the one-query scan's COSINE norm).</summary>
        public float[] QueryNorms { get; set; } = [];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scan<TScores>(DenseVectorColumn column, RowMask mask, int start, int end, Context context)
        where TScores : struct, IScores
    {
        var dim = column.Dim;
        var nq = context.Queries.Length;
        var groups = (nq + TileKernel.Lanes - 1) / TileKernel.Lanes;
        var lanes = groups * TileKernel.Lanes;
        var groupLength = TileKernel.GroupLength(dim);
        var packed = ArrayPool<float>.Shared.Rent(groups * groupLength);
        // The last tile of a block, when it has fewer than 8 rows: copied here, the missing rows zero (never offered).
        var partial = new float[TileKernel.Rows * dim];
        try
        {
            TileKernel.Pack(context.Queries, dim, packed);
            var queryNorms = new float[lanes];
            var queryTerm = new float[lanes];
            // Per query lane: the score a row must reach to be offered (the tighter of the heap's worst once it is full
            // and the bound another block reached); NaN, which no compare passes, for the padding lanes.
            var bounds = new float[lanes];
            for (var q = 0; q < lanes; q++)
            {
                if (q >= nq)
                {
                    bounds[q] = float.NaN;
                    continue;
                }
                queryNorms[q] = TensorPrimitives.Norm(context.Queries[q]);
                queryTerm[q] = TScores.QueryTerm(context.Queries[q], queryNorms[q]);
                bounds[q] = BoundOf(context.Heaps[q], TScores.HigherIsBetter);
            }
            RefreshBounds<TScores>(bounds, context);
            context.QueryNorms = queryNorms;
            var rowTerms = TScores.RowTerms(column);
            // Relative rounding error bound of the estimate (about dim x 2^-24 for the dot product, doubled twice for the
            // norms and the exact kernel's other summation order, and a few roundings more for tiny dimensions).
            var tolerance = Vector512.Create((dim + 8) * 2.4e-7f);
            Span<Vector512<float>> dots = stackalloc Vector512<float>[2 * TileKernel.Rows];
            ref var data = ref Unsafe.As<byte, float>(ref column.BytesReference);
            var passRows = Math.Max(TileKernel.Rows, RowPassBytes / (dim * sizeof(float)) / TileKernel.Rows * TileKernel.Rows);
            for (var passStart = start; passStart < end; passStart += passRows)
            {
                var passEnd = Math.Min(passStart + passRows, end);
                if (passStart > start) RefreshBounds<TScores>(bounds, context);
                for (var g = 0; g < groups; g += 2)
                {
                    var pair = g + 1 < groups;
                    ref var g0 = ref packed[g * groupLength];
                    ref var g1 = ref packed[(pair ? g + 1 : g) * groupLength];
                    for (var row = passStart; row < passEnd; row += TileKernel.Rows)
                    {
                        var count = Math.Min(TileKernel.Rows, passEnd - row);
                        var live = 0u;
                        for (var i = 0; i < count; i++)
                            if (mask.Allows(row + i)) live |= 1u << i;
                        if (live == 0) continue;
                        ref var x = ref count == TileKernel.Rows ? ref Unsafe.Add(ref data, (nint)row * dim) : ref Partial(ref data, row, count, dim, partial);
                        if (pair) TileKernel.Dots8x32(ref x, dim, ref g0, ref g1, dots);
                        else TileKernel.Dots8x16(ref x, dim, ref g0, dots);
                        while (live != 0)
                        {
                            var r = BitOperations.TrailingZeroCount(live);
                            live &= live - 1;
                            var rowTerm = rowTerms[row + r];
                            Reach<TScores>(dots[2 * r], g * TileKernel.Lanes, row + r, rowTerm, tolerance, queryTerm, bounds, context);
                            if (pair) Reach<TScores>(dots[2 * r + 1], (g + 1) * TileKernel.Lanes, row + r, rowTerm, tolerance, queryTerm, bounds, context);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packed);
        }
    }

    /// <summary>Tightens each query's bound to what the other blocks of the request have published.</summary>
    private static void RefreshBounds<TScores>(float[] bounds, Context context)
        where TScores : struct, IScores
    {
        for (var q = 0; q < context.Queries.Length; q++) bounds[q] = Tighter<TScores>(bounds[q], context.Shared[q]);
    }

    /// <summary>The tighter of two bounds; NaN (k = 0: nothing enters) stays NaN.</summary>
    private static float Tighter<TScores>(float a, float b)
        where TScores : struct, IScores
        => TScores.HigherIsBetter ? MathF.Max(a, b) : MathF.Min(a, b);

    /// <summary>The block's last <paramref name="count"/> (&lt; 8) rows copied into <paramref name="partial"/>, the rest zero.</summary>
    private static ref float Partial(ref float data, int row, int count, int dim, float[] partial)
    {
        Array.Clear(partial);
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref data, (nint)row * dim), count * dim).CopyTo(partial);
        return ref MemoryMarshal.GetArrayDataReference(partial);
    }

    /// <summary>Compares one row's estimates for the 16 queries from <paramref name="firstQuery"/> with their bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reach<TScores>(Vector512<float> dots, int firstQuery, int row, float rowTerm, Vector512<float> tolerance,
        float[] queryTerm, float[] bounds, Context context)
        where TScores : struct, IScores
    {
        var term = Vector512.LoadUnsafe(ref queryTerm[firstQuery]);
        var estimates = TScores.Estimates(dots, term, rowTerm);
        var slack = TScores.Error(term, rowTerm) * tolerance;
        var bound = Vector512.LoadUnsafe(ref bounds[firstQuery]);
        var reaching = TScores.HigherIsBetter ? Vector512.GreaterThanOrEqual(estimates + slack, bound) : Vector512.LessThanOrEqual(estimates - slack, bound);
        var bits = reaching.ExtractMostSignificantBits();
        if (bits != 0) OfferReaching<TScores>(bits, row, firstQuery, bounds, context);
    }

    /// <summary>
    /// Scores row <paramref name="row"/> for the queries set in <paramref name="bits"/> (from <paramref name="firstQuery"/>)
    /// with the one-query kernels (<see cref="DenseBlockScan"/>'s arithmetic) and offers it to their heaps.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OfferReaching<TScores>(ulong bits, int row, int firstQuery, float[] bounds, Context context)
        where TScores : struct, IScores
    {
        var dim = context.Column.Dim;
        ref var data = ref Unsafe.As<byte, float>(ref context.Column.BytesReference);
        ref var x = ref Unsafe.Add(ref data, (nint)row * dim);
        while (bits != 0)
        {
            var q = firstQuery + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            var heap = context.Heaps[q];
            var score = TScores.Exact(ref MemoryMarshal.GetArrayDataReference(context.Queries[q]), ref x, dim, context.QueryNorms[q], context.Column, row);
            // Strictly worse than the bound: out (an equal score may still enter by its position or key).
            if (float.IsNaN(score) || heap.Rejects(score) || (TScores.HigherIsBetter ? score < bounds[q] : score > bounds[q]) || !context.P.InRange(score)) continue;
            var hit = new Hit(score, context.View, row);
            if (context.Cursor is not null && !context.Order.IsAfter(hit, context.Cursor)) continue;
            heap.Offer(hit);
            if (heap.Count < heap.Capacity) continue;
            var worst = heap.Worst.Score;
            context.Shared.Publish(q, worst);
            bounds[q] = Tighter<TScores>(bounds[q], worst);
        }
    }

    /// <summary>A metric's estimates from a row's inner products with 16 queries, and its exact one-query score (resolved when the scan is compiled, not per row).</summary>
    private interface IScores
    {
        static abstract bool HigherIsBetter { get; }

        /// <summary>Per row of the column: the term its estimates need (|x|² for L2, |x| otherwise), cached per column.</summary>
        static abstract float[] RowTerms(DenseVectorColumn column);

        static abstract float QueryTerm(float[] query, float norm);

        static abstract Vector512<float> Estimates(Vector512<float> dots, Vector512<float> queryTerms, float rowTerm);

        /// <summary>The scale of the estimate's rounding error (times the relative tolerance).</summary>
        static abstract Vector512<float> Error(Vector512<float> queryTerms, float rowTerm);

        static abstract float Exact(ref float query, ref float row, int dim, float queryNorm, DenseVectorColumn column, int rowIndex);
    }

    /// <summary>Estimated as |x|^2 + |q|^2 - 2 x.q; exact as the sum of squared differences.</summary>
    private readonly struct L2Scores : IScores
    {
        public static bool HigherIsBetter => false;

        public static float[] RowTerms(DenseVectorColumn column) => RowNorms.SquaredOf(column);

        public static float QueryTerm(float[] query, float norm) => TensorPrimitives.Dot(query, query);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Estimates(Vector512<float> dots, Vector512<float> queryTerms, float rowTerm) => queryTerms + Vector512.Create(rowTerm) - dots - dots;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Error(Vector512<float> queryTerms, float rowTerm) => queryTerms + Vector512.Create(rowTerm);

        public static float Exact(ref float query, ref float row, int dim, float queryNorm, DenseVectorColumn column, int rowIndex) => Kernels.L2Squared(ref query, ref row, dim);
    }

    private readonly struct InnerProductScores : IScores
    {
        public static bool HigherIsBetter => true;

        public static float[] RowTerms(DenseVectorColumn column) => RowNorms.Of(column);

        public static float QueryTerm(float[] query, float norm) => norm;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Estimates(Vector512<float> dots, Vector512<float> queryTerms, float rowTerm) => dots;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Error(Vector512<float> queryTerms, float rowTerm) => queryTerms * rowTerm;

        public static float Exact(ref float query, ref float row, int dim, float queryNorm, DenseVectorColumn column, int rowIndex) => Kernels.Dot(ref query, ref row, dim);
    }

    /// <summary>x.q / (|x| |q|), 0 when either vector has no length (as the one-query scan).</summary>
    private readonly struct CosineScores : IScores
    {
        public static bool HigherIsBetter => true;

        public static float[] RowTerms(DenseVectorColumn column) => RowNorms.Of(column);

        public static float QueryTerm(float[] query, float norm) => norm;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Estimates(Vector512<float> dots, Vector512<float> queryTerms, float rowTerm)
        {
            var norms = queryTerms * rowTerm;
            return Vector512.ConditionalSelect(Vector512.Equals(norms, Vector512<float>.Zero), Vector512<float>.Zero, dots / norms);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Error(Vector512<float> queryTerms, float rowTerm) => Vector512<float>.One;

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
