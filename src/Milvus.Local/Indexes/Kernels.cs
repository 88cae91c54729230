using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Milvus.Local.Indexes;

/// <summary>
/// Distance kernels for one pair of float vectors, unrolled over two SIMD accumulators with FMA. They are called
/// millions of times per graph walk, so they take refs and a length instead of spans and skip
/// TensorPrimitives' per-call dispatch (which costs as much as the arithmetic at 128 dimensions).
/// </summary>
internal static class Kernels
{
    /// <summary>Squared Euclidean distance (Milvus's L2 score; no square root).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float L2Squared(ref float a, ref float b, int dim)
    {
        var i = 0;
        float sum;
        if (Vector512.IsHardwareAccelerated && dim >= 16)
        {
            Vector512<float> acc0 = Vector512<float>.Zero, acc1 = Vector512<float>.Zero;
            for (; i <= dim - 32; i += 32)
            {
                var d0 = Vector512.LoadUnsafe(ref a, (nuint)i) - Vector512.LoadUnsafe(ref b, (nuint)i);
                var d1 = Vector512.LoadUnsafe(ref a, (nuint)(i + 16)) - Vector512.LoadUnsafe(ref b, (nuint)(i + 16));
                acc0 = Avx512F.FusedMultiplyAdd(d0, d0, acc0);
                acc1 = Avx512F.FusedMultiplyAdd(d1, d1, acc1);
            }
            for (; i <= dim - 16; i += 16)
            {
                var d = Vector512.LoadUnsafe(ref a, (nuint)i) - Vector512.LoadUnsafe(ref b, (nuint)i);
                acc0 = Avx512F.FusedMultiplyAdd(d, d, acc0);
            }
            sum = Vector512.Sum(acc0 + acc1);
        }
        else if (Vector256.IsHardwareAccelerated && Fma.IsSupported && dim >= 8)
        {
            Vector256<float> acc0 = Vector256<float>.Zero, acc1 = Vector256<float>.Zero;
            for (; i <= dim - 16; i += 16)
            {
                var d0 = Vector256.LoadUnsafe(ref a, (nuint)i) - Vector256.LoadUnsafe(ref b, (nuint)i);
                var d1 = Vector256.LoadUnsafe(ref a, (nuint)(i + 8)) - Vector256.LoadUnsafe(ref b, (nuint)(i + 8));
                acc0 = Fma.MultiplyAdd(d0, d0, acc0);
                acc1 = Fma.MultiplyAdd(d1, d1, acc1);
            }
            for (; i <= dim - 8; i += 8)
            {
                var d = Vector256.LoadUnsafe(ref a, (nuint)i) - Vector256.LoadUnsafe(ref b, (nuint)i);
                acc0 = Fma.MultiplyAdd(d, d, acc0);
            }
            sum = Vector256.Sum(acc0 + acc1);
        }
        else sum = 0;
        for (; i < dim; i++)
        {
            var d = Unsafe.Add(ref a, i) - Unsafe.Add(ref b, i);
            sum += d * d;
        }
        return sum;
    }

