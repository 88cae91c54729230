using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Milvus.Local.Indexes;

/// <summary>
/// The register-blocked micro-kernel of the batched exact scan (a GEMM micro-kernel, what faiss gets from BLAS's
/// sgemm): the inner products of <see cref="Rows"/> consecutive rows with 16 or 32 queries, the queries' lanes side by
/// side. The queries are packed once per block, transposed into groups of 16 (<see cref="Pack"/>: dimension d of the
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

    /// <summary>
    /// Writes the queries transposed in groups of <see cref="Lanes"/>: element (g, d, j) is dimension d of query
    /// g x 16 + j; lanes past the last query are zero (their products are never offered).
    /// </summary>
    public static void Pack(IReadOnlyList<float[]> queries, int dim, Span<float> packed)
    {
        packed.Clear();
        for (var q = 0; q < queries.Count; q++)
        {
            var group = packed.Slice(q / Lanes * GroupLength(dim));
            var vector = queries[q];
            for (var d = 0; d < dim; d++) group[d * Lanes + q % Lanes] = vector[d];
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
}
