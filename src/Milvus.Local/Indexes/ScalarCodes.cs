using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Indexes;

/// <summary>knowhere's scalar quantizer types (sq_type, refine_type) as faiss's ScalarQuantizer defines them.</summary>
internal enum ScalarType
{
    /// <summary>4 bits per value, one min and range for the whole segment (QT_4bit_uniform).</summary>
    SQ4U,
    /// <summary>6 bits per value, min and range per dimension (QT_6bit).</summary>
    SQ6,
    /// <summary>8 bits per value, min and range per dimension (QT_8bit).</summary>
    SQ8,
    /// <summary>IEEE half precision (QT_fp16).</summary>
    FP16,
    /// <summary>bfloat16: the float's upper 16 bits, rounded (QT_bf16).</summary>
    BF16,
}

/// <summary>
/// A segment's vectors scalar-quantized, one fixed-size code per row (4, 6, 8 or 16 bits per dimension), as faiss's
/// ScalarQuantizer encodes them: the uniform and per-dimension types map each value to floor(x x (2^bits - 1)) of its
/// trained range [min, min + range] (x clamped to [0, 1]) and decode it to the middle of its step. COSINE rows are
/// normalized before encoding, so the codes answer inner products of unit vectors (knowhere's cosine wrappers).
/// </summary>
internal sealed class ScalarCodes
{
    private readonly byte[] _codes;
    private readonly float[] _min;    // per dimension, or one value for SQ4U
    private readonly float[] _range;

    private ScalarCodes(ScalarType type, int dim, int count, float[] min, float[] range, byte[] codes)
    {
        Type = type;
        Dim = dim;
        Count = count;
        CodeSize = CodeBytes(type, dim);
        _min = min;
        _range = range;
        _codes = codes;
    }

    public ScalarType Type { get; }
    public int Dim { get; }
    public int Count { get; }

    /// <summary>Bytes of one row's code.</summary>
    public int CodeSize { get; }

    /// <summary>Bytes the codes and the quantizer take.</summary>
    public long MemoryBytes => (long)Count * CodeSize + (_min.Length + _range.Length) * sizeof(float);

    public static int CodeBytes(ScalarType type, int dim) => type switch
    {
        ScalarType.SQ4U => (dim + 1) / 2,
        ScalarType.SQ6 => (dim * 6 + 7) / 8,
        ScalarType.SQ8 => dim,
        _ => dim * 2,
    };

    private static int Levels(ScalarType type) => type switch { ScalarType.SQ4U => 15, ScalarType.SQ6 => 63, _ => 255 };

    /// <summary>Trains the ranges (min/max over the rows) and encodes every row of the space.</summary>
    public static ScalarCodes Encode(VectorSpace space, ScalarType type, CancellationToken cancellationToken)
    {
        var dim = space.Dim;
        var perDimension = type is ScalarType.SQ6 or ScalarType.SQ8;
        var min = new float[perDimension ? dim : 1];
        var max = new float[min.Length];
        Array.Fill(min, float.MaxValue);
        Array.Fill(max, float.MinValue);
        var row = new float[dim];
        if (type is ScalarType.SQ4U or ScalarType.SQ6 or ScalarType.SQ8)
            for (var r = 0; r < space.Count; r++)
            {
                Normalized(space, r, row);
                for (var d = 0; d < dim; d++)
                {
                    var slot = perDimension ? d : 0;
                    min[slot] = Math.Min(min[slot], row[d]);
                    max[slot] = Math.Max(max[slot], row[d]);
                }
            }
        var range = new float[min.Length];
        for (var i = 0; i < range.Length; i++) range[i] = max[i] > min[i] ? max[i] - min[i] : 0;
        var codeSize = CodeBytes(type, dim);
        // One spare byte: the SQ6 decoder reads two bytes at a time.
        var codes = new ScalarCodes(type, dim, space.Count, min, range, new byte[space.Count * codeSize + 1]);
        Parallel.For(0, space.Count, new ParallelOptions { CancellationToken = cancellationToken }, () => new float[dim], (r, _, buffer) =>
        {
            Normalized(space, r, buffer);
            codes.EncodeRow(buffer, codes._codes.AsSpan(r * codeSize, codeSize));
            return buffer;
        }, _ => { });
        return codes;
    }

