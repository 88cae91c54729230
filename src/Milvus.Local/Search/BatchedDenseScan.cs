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

    /// <summary>Off only to measure the four-queries path against this one in one benchmark run.</summary>
    internal static bool Enabled { get; set; } = true;

    public static bool Applies(int queries, int dim) => Enabled && queries >= MinQueries && TileKernel.Supported(dim);

    public static void Run(DenseVectorColumn column, IReadOnlyList<QueryVector> queries, SearchParameters p, RowMask mask, int view,
        int start, int end, TopK[] heaps, HitOrder order, IteratorCursor? cursor)
    {
        var context = new Context(p, view, heaps, order, cursor);
        switch (p.Metric)
        {
            case Metric.L2: Scan<L2Scores>(column, queries, mask, start, end, context); break;
            case Metric.Cosine: Scan<CosineScores>(column, queries, mask, start, end, context); break;
            default: Scan<InnerProductScores>(column, queries, mask, start, end, context); break;
        }
    }

    /// <summary>What the rare path (a row reaching a query's bound) needs besides the tile.</summary>
    private sealed record Context(SearchParameters P, int View, TopK[] Heaps, HitOrder Order, IteratorCursor? Cursor);

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
        // Per query: |q|^2 for L2, |q| for COSINE.
        var queryTerm = new float[padded];
        for (var q = 0; q < padded; q++)
        {
            var vector = queries[Math.Min(q, nq - 1)].Dense!;
            vector.CopyTo(matrix, q * dim);
            queryTerm[q] = TScores.QueryTerm(vector);
        }
        var norms = typeof(TScores) == typeof(CosineScores) ? RowNorms.Of(column) : null;
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
            var rowTerm = typeof(TScores) == typeof(L2Scores)
                ? Vector128.Create(Kernels.Dot(ref r0, ref r0, dim), Kernels.Dot(ref r1, ref r1, dim), Kernels.Dot(ref r2, ref r2, dim), Kernels.Dot(ref r3, ref r3, dim))
                : typeof(TScores) == typeof(CosineScores) ? Vector128.Create(norms![row], norms[i1], norms[i2], norms[i3]) : default;
            for (var q = 0; q < padded; q += 4)
            {
                TileKernel.Dot4x4(ref r0, ref r1, ref r2, ref r3,
                    ref Unsafe.Add(ref queryData, q * dim), ref Unsafe.Add(ref queryData, (q + 1) * dim),
                    ref Unsafe.Add(ref queryData, (q + 2) * dim), ref Unsafe.Add(ref queryData, (q + 3) * dim), dim,
                    out var s0, out var s1, out var s2, out var s3);
                // Most rows reach no query's bound: one compare per query and tile, the heaps only for the others.
                Reach<TScores>(s0, q, row, live, rowTerm, queryTerm, bounds, context);
                Reach<TScores>(s1, q + 1, row, live, rowTerm, queryTerm, bounds, context);
                Reach<TScores>(s2, q + 2, row, live, rowTerm, queryTerm, bounds, context);
                Reach<TScores>(s3, q + 3, row, live, rowTerm, queryTerm, bounds, context);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reach<TScores>(Vector128<float> dots, int q, int row, uint live, Vector128<float> rowTerm, float[] queryTerm, float[] bounds, Context context)
        where TScores : struct, IScores
    {
        var scores = TScores.Scores(dots, queryTerm[q], rowTerm);
        var bound = Vector128.Create(bounds[q]);
        var reaching = TScores.HigherIsBetter ? Vector128.GreaterThanOrEqual(scores, bound) : Vector128.LessThanOrEqual(scores, bound);
        var bits = reaching.ExtractMostSignificantBits() & live;
        if (bits != 0) OfferReaching(bits, scores, row, q, TScores.HigherIsBetter, bounds, context);
    }

    /// <summary>Offers the tile's rows set in <paramref name="bits"/> to query <paramref name="q"/>'s heap.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OfferReaching(uint bits, Vector128<float> scores, int row, int q, bool higherIsBetter, float[] bounds, Context context)
    {
        var heap = context.Heaps[q];
        while (bits != 0)
        {
            var i = BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            var score = scores.GetElement(i);
            if (!context.P.InRange(score)) continue;
            var hit = new Hit(score, context.View, row + i);
            if (context.Cursor is not null && !context.Order.IsAfter(hit, context.Cursor)) continue;
            heap.Offer(hit);
            bounds[q] = BoundOf(heap, higherIsBetter);
        }
    }

    /// <summary>A metric's scores from the inner products of a tile (resolved when the scan is compiled, not per row).</summary>
    private interface IScores
    {
        static abstract bool HigherIsBetter { get; }

        static abstract float QueryTerm(float[] query);

        static abstract Vector128<float> Scores(Vector128<float> dots, float queryTerm, Vector128<float> rowTerm);
    }

    /// <summary>|x|^2 + |q|^2 - 2 x.q, clamped at 0 (faiss: "negative values can occur for identical vectors due to roundoff").</summary>
    private readonly struct L2Scores : IScores
    {
        public static bool HigherIsBetter => false;

        public static float QueryTerm(float[] query) => TensorPrimitives.Dot(query, query);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Scores(Vector128<float> dots, float queryTerm, Vector128<float> rowTerm)
            => Vector128.Max(Vector128.Create(queryTerm) + rowTerm - dots - dots, Vector128<float>.Zero);
    }

    private readonly struct InnerProductScores : IScores
    {
        public static bool HigherIsBetter => true;

        public static float QueryTerm(float[] query) => 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Scores(Vector128<float> dots, float queryTerm, Vector128<float> rowTerm) => dots;
    }

    /// <summary>x.q / (|x| |q|), 0 when either vector has no length (as the one-query scan).</summary>
    private readonly struct CosineScores : IScores
    {
        public static bool HigherIsBetter => true;

        public static float QueryTerm(float[] query) => TensorPrimitives.Norm(query);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Scores(Vector128<float> dots, float queryTerm, Vector128<float> rowTerm)
        {
            var norms = Vector128.Create(queryTerm) * rowTerm;
            return Vector128.ConditionalSelect(Vector128.Equals(norms, Vector128<float>.Zero), Vector128<float>.Zero, dots / norms);
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
