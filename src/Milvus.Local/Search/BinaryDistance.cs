using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Milvus.Local.Search;

/// <summary>
/// Milvus's binary metrics over two bit vectors of equal length: HAMMING counts the differing bits, JACCARD is
/// 1 - |a∧b| / |a∨b| (0 when both are all zeros). One implementation for the exact scan, BIN_IVF_FLAT and the binary
/// HNSW graph, so an index and the scan score a row identically.
/// </summary>
internal static class BinaryDistance
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(Metric metric, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => metric switch
    {
        Metric.Hamming => Hamming(a, b),
        Metric.Jaccard => Jaccard(a, b),
        _ => throw Errors.MilvusError.InvalidParameter($"metric type {metric} is not valid for binary vectors"),
    };

    /// <summary>The number of differing bits.</summary>
    public static int Hamming(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var words = a.Length / 8;
        var a64 = MemoryMarshal.Cast<byte, ulong>(a[..(words * 8)]);
        var b64 = MemoryMarshal.Cast<byte, ulong>(b[..(words * 8)]);
        var distance = 0;
        for (var i = 0; i < a64.Length; i++) distance += BitOperations.PopCount(a64[i] ^ b64[i]);
        for (var i = words * 8; i < a.Length; i++) distance += BitOperations.PopCount((uint)(a[i] ^ b[i]));
        return distance;
    }

    /// <summary>1 - |a∧b| / |a∨b|.</summary>
    public static float Jaccard(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var words = a.Length / 8;
        var a64 = MemoryMarshal.Cast<byte, ulong>(a[..(words * 8)]);
        var b64 = MemoryMarshal.Cast<byte, ulong>(b[..(words * 8)]);
        int and = 0, or = 0;
        for (var i = 0; i < a64.Length; i++)
        {
            and += BitOperations.PopCount(a64[i] & b64[i]);
            or += BitOperations.PopCount(a64[i] | b64[i]);
        }
        for (var i = words * 8; i < a.Length; i++)
        {
            and += BitOperations.PopCount((uint)(a[i] & b[i]));
            or += BitOperations.PopCount((uint)(a[i] | b[i]));
        }
        return or == 0 ? 0 : 1f - (float)and / or;
    }
}