    /// <summary>A row as the codes see it: the stored floats, normalized for COSINE.</summary>
    private static void Normalized(VectorSpace space, int row, Span<float> destination)
    {
        space.Row(row).CopyTo(destination);
        if (space.Metric == Metric.Cosine) Normalize(destination);
    }

    private static void Normalize(Span<float> vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
    }

    private void EncodeRow(ReadOnlySpan<float> row, Span<byte> code)
    {
        switch (Type)
        {
            case ScalarType.FP16:
                var halves = MemoryMarshal.Cast<byte, Half>(code);
                for (var d = 0; d < Dim; d++) halves[d] = (Half)row[d];
                return;
            case ScalarType.BF16:
                var bf = MemoryMarshal.Cast<byte, ushort>(code);
                for (var d = 0; d < Dim; d++) bf[d] = ToBFloat16(row[d]);
                return;
        }
        var levels = Levels(Type);
        code.Clear();
        for (var d = 0; d < Dim; d++)
        {
            var slot = _min.Length == 1 ? 0 : d;
            var x = _range[slot] > 0 ? Math.Clamp((row[d] - _min[slot]) / _range[slot], 0f, 1f) : 0f;
            var value = (int)(x * levels);
            switch (Type)
            {
                case ScalarType.SQ8: code[d] = (byte)value; break;
                case ScalarType.SQ4U: code[d >> 1] |= (byte)(value << ((d & 1) * 4)); break;
                default:
                    var bit = d * 6;
                    code[bit >> 3] |= (byte)(value << (bit & 7));
                    if ((bit & 7) > 2) code[(bit >> 3) + 1] |= (byte)(value >> (8 - (bit & 7)));
                    break;
            }
        }
    }

