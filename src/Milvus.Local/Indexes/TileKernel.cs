using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Milvus.Local.Indexes;

/// <summary>
/// The register-blocked micro-kernel of the batched exact scan (a GEMM micro-kernel, what faiss gets from BLAS's
/// sgemm): the inner products of <see cref="Rows"/> consecutive rows with 16 or 32 queries, the queries' lanes side by
/// side. The queries are packed once per request, transposed into groups of 16 (<see cref="Pack"/>: dimension d of the
/// group's 16 queries is one vector), so each step of the dimension loop broadcasts one float of each row and issues
/// one FMA per row and query vector into accumulators that stay in registers (8 rows x 2 vectors = 16 of them); no
/// horizontal sums, no tail loop for any dimension, and the results come out as one vector of 16 queries per row,
/// which the caller compares with the 16 queries' top-k bounds at once. The summation order differs from
/// <see cref="Kernels.Dot"/>, so these products are estimates to rank with, not scores to return.
/// </summary>
internal static class TileKernel
{
    /// <summary>Rows per tile.</summary>
    public const int Rows = 8;

    /// <summary>Queries per packed group (one AVX-512 vector).</summary>
    public const int Lanes = 16;

    public static bool Supported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>Floats one packed group takes.</summary>
    public static int GroupLength(int dim) => dim * Lanes;

    /// <summary>Queries per vector of a compact last group (<see cref="CompactTail"/>): 4 queries x 4 dimensions.</summary>
    public const int CompactQueries = 4;

    /// <summary>
    /// True when the last group holds at most <see cref="CompactQueries"/> queries and the dimension is a multiple of 4:
    /// it is then packed compactly and scored by <see cref="Dots8x4"/>, a quarter of the multiply-adds of a padded
    /// 16-lane group (100 queries: 6 full groups and 4 queries, 12 % of the lanes padding otherwise).
    /// </summary>
    public static bool CompactTail(int queries, int dim) => queries % Lanes is > 0 and <= CompactQueries && dim % 4 == 0;

    /// <summary>
    /// Writes the queries transposed in groups of <see cref="Lanes"/>: element (g, d, j) is dimension d of query
    /// g x 16 + j; lanes past the last query are zero (their products are never offered). A compact last group
    /// (<see cref="CompactTail"/>) holds per step of 4 dimensions the 4 queries' 4 dimensions side by side instead.
    /// </summary>
    public static void Pack(IReadOnlyList<float[]> queries, int dim, Span<float> packed)
    {
        packed.Clear();
        var compactFrom = CompactTail(queries.Count, dim) ? queries.Count / Lanes * Lanes : queries.Count;
        for (var q = 0; q < queries.Count; q++)
        {
            var group = packed.Slice(q / Lanes * GroupLength(dim));
            var vector = queries[q];
            if (q < compactFrom)
                for (var d = 0; d < dim; d++) group[d * Lanes + q % Lanes] = vector[d];
            else
                for (var d = 0; d < dim; d++) group[d / 4 * Lanes + q % Lanes * 4 + d % 4] = vector[d];
        }
    }

    /// <summary>
    /// Products of the 8 rows starting at <paramref name="x"/> (row stride <paramref name="dim"/>) with the two packed
    /// groups at <paramref name="g0"/> and <paramref name="g1"/>: <paramref name="dots"/>[2r + v] holds row r against
    /// group v's 16 queries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dots8x32(ref float x, int dim, ref float g0, ref float g1, Span<Vector512<float>> dots)
    {
        ref var x1 = ref Unsafe.Add(ref x, dim);
        ref var x2 = ref Unsafe.Add(ref x1, dim);
        ref var x3 = ref Unsafe.Add(ref x2, dim);
        ref var x4 = ref Unsafe.Add(ref x3, dim);
        ref var x5 = ref Unsafe.Add(ref x4, dim);
        ref var x6 = ref Unsafe.Add(ref x5, dim);
        ref var x7 = ref Unsafe.Add(ref x6, dim);
        Vector512<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
        Vector512<float> a40 = default, a41 = default, a50 = default, a51 = default, a60 = default, a61 = default, a70 = default, a71 = default;
        for (nint d = 0; d < dim; d++)
        {
            var q0 = Vector512.LoadUnsafe(ref g0, (nuint)(d * Lanes));
            var q1 = Vector512.LoadUnsafe(ref g1, (nuint)(d * Lanes));
            var b = Vector512.Create(Unsafe.Add(ref x, d));
            a00 = Avx512F.FusedMultiplyAdd(b, q0, a00);
            a01 = Avx512F.FusedMultiplyAdd(b, q1, a01);
            b = Vector512.Create(Unsafe.Add(ref x1, d));
            a10 = Avx512F.FusedMultiplyAdd(b, q0, a10);
            a11 = Avx512F.FusedMultiplyAdd(b, q1, a11);
            b = Vector512.Create(Unsafe.Add(ref x2, d));
            a20 = Avx512F.FusedMultiplyAdd(b, q0, a20);
            a21 = Avx512F.FusedMultiplyAdd(b, q1, a21);
            b = Vector512.Create(Unsafe.Add(ref x3, d));
            a30 = Avx512F.FusedMultiplyAdd(b, q0, a30);
            a31 = Avx512F.FusedMultiplyAdd(b, q1, a31);
            b = Vector512.Create(Unsafe.Add(ref x4, d));
            a40 = Avx512F.FusedMultiplyAdd(b, q0, a40);
            a41 = Avx512F.FusedMultiplyAdd(b, q1, a41);
            b = Vector512.Create(Unsafe.Add(ref x5, d));
            a50 = Avx512F.FusedMultiplyAdd(b, q0, a50);
            a51 = Avx512F.FusedMultiplyAdd(b, q1, a51);
            b = Vector512.Create(Unsafe.Add(ref x6, d));
            a60 = Avx512F.FusedMultiplyAdd(b, q0, a60);
            a61 = Avx512F.FusedMultiplyAdd(b, q1, a61);
            b = Vector512.Create(Unsafe.Add(ref x7, d));
            a70 = Avx512F.FusedMultiplyAdd(b, q0, a70);
            a71 = Avx512F.FusedMultiplyAdd(b, q1, a71);
        }
        dots[0] = a00; dots[1] = a01; dots[2] = a10; dots[3] = a11; dots[4] = a20; dots[5] = a21; dots[6] = a30; dots[7] = a31;
        dots[8] = a40; dots[9] = a41; dots[10] = a50; dots[11] = a51; dots[12] = a60; dots[13] = a61; dots[14] = a70; dots[15] = a71;
    }