    /// <summary>Inner product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ref float a, ref float b, int dim)
    {
        var i = 0;
        float sum;
        if (Vector512.IsHardwareAccelerated && dim >= 16)
        {
            Vector512<float> acc0 = Vector512<float>.Zero, acc1 = Vector512<float>.Zero;
            for (; i <= dim - 32; i += 32)
            {
                acc0 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), acc0);
                acc1 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)(i + 16)), Vector512.LoadUnsafe(ref b, (nuint)(i + 16)), acc1);
            }
            for (; i <= dim - 16; i += 16)
                acc0 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), acc0);
            sum = Vector512.Sum(acc0 + acc1);
        }
        else if (Vector256.IsHardwareAccelerated && Fma.IsSupported && dim >= 8)
        {
            Vector256<float> acc0 = Vector256<float>.Zero, acc1 = Vector256<float>.Zero;
            for (; i <= dim - 16; i += 16)
            {
                acc0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), acc0);
                acc1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)(i + 8)), Vector256.LoadUnsafe(ref b, (nuint)(i + 8)), acc1);
            }
            for (; i <= dim - 8; i += 8)
                acc0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), acc0);
            sum = Vector256.Sum(acc0 + acc1);
        }
        else sum = 0;
        for (; i < dim; i++) sum += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        return sum;
    }

    /// <summary>
    /// One row against four queries at once (the exact scan of a request with several queries): the row is loaded
    /// once per 16 dimensions for all four, and each pair keeps <see cref="L2Squared"/>'s / <see cref="Dot"/>'s
    /// two accumulators and summation order, so every result is bit-identical to the one-pair kernel.
    /// Only with AVX-512 and <paramref name="dim"/> &gt;= 16 (see <see cref="FourQueriesSupported"/>).
    /// </summary>
    public static void FourQueries(bool l2, ref float q0, ref float q1, ref float q2, ref float q3, ref float row, int dim, Span<float> results)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
        var i = 0;
        for (; i <= dim - 32; i += 32)
        {
            var r0 = Vector512.LoadUnsafe(ref row, (nuint)i);
            var r1 = Vector512.LoadUnsafe(ref row, (nuint)(i + 16));
            Step(l2, ref q0, i, r0, r1, ref a0, ref b0);
            Step(l2, ref q1, i, r0, r1, ref a1, ref b1);
            Step(l2, ref q2, i, r0, r1, ref a2, ref b2);
            Step(l2, ref q3, i, r0, r1, ref a3, ref b3);
        }
        for (; i <= dim - 16; i += 16)
        {
            var r0 = Vector512.LoadUnsafe(ref row, (nuint)i);
            Single(l2, ref q0, i, r0, ref a0);
            Single(l2, ref q1, i, r0, ref a1);
            Single(l2, ref q2, i, r0, ref a2);
            Single(l2, ref q3, i, r0, ref a3);
        }
        results[0] = Tail(l2, ref q0, ref row, i, dim, Vector512.Sum(a0 + b0));
        results[1] = Tail(l2, ref q1, ref row, i, dim, Vector512.Sum(a1 + b1));
        results[2] = Tail(l2, ref q2, ref row, i, dim, Vector512.Sum(a2 + b2));
        results[3] = Tail(l2, ref q3, ref row, i, dim, Vector512.Sum(a3 + b3));
    }

    /// <summary>True when <see cref="FourQueries"/> may be used for vectors of <paramref name="dim"/> floats.</summary>
    public static bool FourQueriesSupported(int dim) => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && dim >= 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(bool l2, ref float q, int i, Vector512<float> r0, Vector512<float> r1, ref Vector512<float> acc0, ref Vector512<float> acc1)
    {
        var x0 = Vector512.LoadUnsafe(ref q, (nuint)i);
        var x1 = Vector512.LoadUnsafe(ref q, (nuint)(i + 16));
        if (l2)
        {
            var d0 = x0 - r0;
            var d1 = x1 - r1;
            acc0 = Avx512F.FusedMultiplyAdd(d0, d0, acc0);
            acc1 = Avx512F.FusedMultiplyAdd(d1, d1, acc1);
        }
        else
        {
            acc0 = Avx512F.FusedMultiplyAdd(x0, r0, acc0);
            acc1 = Avx512F.FusedMultiplyAdd(x1, r1, acc1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Single(bool l2, ref float q, int i, Vector512<float> r0, ref Vector512<float> acc0)
    {
        var x0 = Vector512.LoadUnsafe(ref q, (nuint)i);
        if (l2)
        {
            var d = x0 - r0;
            acc0 = Avx512F.FusedMultiplyAdd(d, d, acc0);
        }
        else acc0 = Avx512F.FusedMultiplyAdd(x0, r0, acc0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Tail(bool l2, ref float q, ref float row, int i, int dim, float sum)
    {
        for (; i < dim; i++)
        {
            if (l2)
            {
                var d = Unsafe.Add(ref q, i) - Unsafe.Add(ref row, i);
                sum += d * d;
            }
            else sum += Unsafe.Add(ref q, i) * Unsafe.Add(ref row, i);
        }
        return sum;
    }
}
