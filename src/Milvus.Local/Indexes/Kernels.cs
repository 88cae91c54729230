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
}
