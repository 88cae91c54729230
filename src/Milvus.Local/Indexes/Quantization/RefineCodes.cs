using System.Runtime.InteropServices;

namespace Milvus.Local.Indexes.Quantization;

/// <summary>
/// The second, finer copy of the rows a quantized index re-ranks its candidates with (knowhere's refine_type):
/// sq6 / sq8 (per-dimension min/step scalar codes, one byte per coordinate), fp16, bf16, or fp32 / flat, which
/// re-rank with the segment's own vectors (faiss keeps a copy; here the column already holds them, so no
/// extra bytes). COSINE rows are coded normalized, so every type scores a prepared query the same way.
/// </summary>
internal sealed class RefineCodes
{
    /// <summary>knowhere's accepted refine types (matched case-insensitively).</summary>
    public static readonly string[] Types = ["sq6", "sq8", "fp16", "bf16", "fp32", "flat"];

    private readonly VectorSpace _space;
    private readonly float[] _low;
    private readonly float[] _step;
    private readonly byte[] _codes;

    private RefineCodes(VectorSpace space, string type, float[] low, float[] step, byte[] codes)
    {
        _space = space;
        Type = type;
        _low = low;
        _step = step;
        _codes = codes;
    }

    /// <summary>The refine type, lower case.</summary>
    public string Type { get; }

    /// <summary>Bytes held per row beyond the segment's own vectors.</summary>
    public int BytesPerRow => _codes.Length / Math.Max(1, _space.Count);

    public static bool IsKnown(string type) => Types.Contains(type.ToLowerInvariant());

    public static RefineCodes Build(VectorSpace space, string refineType)
    {
        var type = refineType.ToLowerInvariant();
        var dim = space.Dim;
        float[] low = [], step = [];
        byte[] codes = [];
        switch (type)
        {
            case "sq6" or "sq8":
                (low, step) = Ranges(space, type == "sq6" ? 63 : 255);
                codes = new byte[space.Count * dim];
                Parallel.For(0, space.Count, row =>
                {
                    var v = space.RowAsQuery(row);
                    for (var d = 0; d < dim; d++)
                        codes[row * dim + d] = step[d] == 0 ? (byte)0 : (byte)Math.Clamp(MathF.Round((v[d] - low[d]) / step[d]), 0, type == "sq6" ? 63 : 255);
                });
                break;
            case "fp16" or "bf16":
                codes = new byte[space.Count * dim * 2];
                var halves = MemoryMarshal.Cast<byte, ushort>(codes.AsSpan());
                for (var row = 0; row < space.Count; row++)
                {
                    var v = space.RowAsQuery(row);
                    for (var d = 0; d < dim; d++) halves[row * dim + d] = type == "fp16" ? BitConverter.HalfToUInt16Bits((Half)v[d]) : ToBFloat16(v[d]);
                }
                break;
        }
        return new RefineCodes(space, type, low, step, codes);
    }

    /// <summary>Per-dimension minimum and step over <paramref name="levels"/> levels (of the prepared rows).</summary>
    private static (float[] Low, float[] Step) Ranges(VectorSpace space, int levels)
    {
        var dim = space.Dim;
        var low = Enumerable.Repeat(float.MaxValue, dim).ToArray();
        var high = Enumerable.Repeat(float.MinValue, dim).ToArray();
        for (var row = 0; row < space.Count; row++)
        {
            var v = space.RowAsQuery(row);
            for (var d = 0; d < dim; d++) { low[d] = Math.Min(low[d], v[d]); high[d] = Math.Max(high[d], v[d]); }
        }
        return (low, low.Select((l, d) => high[d] > l ? (high[d] - l) / levels : 0).ToArray());
    }

    // Round to nearest even on the 16 high bits, as torch and faiss convert to bfloat16.
    private static ushort ToBFloat16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    /// <summary>The distance (as <see cref="VectorSpace"/> defines it) of a prepared query to a row's refine copy.</summary>
    public float Distance(float[] query, int row, float[] scratch)
    {
        if (_codes.Length == 0) return _space.Distance(query, row);
        var dim = _space.Dim;
        switch (Type)
        {
            case "sq6" or "sq8":
                var code = _codes.AsSpan(row * dim, dim);
                for (var d = 0; d < dim; d++) scratch[d] = _low[d] + code[d] * _step[d];
                break;
            default:
                var halves = MemoryMarshal.Cast<byte, ushort>(_codes.AsSpan(row * dim * 2, dim * 2));
                for (var d = 0; d < dim; d++)
                    scratch[d] = Type == "fp16" ? (float)BitConverter.UInt16BitsToHalf(halves[d]) : BitConverter.UInt32BitsToSingle((uint)halves[d] << 16);
                break;
        }
        ref var q = ref MemoryMarshal.GetArrayDataReference(query);
        ref var v = ref MemoryMarshal.GetArrayDataReference(scratch);
        return _space.Metric == Search.Metric.L2 ? Kernels.L2Squared(ref q, ref v, dim) : -Kernels.Dot(ref q, ref v, dim);
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Array.IndexOf(Types, Type));
        w.Write(_low.Length);
        w.Write(MemoryMarshal.AsBytes(_low.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(_step.AsSpan()));
        w.Write(_codes.Length);
        w.Write(_codes);
    }

    public static RefineCodes Read(ref SpanReader reader, VectorSpace space)
    {
        var type = Types[reader.Ints(1)[0]];
        var ranges = reader.Ints(1)[0];
        var low = reader.Floats(ranges);
        var step = reader.Floats(ranges);
        var codes = reader.Bytes(reader.Ints(1)[0]);
        return new RefineCodes(space, type, low, step, codes);
    }
}
