using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Milvus.Local.Columns;
using Milvus.Local.Indexes;

namespace Milvus.Local.Search;

/// <summary>
/// The exact scan of a request with many queries, ranked like a matrix product (what faiss does with BLAS's sgemm
/// from <see cref="MinQueries"/> queries on): <see cref="TileKernel"/> computes the inner products of 8 rows with 32
/// queries per call, the queries packed in lanes once per request (<see cref="Request"/>, shared by the request's
/// workers); L2 is estimated as |x|² + |q|² - 2 x·q (faiss's exhaustive_L2sqr_blas) with the rows' cached squared
/// norms, COSINE as x·q over the two cached norms, IP as x·q. A row's estimates for 16 queries are compared with those
/// queries' current top-k bounds (<see cref="Lanes"/>, one per worker), widened by the estimate's worst rounding error,
/// in one vector compare, so most rows never reach a heap; the few that may enter are scored again with the one-query
/// kernels. The scores returned are therefore bit-identical to the one-query scan's (an identical vector is at L2
/// distance 0, not a rounding residue), which is what Milvus returns: knowhere's brute force calls faiss one query at a
/// time (nx = 1), below faiss's BLAS threshold.
/// </summary>
internal static class BatchedDenseScan
{
    /// <summary>faiss's <c>distance_compute_blas_threshold</c>: from this many queries on, the matrix-product path.</summary>
    public const int MinQueries = 20;

    /// <summary>Bytes of rows scored against one call's query groups before the next groups (they stay in the core's L2).</summary>
    private const int RowPassBytes = 128 * 1024;

    /// <summary>Off only to measure the four-queries path against this one in one benchmark run.</summary>
    internal static bool Enabled { get; set; } = true;

    public static bool Applies(int queries, int dim) => Enabled && queries >= MinQueries && TileKernel.Supported;

    /// <summary>Scans rows [<paramref name="start"/>, <paramref name="end"/>) of view <paramref name="view"/> into the worker's heaps.</summary>
    public static void Run(Lanes lanes, DenseVectorColumn column, RowMask mask, int view, int start, int end)
    {
        lanes.Column = column;
        lanes.View = view;
        switch (lanes.Request.P.Metric)
        {
            case Metric.L2: Scan<L2Scores>(column, mask, start, end, lanes); break;
            case Metric.Cosine: Scan<CosineScores>(column, mask, start, end, lanes); break;
            default: Scan<InnerProductScores>(column, mask, start, end, lanes); break;
        }
    }

    /// <summary>What the workers of one request share, read-only: the queries packed for the tile kernel and their terms.</summary>
    internal sealed class Request : IDisposable
    {
        private Request(SearchParameters p, HitOrder order, IteratorCursor? cursor, SharedBounds shared, float[][] queries, int dim)
        {
            P = p;
            Order = order;
            Cursor = cursor;
            Shared = shared;
            Queries = queries;
            Groups = (queries.Length + TileKernel.Lanes - 1) / TileKernel.Lanes;
            Packed = ArrayPool<float>.Shared.Rent(Groups * TileKernel.GroupLength(dim));
            TileKernel.Pack(queries, dim, Packed);
            var lanes = Groups * TileKernel.Lanes;
            QueryNorms = new float[lanes];
            QueryTerm = new float[lanes];
            LaneTerms = new float[lanes];
            // Relative rounding error bound of the estimate (about dim x 2^-24 for the dot product, doubled twice for the
            // norms and the exact kernel's other summation order, and a few roundings more for tiny dimensions).
            Tolerance = (dim + 8) * 2.4e-7f;
        }

        public SearchParameters P { get; }

        public HitOrder Order { get; }

        public IteratorCursor? Cursor { get; }

        /// <summary>The bounds the workers publish to each other.</summary>
        public SharedBounds Shared { get; }

        public float[][] Queries { get; }

        /// <summary>Groups of <see cref="TileKernel.Lanes"/> queries, the last one padded.</summary>
        public int Groups { get; }

        /// <summary>The queries transposed in groups (<see cref="TileKernel.Pack"/>).</summary>
        public float[] Packed { get; }

        /// <summary>Per query lane: |q| (the one-query scan's COSINE norm).</summary>
        public float[] QueryNorms { get; }

        /// <summary>Per query lane: the metric's query term (see <see cref="IScores.QueryTerm"/>) and lane term.</summary>
        public float[] QueryTerm { get; }

        public float[] LaneTerms { get; }

