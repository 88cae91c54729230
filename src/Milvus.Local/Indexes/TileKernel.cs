using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Milvus.Local.Indexes;

/// <summary>
/// The micro-kernel of the batched exact scan: the 16 inner products of four rows with four queries, as in a
/// matrix product (faiss hands this to BLAS's sgemm). Each 16-float step loads the four rows and the four queries
/// once and issues 16 FMAs, where four separate one-pair kernels would load every row four times and end each pair
/// with its own horizontal sum; here the 16 accumulators are folded together at the end. The summation order
/// differs from <see cref="Kernels.Dot"/>, so scores can differ from the one-query kernel's in the last bits.
/// </summary>
internal static class TileKernel
{
    /// <summary>True when <see cref="Dot4x4"/> may be used for vectors of <paramref name="dim"/> floats.</summary>
    public static bool Supported(int dim) => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Sse3.IsSupported && dim >= 16;

    /// <summary>
    /// Inner products of rows <paramref name="r0"/>..<paramref name="r3"/> with queries <paramref name="q0"/>..
    /// <paramref name="q3"/>: <paramref name="s0"/> holds query 0 against rows 0..3, and so on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dot4x4(ref float r0, ref float r1, ref float r2, ref float r3, ref float q0, ref float q1, ref float q2, ref float q3, int dim,
        out Vector128<float> s0, out Vector128<float> s1, out Vector128<float> s2, out Vector128<float> s3)
    {
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        var i = 0;
        for (; i <= dim - 16; i += 16)
        {
            var x0 = Vector512.LoadUnsafe(ref r0, (nuint)i);
            var x1 = Vector512.LoadUnsafe(ref r1, (nuint)i);
            var x2 = Vector512.LoadUnsafe(ref r2, (nuint)i);
            var x3 = Vector512.LoadUnsafe(ref r3, (nuint)i);
            var y = Vector512.LoadUnsafe(ref q0, (nuint)i);
            a00 = Avx512F.FusedMultiplyAdd(x0, y, a00);
            a01 = Avx512F.FusedMultiplyAdd(x1, y, a01);
            a02 = Avx512F.FusedMultiplyAdd(x2, y, a02);
            a03 = Avx512F.FusedMultiplyAdd(x3, y, a03);
            y = Vector512.LoadUnsafe(ref q1, (nuint)i);
            a10 = Avx512F.FusedMultiplyAdd(x0, y, a10);
            a11 = Avx512F.FusedMultiplyAdd(x1, y, a11);
            a12 = Avx512F.FusedMultiplyAdd(x2, y, a12);
            a13 = Avx512F.FusedMultiplyAdd(x3, y, a13);
            y = Vector512.LoadUnsafe(ref q2, (nuint)i);
            a20 = Avx512F.FusedMultiplyAdd(x0, y, a20);
            a21 = Avx512F.FusedMultiplyAdd(x1, y, a21);
            a22 = Avx512F.FusedMultiplyAdd(x2, y, a22);
            a23 = Avx512F.FusedMultiplyAdd(x3, y, a23);
            y = Vector512.LoadUnsafe(ref q3, (nuint)i);
            a30 = Avx512F.FusedMultiplyAdd(x0, y, a30);
            a31 = Avx512F.FusedMultiplyAdd(x1, y, a31);
            a32 = Avx512F.FusedMultiplyAdd(x2, y, a32);
            a33 = Avx512F.FusedMultiplyAdd(x3, y, a33);
        }
        s0 = Sum4(a00, a01, a02, a03);
        s1 = Sum4(a10, a11, a12, a13);
        s2 = Sum4(a20, a21, a22, a23);
        s3 = Sum4(a30, a31, a32, a33);
        if (i == dim) return;
        s0 += Tail(ref q0, ref r0, ref r1, ref r2, ref r3, i, dim);
        s1 += Tail(ref q1, ref r0, ref r1, ref r2, ref r3, i, dim);
        s2 += Tail(ref q2, ref r0, ref r1, ref r2, ref r3, i, dim);
        s3 += Tail(ref q3, ref r0, ref r1, ref r2, ref r3, i, dim);
    }

    /// <summary>The four accumulators' horizontal sums as one vector: [sum a, sum b, sum c, sum d].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Sum4(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d)
        => Sse3.HorizontalAdd(Sse3.HorizontalAdd(Fold(a), Fold(b)), Sse3.HorizontalAdd(Fold(c), Fold(d)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Fold(Vector512<float> v)
    {
        var half = v.GetLower() + v.GetUpper();
        return half.GetLower() + half.GetUpper();
    }

    /// <summary>The dimensions after the last full 16-float step, for one query against the four rows.</summary>
    private static Vector128<float> Tail(ref float q, ref float r0, ref float r1, ref float r2, ref float r3, int i, int dim)
    {
        float t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        for (; i < dim; i++)
        {
            var y = Unsafe.Add(ref q, i);
            t0 += y * Unsafe.Add(ref r0, i);
            t1 += y * Unsafe.Add(ref r1, i);
            t2 += y * Unsafe.Add(ref r2, i);
            t3 += y * Unsafe.Add(ref r3, i);
        }
        return Vector128.Create(t0, t1, t2, t3);
    }
}