    /// <summary>As <see cref="Dots8x32"/> for one group (the last one of an odd count): <paramref name="dots"/>[2r] is row r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dots8x16(ref float x, int dim, ref float g0, Span<Vector512<float>> dots)
    {
        ref var x1 = ref Unsafe.Add(ref x, dim);
        ref var x2 = ref Unsafe.Add(ref x1, dim);
        ref var x3 = ref Unsafe.Add(ref x2, dim);
        ref var x4 = ref Unsafe.Add(ref x3, dim);
        ref var x5 = ref Unsafe.Add(ref x4, dim);
        ref var x6 = ref Unsafe.Add(ref x5, dim);
        ref var x7 = ref Unsafe.Add(ref x6, dim);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (nint d = 0; d < dim; d++)
        {
            var q0 = Vector512.LoadUnsafe(ref g0, (nuint)(d * Lanes));
            a0 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, d)), q0, a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x1, d)), q0, a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x2, d)), q0, a2);
            a3 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x3, d)), q0, a3);
            a4 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x4, d)), q0, a4);
            a5 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x5, d)), q0, a5);
            a6 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x6, d)), q0, a6);
            a7 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x7, d)), q0, a7);
        }
        dots[0] = a0; dots[2] = a1; dots[4] = a2; dots[6] = a3; dots[8] = a4; dots[10] = a5; dots[12] = a6; dots[14] = a7;
    }

    /// <summary>
    /// As <see cref="Dots8x16"/> for a compact last group of up to 4 queries: each step of 4 dimensions broadcasts 4
    /// floats of a row to the vector's four 128-bit quarters, one per query, and one FMA per row adds 16 useful products;
    /// the 4 partial sums per query are added at the end. <paramref name="dots"/>[2r] holds row r's 4 products in lanes
    /// 0-3 (the other lanes are padding).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Dots8x4(ref float x, int dim, ref float g0, Span<Vector512<float>> dots)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        // Pinned for the call: vbroadcastf32x4 takes its 4 floats from memory.
        fixed (float* x0 = &x)
        {
            var x1 = x0 + dim;
            var x2 = x1 + dim;
            var x3 = x2 + dim;
            var x4 = x3 + dim;
            var x5 = x4 + dim;
            var x6 = x5 + dim;
            var x7 = x6 + dim;
            for (nint d = 0; d < dim; d += 4)
            {
                var q0 = Vector512.LoadUnsafe(ref g0, (nuint)(d / 4 * Lanes));
                a0 = Avx512F.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(x0 + d), q0, a0);
                a1 = Avx512F.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(x1 + d), q0, a1);
                a2 = Avx512F.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(x2 + d), q0, a2);
                a3 = Avx512F.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(x3 + d), q0, a3);
                a4 = Avx512F.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(x4 + d), q0, a4);
                a5 = Avx512F.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(x5 + d), q0, a5);
                a6 = Avx512F.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(x6 + d), q0, a6);
                a7 = Avx512F.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(x7 + d), q0, a7);
            }
        }
        dots[0] = SumQuarters(a0); dots[2] = SumQuarters(a1); dots[4] = SumQuarters(a2); dots[6] = SumQuarters(a3);
        dots[8] = SumQuarters(a4); dots[10] = SumQuarters(a5); dots[12] = SumQuarters(a6); dots[14] = SumQuarters(a7);
    }

    /// <summary>Lane q (0-3) gets the sum of quarter q's four lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> SumQuarters(Vector512<float> a)
    {
        a += Avx512F.Shuffle(a, a, 0b10_11_00_01);
        a += Avx512F.Shuffle(a, a, 0b01_00_11_10);
        return Avx512F.PermuteVar16x32(a, Vector512.Create(0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }
}