        public float Tolerance { get; }

        public static Request Prepare(int dim, IReadOnlyList<QueryVector> queries, SearchParameters p, HitOrder order, IteratorCursor? cursor, SharedBounds shared)
        {
            var request = new Request(p, order, cursor, shared, queries.Select(q => q.Dense!).ToArray(), dim);
            switch (p.Metric)
            {
                case Metric.L2: request.Terms<L2Scores>(); break;
                case Metric.Cosine: request.Terms<CosineScores>(); break;
                default: request.Terms<InnerProductScores>(); break;
            }
            return request;
        }

        public void Dispose() => ArrayPool<float>.Shared.Return(Packed);

        private void Terms<TScores>()
            where TScores : struct, IScores
        {
            for (var q = 0; q < Queries.Length; q++)
            {
                QueryNorms[q] = TensorPrimitives.Norm(Queries[q]);
                QueryTerm[q] = TScores.QueryTerm(Queries[q], QueryNorms[q]);
                LaneTerms[q] = TScores.LaneTerm(QueryNorms[q]);
            }
        }
    }

    /// <summary>
    /// One worker's side of a request: its heaps (one per query, kept across every block the worker scans, so each fills
    /// once) and per query lane the score a row must reach to be offered (the tighter of the heap's worst once it is full
    /// and the bound other workers published; an infinity before) and the limit the tile check compares with (the bound
    /// moved by the query's part of the estimate and its rounding slack); NaN, which no compare passes, for the padding
    /// lanes and k = 0.
    /// </summary>
    internal sealed class Lanes
    {
        public Lanes(Request request, TopK[] heaps)
        {
            Request = request;
            Heaps = heaps;
            var lanes = request.Groups * TileKernel.Lanes;
            Bounds = new float[lanes];
            Limits = new float[lanes];
            for (var q = 0; q < lanes; q++) Bounds[q] = q < heaps.Length ? BoundOf(heaps[q], request.P.Metric.HigherIsBetter()) : float.NaN;
        }

        public Request Request { get; }

        public TopK[] Heaps { get; }

        public float[] Bounds { get; }

        public float[] Limits { get; }

        /// <summary>The block being scanned: its column and view (what an offered hit names).</summary>
        public DenseVectorColumn Column { get; set; } = null!;

        public int View { get; set; }

        /// <summary>The last tile of a block, when it has fewer than 8 rows: copied here, the missing rows zero (never offered).</summary>
        public float[] Partial(int dim) => _partial.Length == TileKernel.Rows * dim ? _partial : _partial = new float[TileKernel.Rows * dim];

        private float[] _partial = [];

        /// <summary>A buffer for the tile check's per-row scalars of one pass of rows.</summary>
        public float[] PassScalars(int length) => _passScalars.Length >= length ? _passScalars : _passScalars = new float[length];

