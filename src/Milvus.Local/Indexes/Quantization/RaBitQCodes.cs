using System.Numerics;
using System.Runtime.InteropServices;

namespace Milvus.Local.Indexes.Quantization;

/// <summary>
/// RaBitQ 1-bit codes (Gao and Long 2024, as faiss's RaBitQuantizer): each rotated residual r = x - c is stored as
/// its sign bits plus two floats, so a row costs dim/8 + 8 bytes. With o the unit residual and o' the sign vector
/// scaled to unit length, &lt;r, q&gt; is estimated as |r| / &lt;o', o&gt; * &lt;o', q&gt;, which is unbiased for any query.
/// The query side is either kept in floats (rbq_bits_query 0: per-byte lookup tables) or quantized to 1-8 bits per
/// coordinate and scored with popcounts over its bit planes (the paper's fast path).
/// </summary>
internal sealed class RaBitQCodes
{
    private readonly ulong[] _bits;      // per row: Words words, bit j = sign of rotated residual coordinate j
    private readonly float[] _addend;    // L2: |r|^2; IP: <r, c>
    private readonly float[] _scale;     // |r| / <o', o>

    private RaBitQCodes(int dim, ulong[] bits, float[] addend, float[] scale)
    {
        Dim = dim;
        _bits = bits;
        _addend = addend;
        _scale = scale;
    }

    public int Dim { get; }
    public int Words => WordsFor(Dim);
    public int Count => _scale.Length;

    /// <summary>Bytes held per row: the sign bits and the two correction factors.</summary>
    public int BytesPerRow => Words * sizeof(ulong) + 2 * sizeof(float);

    public static int WordsFor(int dim) => (dim + 63) / 64;

    public static RaBitQCodes Allocate(int dim, int count) => new(dim, new ulong[count * WordsFor(dim)], new float[count], new float[count]);

    /// <summary>Encodes row <paramref name="slot"/> from its rotated vector and rotated centroid (thread-safe per slot).</summary>
    public void Encode(int slot, ReadOnlySpan<float> rotated, ReadOnlySpan<float> centroid, bool l2)
    {
        var words = _bits.AsSpan(slot * Words, Words);
        double norm2 = 0, absSum = 0, dotCentroid = 0;
        for (var j = 0; j < Dim; j++)
        {
            var r = rotated[j] - centroid[j];
            norm2 += r * r;
            absSum += Math.Abs(r);
            dotCentroid += r * centroid[j];
            if (r > 0) words[j >> 6] |= 1UL << (j & 63);
        }
        _addend[slot] = (float)(l2 ? norm2 : dotCentroid);
        // |r| / <o', o> with <o', o> = sum|r_j| / (sqrt(d) |r|), i.e. |r|^2 sqrt(d) / sum|r_j|.
        _scale[slot] = absSum > 0 ? (float)(norm2 * Math.Sqrt(Dim) / absSum) : 0;
    }

    /// <summary>The estimate of &lt;r, q&gt; for the slot given a prepared query residual, plus the slot's addend.</summary>
    public (float Dot, float Addend) Estimate(int slot, RaBitQQuery query)
        => (_scale[slot] * query.SignedDot(_bits.AsSpan(slot * Words, Words)), _addend[slot]);

    public void Write(BinaryWriter w)
    {
        w.Write(MemoryMarshal.AsBytes(_bits.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(_addend.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(_scale.AsSpan()));
    }

    public static RaBitQCodes Read(ref SpanReader reader, int dim, int count)
        => new(dim, MemoryMarshal.Cast<byte, ulong>(reader.Bytes(count * WordsFor(dim) * sizeof(ulong))).ToArray(), reader.Floats(count), reader.Floats(count));
}

/// <summary>
/// One query residual (rotated query minus rotated centroid) prepared for scoring codes: &lt;o', q&gt; =
/// (2 * sum of q over set bits - sum of q) / sqrt(d). Reused across lists and queries of one search (one per thread).
/// </summary>
internal sealed class RaBitQQuery
{
    private readonly int _dim;
    private readonly int _bitsPerCoordinate;
    private readonly float[] _tables;     // float query: per code byte, 256 partial sums
    private readonly ulong[] _planes;     // quantized query: bit plane k of every coordinate's code
    private float _sum;
    private float _low;
    private float _step;

    public RaBitQQuery(int dim, int bitsPerCoordinate)
    {
        _dim = dim;
        _bitsPerCoordinate = bitsPerCoordinate;
        var words = RaBitQCodes.WordsFor(dim);
        _tables = bitsPerCoordinate == 0 ? new float[words * 8 * 256] : [];
        _planes = bitsPerCoordinate == 0 ? [] : new ulong[bitsPerCoordinate * words];
    }

    /// <summary>Prepares the residual (first dim entries of <paramref name="residual"/>).</summary>
    public void Prepare(ReadOnlySpan<float> residual)
    {
        if (_bitsPerCoordinate == 0) PrepareTables(residual);
        else PrepareLevels(residual);
    }

    private void PrepareTables(ReadOnlySpan<float> residual)
    {
        var bytes = _tables.Length / 256;
        float sum = 0;
        for (var p = 0; p < bytes; p++)
        {
            var table = _tables.AsSpan(p * 256, 256);
            table[0] = 0;
            for (var v = 1; v < 256; v++)
            {
                var dim = p * 8 + BitOperations.TrailingZeroCount(v);
                table[v] = table[v & (v - 1)] + (dim < _dim ? residual[dim] : 0);
            }
        }
        for (var j = 0; j < _dim; j++) sum += residual[j];
        _sum = sum;
    }

    private void PrepareLevels(ReadOnlySpan<float> residual)
    {
        float low = float.MaxValue, high = float.MinValue;
        for (var j = 0; j < _dim; j++) { low = MathF.Min(low, residual[j]); high = MathF.Max(high, residual[j]); }
        var top = (1 << _bitsPerCoordinate) - 1;
        var step = high > low ? (high - low) / top : 0;
        Array.Clear(_planes);
        var words = RaBitQCodes.WordsFor(_dim);
        long levelSum = 0;
        for (var j = 0; j < _dim; j++)
        {
            var level = step > 0 ? Math.Clamp((int)MathF.Round((residual[j] - low) / step), 0, top) : 0;
            levelSum += level;
            for (var k = 0; k < _bitsPerCoordinate; k++)
                if ((level >> k & 1) != 0) _planes[k * words + (j >> 6)] |= 1UL << (j & 63);
        }
        _low = low;
        _step = step;
        // The quantized query's coordinates are low + step * level; their sum enters every estimate.
        _sum = _dim * low + step * levelSum;
    }

    /// <summary>&lt;o', q&gt; for one row's sign bits.</summary>
    public float SignedDot(ReadOnlySpan<ulong> bits)
    {
        float selected;
        if (_bitsPerCoordinate == 0)
        {
            var bytes = MemoryMarshal.AsBytes(bits);
            selected = 0;
            for (var p = 0; p < bytes.Length; p++) selected += _tables[p * 256 + bytes[p]];
        }
        else
        {
            var words = bits.Length;
            long weighted = 0;
            var ones = 0;
            for (var w = 0; w < words; w++) ones += BitOperations.PopCount(bits[w]);
            for (var k = 0; k < _bitsPerCoordinate; k++)
            {
                var count = 0;
                for (var w = 0; w < words; w++) count += BitOperations.PopCount(bits[w] & _planes[k * words + w]);
                weighted += (long)count << k;
            }
            selected = _low * ones + _step * weighted;
        }
        return (2 * selected - _sum) / MathF.Sqrt(_dim);
    }
}