    /// <summary>bfloat16 with round-to-nearest-even, as faiss's encode_bf16.</summary>
    private static ushort ToBFloat16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    /// <summary>Starts loading a row's code into the cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int row)
    {
        if (!Sse.IsSupported) return;
        var address = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_codes), (nint)row * CodeSize));
        Sse.Prefetch0(address);
        if (CodeSize > 64) Sse.Prefetch0(address + 64);
    }

    /// <summary>Decodes a row into <paramref name="destination"/> (<see cref="Dim"/> floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Decode(int row, Span<float> destination)
    {
        var code = _codes.AsSpan(row * CodeSize, CodeSize + 1);
        switch (Type)
        {
            case ScalarType.SQ8: DecodeSq8(code, destination); break;
            case ScalarType.FP16: DenseConversion.ToFloat(DataType.Float16Vector, code[..CodeSize], destination); break;
            case ScalarType.BF16: DenseConversion.ToFloat(DataType.Bfloat16Vector, code[..CodeSize], destination); break;
            default: DecodePacked(code, destination); break;
        }
    }

    /// <summary>SQ8 with AVX-512: 16 codes widened to floats and scaled per dimension in one step.</summary>
    private void DecodeSq8(ReadOnlySpan<byte> code, Span<float> destination)
    {
        ref var c = ref MemoryMarshal.GetReference(code);
        ref var min = ref MemoryMarshal.GetArrayDataReference(_min);
        ref var range = ref MemoryMarshal.GetArrayDataReference(_range);
        ref var o = ref MemoryMarshal.GetReference(destination);
        var d = 0;
        if (Avx512F.IsSupported)
        {
            var half = Vector512.Create(0.5f);
            var scale = Vector512.Create(1f / 255);
            for (; d <= Dim - 16; d += 16)
            {
                var codes = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref c, (nuint)d)));
                var x = (codes + half) * scale;
                Avx512F.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref range, (nuint)d), Vector512.LoadUnsafe(ref min, (nuint)d)).StoreUnsafe(ref o, (nuint)d);
            }
        }
        for (; d < Dim; d++) Unsafe.Add(ref o, d) = Unsafe.Add(ref min, d) + (Unsafe.Add(ref c, d) + 0.5f) / 255 * Unsafe.Add(ref range, d);
    }

    /// <summary>
    /// Whether <see cref="Sq8Distance"/> serves this space: SQ8 codes and AVX-512 (the loop shape of <see cref="DecodeSq8"/>
    /// and of <see cref="Kernels"/>' 512-bit paths, whose results it reproduces bit for bit).
    /// </summary>
    public bool FusedSq8 => Type == ScalarType.SQ8 && Avx512F.IsSupported && Vector512.IsHardwareAccelerated && Dim >= 16;

    /// <summary>
    /// The distance of a float query to a row's SQ8 code without writing the decoded row out: each 16 codes are widened,
    /// scaled as <see cref="DecodeSq8"/> scales them and folded into <see cref="Kernels.L2Squared"/>'s (or
    /// <see cref="Kernels.Dot"/>'s) two accumulators in the same order, so the result equals decode-then-kernel exactly.
    /// Squared L2 when <paramref name="l2"/>, else the inner product. Only when <see cref="FusedSq8"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Sq8Distance(ref float query, int row, bool l2)
    {
        ref var c = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_codes), (nint)row * CodeSize);
        ref var min = ref MemoryMarshal.GetArrayDataReference(_min);
        ref var range = ref MemoryMarshal.GetArrayDataReference(_range);
        var half = Vector512.Create(0.5f);
        var scale = Vector512.Create(1f / 255);
        Vector512<float> acc0 = Vector512<float>.Zero, acc1 = Vector512<float>.Zero;
        var d = 0;
        for (; d <= Dim - 32; d += 32)
        {
            acc0 = Sq8Step(ref query, ref c, ref min, ref range, d, half, scale, acc0, l2);
            acc1 = Sq8Step(ref query, ref c, ref min, ref range, d + 16, half, scale, acc1, l2);
        }
        for (; d <= Dim - 16; d += 16) acc0 = Sq8Step(ref query, ref c, ref min, ref range, d, half, scale, acc0, l2);
        var sum = Vector512.Sum(acc0 + acc1);
        for (; d < Dim; d++)
        {
            var decoded = Unsafe.Add(ref min, d) + (Unsafe.Add(ref c, d) + 0.5f) / 255 * Unsafe.Add(ref range, d);
            var q = Unsafe.Add(ref query, d);
            if (l2)
            {
                var diff = q - decoded;
                sum += diff * diff;
            }
            else sum += q * decoded;
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Sq8Step(ref float query, ref byte c, ref float min, ref float range, int d, Vector512<float> half,
        Vector512<float> scale, Vector512<float> acc, bool l2)
    {
        var codes = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref c, (nuint)d)));
        var decoded = Avx512F.FusedMultiplyAdd((codes + half) * scale, Vector512.LoadUnsafe(ref range, (nuint)d), Vector512.LoadUnsafe(ref min, (nuint)d));
        var q = Vector512.LoadUnsafe(ref query, (nuint)d);
        if (!l2) return Avx512F.FusedMultiplyAdd(q, decoded, acc);
        var diff = q - decoded;
        return Avx512F.FusedMultiplyAdd(diff, diff, acc);
    }

    private void DecodePacked(ReadOnlySpan<byte> code, Span<float> destination)
    {
        var levels = (float)Levels(Type);
        for (var d = 0; d < Dim; d++)
        {
            int value;
            int slot;
            if (Type == ScalarType.SQ4U)
            {
                value = (code[d >> 1] >> ((d & 1) * 4)) & 0xF;
                slot = 0;
            }
            else
            {
                var bit = d * 6;
                value = ((code[bit >> 3] | (code[(bit >> 3) + 1] << 8)) >> (bit & 7)) & 0x3F;
                slot = d;
            }
            destination[d] = _min[slot] + (value + 0.5f) / levels * _range[slot];
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write((int)Type);
        writer.Write(_min.Length);
        writer.Write(MemoryMarshal.AsBytes(_min.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(_range.AsSpan()));
        writer.Write(_codes.AsSpan(0, Count * CodeSize));
    }

    /// <summary>Reads codes stored by <see cref="Write"/> for the rows of <paramref name="space"/>.</summary>
    public static ScalarCodes Read(ref SpanReader reader, VectorSpace space, ScalarType expected)
    {
        var type = (ScalarType)reader.Ints(1)[0];
        if (type != expected) throw new InvalidDataException($"the stored scalar codes are {type}, the index asks for {expected}");
        var ranges = reader.Ints(1)[0];
        var min = reader.Floats(ranges);
        var range = reader.Floats(ranges);
        var size = CodeBytes(type, space.Dim) * space.Count;
        var codes = new byte[size + 1];
        reader.CopyTo(codes.AsSpan(0, size));
        return new ScalarCodes(type, space.Dim, space.Count, min, range, codes);
    }
}