        private float[] _passScalars = [];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scan<TScores>(DenseVectorColumn column, RowMask mask, int start, int end, Lanes lanes)
        where TScores : struct, IScores
    {
        var dim = column.Dim;
        var request = lanes.Request;
        var groups = request.Groups;
        var fullGroups = TileKernel.CompactTail(request.Queries.Length, dim) ? groups - 1 : groups;
        var groupLength = TileKernel.GroupLength(dim);
        var packed = request.Packed;
        var tolerance = request.Tolerance;
        RefreshBounds<TScores>(lanes);
        var rowTerms = TScores.RowTerms(column);
        var everyRow = mask.All;
        Span<Vector512<float>> dots = stackalloc Vector512<float>[2 * TileKernel.Rows];
        var width = 0;
        ref var data = ref Unsafe.As<byte, float>(ref column.BytesReference);
        var passRows = Math.Max(TileKernel.Rows, RowPassBytes / (dim * sizeof(float)) / TileKernel.Rows * TileKernel.Rows);
        // Per row of the pass: its scalar of the tile check, computed once for all the query groups (padding rows after).
        var passScalars = lanes.PassScalars(passRows + TileKernel.Rows);
        for (var passStart = start; passStart < end; passStart += passRows)
        {
            var passEnd = Math.Min(passStart + passRows, end);
            for (var r = 0; r < passEnd - passStart; r++) passScalars[r] = TScores.RowScalar(rowTerms[passStart + r], tolerance);
            passScalars.AsSpan(passEnd - passStart, TileKernel.Rows).Fill(TScores.PaddingScalar);
            if (passStart > start) RefreshBounds<TScores>(lanes);
            for (var g = 0; g < groups; g += width)
            {
                // Full groups two at a time, then a compact last group alone.
                width = g < fullGroups ? Math.Min(2, fullGroups - g) : 1;
                ref var g0 = ref packed[g * groupLength];
                ref var g1 = ref packed[(width == 2 ? g + 1 : g) * groupLength];
                var firstQuery = g * TileKernel.Lanes;
                for (var row = passStart; row < passEnd; row += TileKernel.Rows)
                {
                    var count = Math.Min(TileKernel.Rows, passEnd - row);
                    var live = count == TileKernel.Rows ? 0xFFu : (1u << count) - 1;
                    if (!everyRow)
                    {
                        live = 0;
                        for (var i = 0; i < count; i++)
                            if (mask.Allows(row + i)) live |= 1u << i;
                        if (live == 0) continue;
                    }
                    ref var x = ref count == TileKernel.Rows ? ref Unsafe.Add(ref data, (nint)row * dim) : ref Partial(ref data, row, count, dim, lanes.Partial(dim));
                    if (width == 2) TileKernel.Dots8x32(ref x, dim, ref g0, ref g1, dots);
                    else if (g < fullGroups) TileKernel.Dots8x16(ref x, dim, ref g0, dots);
                    else TileKernel.Dots8x4(ref x, dim, ref g0, dots);
                    var rowScalars = passScalars.AsSpan(row - passStart, TileKernel.Rows);
                    // One check for the whole tile (8 rows x 16 or 32 queries): rarely passed once the heaps are full.
                    if (!TileReaches<TScores>(dots, rowScalars, firstQuery, width, lanes)) continue;
                    while (live != 0)
                    {
                        var r = BitOperations.TrailingZeroCount(live);
                        live &= live - 1;
                        for (var v = 0; v < width; v++)
                            Reach<TScores>(dots[2 * r + v], rowScalars[r], firstQuery + v * TileKernel.Lanes, row + r, lanes);
                    }
                }
            }
        }
    }

    /// <summary>Tightens each query's bound to what the other workers of the request have published, and its limit with it.</summary>
    private static void RefreshBounds<TScores>(Lanes lanes)
        where TScores : struct, IScores
    {
        var queries = lanes.Request.Queries.Length;
        for (var q = 0; q < queries; q++) Tighten<TScores>(lanes, q, lanes.Request.Shared[q]);
        for (var q = queries; q < lanes.Limits.Length; q++) lanes.Limits[q] = float.NaN;
    }

    /// <summary>Moves query <paramref name="q"/>'s bound to <paramref name="bound"/> when tighter, and recomputes its tile limit.</summary>
    private static void Tighten<TScores>(Lanes lanes, int q, float bound)
        where TScores : struct, IScores
    {
        var tighter = TScores.HigherIsBetter ? MathF.Max(lanes.Bounds[q], bound) : MathF.Min(lanes.Bounds[q], bound);
        lanes.Bounds[q] = tighter;
        lanes.Limits[q] = TScores.Limit(tighter, lanes.Request.QueryTerm[q], lanes.Request.Tolerance);
    }

    /// <summary>
    /// True when some row of the tile may reach some query's bound: per group of the call, the best value over the 8
    /// rows per query lane, compared with the lanes' limits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TileReaches<TScores>(Span<Vector512<float>> dots, Span<float> rowScalars, int firstQuery, int width, Lanes lanes)
        where TScores : struct, IScores
    {
        for (var v = 0; v < width; v++)
        {
            var first = firstQuery + v * TileKernel.Lanes;
            var lane = Vector512.LoadUnsafe(ref lanes.Request.LaneTerms[first]);
            var best = TScores.Worst;
            for (var r = 0; r < TileKernel.Rows; r++) best = TScores.Better(TScores.Value(dots[2 * r + v], rowScalars[r], lane), best);
            if (TScores.Passes(best, Vector512.LoadUnsafe(ref lanes.Limits[first])) != Vector512<float>.Zero) return true;
        }
        return false;
    }

