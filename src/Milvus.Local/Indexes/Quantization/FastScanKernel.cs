using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Milvus.Local.Indexes.Quantization;

/// <summary>
/// Fast-scan of 4-bit PQ codes (faiss's PQ fast-scan, the kernel knowhere's SCANN runs): a query's 16-entry distance
/// table per sub-quantizer is quantized to bytes (<see cref="Quantize"/>), and a block of 32 rows
/// (<see cref="FastScanCodes"/>) is scored by looking the code nibbles up with byte shuffles (vpshufb), two
/// sub-quantizers per 256-bit register, summed in 16-bit lanes. The sums are integers, so the AVX2 path and the
/// scalar one give the same numbers bit for bit.
/// </summary>
internal static class FastScanKernel
{
    /// <summary>Largest sum the 16-bit accumulators may reach.</summary>
    private const int MaxSum = ushort.MaxValue;

    /// <summary>
    /// Quantizes <paramref name="tables"/> (<paramref name="m"/> sub-tables of 16 floats) into <paramref name="lut"/>
    /// (padded to an even count of sub-tables, 16 bytes each): entry = round((t - min of its sub-table) x scale), one
    /// scale for all sub-tables, chosen so an entry fits a byte and a row's sum fits 16 bits. A row's distance is then
    /// about <c>Offset + sum / Scale</c>, with Offset the sum of the sub-tables' minima.
    /// </summary>
    public static (float Offset, float Scale) Quantize(ReadOnlySpan<float> tables, int m, Span<byte> lut)
    {
        float offset = 0, widest = 0, spans = 0;
        for (var q = 0; q < m; q++)
        {
            var (low, high) = MinMax(tables.Slice(q * 16, 16));
            offset += low;
            widest = MathF.Max(widest, high - low);
            spans += high - low;
        }
        // Rounding adds at most 1/2 per sub-table, which the m below leaves room for.
        var scale = widest > 0 ? MathF.Min(255 / widest, (MaxSum - m) / spans) : 1;
        lut[..(((m + 1) & ~1) * 16)].Clear();
        for (var q = 0; q < m; q++)
        {
            var table = tables.Slice(q * 16, 16);
            var low = MinMax(table).Low;
            for (var c = 0; c < 16; c++) lut[q * 16 + c] = (byte)Math.Min(255, (int)MathF.Round((table[c] - low) * scale));
        }
        return (offset, scale);
    }

    private static (float Low, float High) MinMax(ReadOnlySpan<float> table)
    {
        float low = table[0], high = table[0];
        foreach (var t in table) { low = MathF.Min(low, t); high = MathF.Max(high, t); }
        return (low, high);
    }

    /// <summary>
    /// The 32 rows' sums of quantized table entries for one block (<paramref name="block"/>: <paramref name="paddedM"/> x
    /// 16 bytes, <paramref name="lut"/>: as many 16-byte tables). <paramref name="simd"/> picks the AVX2 shuffles when the
    /// processor has them; false runs the scalar loop, which gives the same sums.
    /// </summary>
    public static void Accumulate(ReadOnlySpan<byte> block, ReadOnlySpan<byte> lut, int paddedM, Span<ushort> sums, bool simd = true)
    {
        if (simd && Avx2.IsSupported) AccumulateAvx2(block, lut, paddedM, sums);
        else AccumulateScalar(block, lut, paddedM, sums);
    }

    private static void AccumulateScalar(ReadOnlySpan<byte> block, ReadOnlySpan<byte> lut, int paddedM, Span<ushort> sums)
    {
        for (var row = 0; row < 16; row++)
        {
            int low = 0, high = 0;
            for (var q = 0; q < paddedM; q++)
            {
                var b = block[q * 16 + row];
                low += lut[q * 16 + (b & 15)];
                high += lut[q * 16 + (b >> 4)];
            }
            sums[row] = (ushort)low;
            sums[row + 16] = (ushort)high;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateAvx2(ReadOnlySpan<byte> block, ReadOnlySpan<byte> lut, int paddedM, Span<ushort> sums)
    {
        ref var codes = ref MemoryMarshal.GetReference(block);
        ref var tables = ref MemoryMarshal.GetReference(lut);
        var nibble = Vector256.Create((byte)15);
        Vector256<ushort> rows0 = default, rows16 = default;
        for (var q = 0; q < paddedM; q += 2)
        {
            // Lanes: sub-quantizer q in the low 128 bits, q + 1 in the high; byte i = rows i (low nibble) and i + 16.
            var packed = Vector256.LoadUnsafe(ref codes, (nuint)(q * 16));
            var table = Vector256.LoadUnsafe(ref tables, (nuint)(q * 16));
            var low = Avx2.Shuffle(table, packed & nibble);
            var high = Avx2.Shuffle(table, Avx2.ShiftRightLogical(packed.AsUInt16(), 4).AsByte() & nibble);
            rows0 += Avx2.ConvertToVector256Int16(low.GetLower()).AsUInt16() + Avx2.ConvertToVector256Int16(low.GetUpper()).AsUInt16();
            rows16 += Avx2.ConvertToVector256Int16(high.GetLower()).AsUInt16() + Avx2.ConvertToVector256Int16(high.GetUpper()).AsUInt16();
        }
        ref var destination = ref MemoryMarshal.GetReference(sums);
        rows0.StoreUnsafe(ref destination);
        rows16.StoreUnsafe(ref destination, 16);
    }
}