    /// <summary>The block's last <paramref name="count"/> (&lt; 8) rows copied into <paramref name="partial"/>, the rest zero.</summary>
    private static ref float Partial(ref float data, int row, int count, int dim, float[] partial)
    {
        Array.Clear(partial);
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref data, (nint)row * dim), count * dim).CopyTo(partial);
        return ref MemoryMarshal.GetArrayDataReference(partial);
    }

    /// <summary>Compares one row's values for the 16 queries from <paramref name="firstQuery"/> with their limits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reach<TScores>(Vector512<float> dots, float rowScalar, int firstQuery, int row, Lanes lanes)
        where TScores : struct, IScores
    {
        var value = TScores.Value(dots, rowScalar, Vector512.LoadUnsafe(ref lanes.Request.LaneTerms[firstQuery]));
        var bits = TScores.Passes(value, Vector512.LoadUnsafe(ref lanes.Limits[firstQuery])).ExtractMostSignificantBits();
        if (bits != 0) OfferReaching<TScores>(bits, row, firstQuery, lanes);
    }

    /// <summary>
    /// Scores row <paramref name="row"/> for the queries set in <paramref name="bits"/> (from <paramref name="firstQuery"/>)
    /// with the one-query kernels (<see cref="DenseBlockScan"/>'s arithmetic) and offers it to their heaps.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OfferReaching<TScores>(ulong bits, int row, int firstQuery, Lanes lanes)
        where TScores : struct, IScores
    {
        var request = lanes.Request;
        var column = lanes.Column;
        var dim = column.Dim;
        ref var data = ref Unsafe.As<byte, float>(ref column.BytesReference);
        ref var x = ref Unsafe.Add(ref data, (nint)row * dim);
        var bounds = lanes.Bounds;
        while (bits != 0)
        {
            var q = firstQuery + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            var heap = lanes.Heaps[q];
            var score = TScores.Exact(ref MemoryMarshal.GetArrayDataReference(request.Queries[q]), ref x, dim, request.QueryNorms[q], column, row);
            // Strictly worse than the bound: out (an equal score may still enter by its position or key).
            if (float.IsNaN(score) || heap.Rejects(score) || (TScores.HigherIsBetter ? score < bounds[q] : score > bounds[q]) || !request.P.InRange(score)) continue;
            var hit = new Hit(score, lanes.View, row);
            if (request.Cursor is not null && !request.Order.IsAfter(hit, request.Cursor)) continue;
            heap.Offer(hit);
            if (heap.Count < heap.Capacity) continue;
            var worst = heap.Worst.Score;
            request.Shared.Publish(q, worst);
            Tighten<TScores>(lanes, q, worst);
        }
    }

    /// <summary>
    /// A metric's tile check and its exact one-query score (resolved when the scan is compiled, not per row). The check
    /// asks whether a row's estimate, moved by its worst rounding error, may reach a query's bound; it is arranged as
    /// one value per (row, query) from the inner product, a per-row scalar and a per-query lane term, compared with a
    /// per-query limit that holds the bound and the query's part of the estimate, so a whole tile is checked by
    /// reducing its 8 rows' values to the best per query and comparing once.
    /// </summary>
    private interface IScores
    {
        static abstract bool HigherIsBetter { get; }

        /// <summary>Per row of the column: the term its estimates need (|x|² for L2, |x| otherwise), cached per column.</summary>
        static abstract float[] RowTerms(DenseVectorColumn column);

        /// <summary>The query's part of the estimate (|q|² for L2), which the limit holds.</summary>
        static abstract float QueryTerm(float[] query, float norm);

        /// <summary>Per query lane: the factor the value multiplies by (|q| for IP's slack, 1 / |q| for COSINE).</summary>
        static abstract float LaneTerm(float norm);

        /// <summary>Per row: its part of the value, from its cached term and the relative tolerance.</summary>
        static abstract float RowScalar(float rowTerm, float tolerance);

        /// <summary>The row scalar of a padding row of a partial tile (never offered: any value that cannot hide a real row).</summary>
        static abstract float PaddingScalar { get; }

        static abstract Vector512<float> Value(Vector512<float> dots, float rowScalar, Vector512<float> laneTerms);

        /// <summary>The value a tile starts its reduction with (no row reaches it).</summary>
        static abstract Vector512<float> Worst { get; }

        /// <summary>The better of a row's value and the tile's best so far; a NaN value (from NaN data) is passed over.</summary>
        static abstract Vector512<float> Better(Vector512<float> value, Vector512<float> best);

        /// <summary>All-ones lanes where the value may reach the limit.</summary>
        static abstract Vector512<float> Passes(Vector512<float> value, Vector512<float> limits);

        /// <summary>The limit of a query with bound <paramref name="bound"/> (NaN stays NaN: nothing passes).</summary>
        static abstract float Limit(float bound, float queryTerm, float tolerance);

        static abstract float Exact(ref float query, ref float row, int dim, float queryNorm, DenseVectorColumn column, int rowIndex);
    }

    /// <summary>
    /// Estimated as |x|² + |q|² - 2 x.q; offered when the estimate less its slack (|x|² + |q|²) x tolerance is at most
    /// the bound, i.e. |x|²(1 - tolerance) - 2 x.q &lt;= bound - |q|²(1 - tolerance). Exact: the sum of squared differences.
    /// </summary>
    private readonly struct L2Scores : IScores
    {
        public static bool HigherIsBetter => false;

        public static float[] RowTerms(DenseVectorColumn column) => RowNorms.SquaredOf(column);

        public static float QueryTerm(float[] query, float norm) => TensorPrimitives.Dot(query, query);

        public static float LaneTerm(float norm) => 0;

        public static float RowScalar(float rowTerm, float tolerance) => rowTerm * (1 - tolerance);

        public static float PaddingScalar => float.PositiveInfinity;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Value(Vector512<float> dots, float rowScalar, Vector512<float> laneTerms) => Vector512.Create(rowScalar) - (dots + dots);

        public static Vector512<float> Worst => Vector512.Create(float.PositiveInfinity);

        // vminps returns its second operand when either is NaN: a NaN value leaves the best as it was.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Better(Vector512<float> value, Vector512<float> best) => Avx512F.Min(value, best);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Passes(Vector512<float> value, Vector512<float> limits) => Vector512.LessThanOrEqual(value, limits);

        public static float Limit(float bound, float queryTerm, float tolerance) => bound - queryTerm * (1 - tolerance);

        public static float Exact(ref float query, ref float row, int dim, float queryNorm, DenseVectorColumn column, int rowIndex) => Kernels.L2Squared(ref query, ref row, dim);
    }

    /// <summary>Estimated as x.q; offered when x.q + |x||q| x tolerance reaches the bound.</summary>
    private readonly struct InnerProductScores : IScores
    {
        public static bool HigherIsBetter => true;

        public static float[] RowTerms(DenseVectorColumn column) => RowNorms.Of(column);

        public static float QueryTerm(float[] query, float norm) => norm;

        public static float LaneTerm(float norm) => norm;

        public static float RowScalar(float rowTerm, float tolerance) => rowTerm * tolerance;

        public static float PaddingScalar => 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Value(Vector512<float> dots, float rowScalar, Vector512<float> laneTerms) => dots + Vector512.Create(rowScalar) * laneTerms;

        public static Vector512<float> Worst => Vector512.Create(float.NegativeInfinity);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Better(Vector512<float> value, Vector512<float> best) => Avx512F.Max(value, best);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Passes(Vector512<float> value, Vector512<float> limits) => Vector512.GreaterThanOrEqual(value, limits);

        public static float Limit(float bound, float queryTerm, float tolerance) => bound;

        public static float Exact(ref float query, ref float row, int dim, float queryNorm, DenseVectorColumn column, int rowIndex) => Kernels.Dot(ref query, ref row, dim);
    }

    /// <summary>
    /// x.q / (|x| |q|), 0 when either vector has no length (as the one-query scan); estimated as x.q x (1 / |x|) x (1 / |q|)
    /// with a reciprocal of 0 for a zero vector, and offered when the estimate reaches the bound less the tolerance.
    /// </summary>
    private readonly struct CosineScores : IScores
    {
        public static bool HigherIsBetter => true;

        public static float[] RowTerms(DenseVectorColumn column) => RowNorms.Of(column);

        public static float QueryTerm(float[] query, float norm) => norm;

        public static float LaneTerm(float norm) => norm == 0 ? 0 : 1 / norm;

        public static float RowScalar(float rowTerm, float tolerance) => rowTerm == 0 ? 0 : 1 / rowTerm;

        public static float PaddingScalar => 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Value(Vector512<float> dots, float rowScalar, Vector512<float> laneTerms) => dots * Vector512.Create(rowScalar) * laneTerms;

        public static Vector512<float> Worst => Vector512.Create(float.NegativeInfinity);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Better(Vector512<float> value, Vector512<float> best) => Avx512F.Max(value, best);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Passes(Vector512<float> value, Vector512<float> limits) => Vector512.GreaterThanOrEqual(value, limits);

        public static float Limit(float bound, float queryTerm, float tolerance) => bound - tolerance;

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
