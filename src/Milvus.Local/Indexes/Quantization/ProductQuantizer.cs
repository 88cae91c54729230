using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes.Quantization;

/// <summary>
/// A product quantizer as faiss's ProductQuantizer: the dimensions split into <see cref="M"/> sub-spaces of
/// <see cref="SubDim"/> each, a codebook of 2^<see cref="Nbits"/> centroids per sub-space trained with k-means, and a
/// vector stored as the index of its nearest centroid in every sub-space, packed little-endian at <see cref="Nbits"/>
/// bits each (faiss's PQEncoderGeneric layout: 8 bits are one byte per sub-space, 4 bits two per byte, low nibble
/// first). A query is compared with codes through an asymmetric distance table (the query is not quantized):
/// one entry per (sub-space, centroid), summed over the code's centroids.
/// </summary>
/// <remarks>
/// Distances follow <see cref="VectorSpace"/>: smaller is closer; squared L2 for L2, the negated inner product
/// for IP and COSINE (COSINE expects vectors and queries already normalized, as knowhere normalizes them).
/// </remarks>
internal sealed class ProductQuantizer
{
    /// <summary>Milvus's (knowhere's) nbits when an index gives none.</summary>
    public const int DefaultNbits = 8;

    public const int MaxNbits = 16;

    private const int Magic = 0x31305150; // "PQ01"
    private const int TrainingIterations = 20;

    /// <summary>faiss samples at most this many training rows per centroid (its max_points_per_centroid is 256; fewer keep builds short here).</summary>
    private const int TrainingRowsPerCentroid = 64;

    private const int TrainingSeed = 1234;

    private readonly float[] _codebooks; // M x Ksub x SubDim

    private ProductQuantizer(int dim, int m, int nbits, float[] codebooks)
    {
        Dim = dim;
        M = m;
        Nbits = nbits;
        _codebooks = codebooks;
    }

    public int Dim { get; }

    /// <summary>Sub-quantizers (sub-spaces).</summary>
    public int M { get; }

    /// <summary>Bits per sub-quantizer code.</summary>
    public int Nbits { get; }

    public int SubDim => Dim / M;

    /// <summary>Centroids per sub-space.</summary>
    public int Ksub => 1 << Nbits;

    /// <summary>Bytes of one encoded vector.</summary>
    public int CodeSize => (M * Nbits + 7) / 8;

    /// <summary>Floats a distance table holds (see <see cref="ComputeTable"/>).</summary>
    public int TableLength => PairedNibbles ? M / 2 * 256 : M * Ksub;

    /// <summary>Bytes the codebooks take.</summary>
    public long CodebookBytes => (long)_codebooks.Length * sizeof(float);

    // 4-bit codes, two per byte: the table is folded to one 256-entry table per byte (both nibbles' entries
    // summed), so a distance is one lookup per byte, as fast-scan's paired lookups do.
    private bool PairedNibbles => Nbits == 4 && M % 2 == 0;

    /// <summary>
    /// Trains the codebooks on <paramref name="count"/> rows of <paramref name="vectors"/> (row-major, <paramref name="dim"/>
    /// floats each); an evenly spaced sample of at most 64 rows per centroid is used.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="m"/> does not divide <paramref name="dim"/>, nbits is outside 1..16, or fewer rows than centroids.</exception>
    public static ProductQuantizer Train(float[] vectors, int count, int dim, int m, int nbits = DefaultNbits, CancellationToken cancellationToken = default)
    {
        if (m <= 0 || dim % m != 0)
            throw new ArgumentException($"The dimension of a vector (dim) should be a multiple of the number of subquantizers (m). Dimension: {dim}, m: {m}");
        if (nbits is < 1 or > MaxNbits) throw new ArgumentOutOfRangeException(nameof(nbits), nbits, $"nbits should be in range [1, {MaxNbits}]");
        var ksub = 1 << nbits;
        var subDim = dim / m;
        var sampleSize = (int)Math.Min(count, (long)ksub * TrainingRowsPerCentroid);
        var codebooks = new float[m * ksub * subDim];
        var slice = new float[sampleSize * subDim];
        for (var sub = 0; sub < m; sub++)
        {
            for (var i = 0; i < sampleSize; i++)
            {
                var row = (int)((long)i * count / sampleSize);
                vectors.AsSpan(row * dim + sub * subDim, subDim).CopyTo(slice.AsSpan(i * subDim, subDim));
            }
            var centroids = KMeans.Train(slice, sampleSize, subDim, ksub, TrainingIterations, TrainingSeed + sub, cancellationToken);
            centroids.CopyTo(codebooks, sub * ksub * subDim);
        }
        return new ProductQuantizer(dim, m, nbits, codebooks);
    }

    private ReadOnlySpan<float> Codebook(int sub) => _codebooks.AsSpan(sub * Ksub * SubDim, Ksub * SubDim);

    /// <summary>The code of one vector (<see cref="CodeSize"/> bytes): its nearest centroid per sub-space.</summary>
    public void Encode(ReadOnlySpan<float> vector, Span<byte> code)
    {
        code[..CodeSize].Clear();
        for (var sub = 0; sub < M; sub++) Write(code, sub, KMeans.Nearest(Codebook(sub), Ksub, SubDim, vector.Slice(sub * SubDim, SubDim)));
    }

    /// <summary>The codes of <paramref name="count"/> row-major vectors, one after another (encoded in parallel).</summary>
    public byte[] EncodeAll(float[] vectors, int count, CancellationToken cancellationToken = default)
    {
        var codes = new byte[(long)count * CodeSize];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken },
            row => Encode(vectors.AsSpan(row * Dim, Dim), codes.AsSpan(row * CodeSize, CodeSize)));
        return codes;
    }

    /// <summary>The vector a code stands for (each sub-space's centroid).</summary>
    public void Decode(ReadOnlySpan<byte> code, Span<float> vector)
    {
        for (var sub = 0; sub < M; sub++)
            Codebook(sub).Slice(Read(code, sub) * SubDim, SubDim).CopyTo(vector.Slice(sub * SubDim, SubDim));
    }

    /// <summary>
    /// Fills <paramref name="table"/> (<see cref="TableLength"/> floats) with the distance contribution of every centroid
    /// of every sub-space to <paramref name="query"/>: its squared L2 distance for L2, its negated inner product for IP
    /// and COSINE. <see cref="Distance"/> then sums a code's entries.
    /// </summary>
    public void ComputeTable(ReadOnlySpan<float> query, Metric metric, Span<float> table)
    {
        if (!PairedNibbles)
        {
            ComputeSubTables(query, metric, table);
            return;
        }
        // Paired nibbles: the per-sub-space tables are built first, then folded into the caller's.
        var entries = SubTableLength;
        Span<float> full = entries <= 4096 ? stackalloc float[entries] : new float[entries];
        ComputeSubTables(query, metric, full);
        for (var pair = 0; pair < M / 2; pair++)
        {
            var low = full.Slice(pair * 32, 16);
            var high = full.Slice(pair * 32 + 16, 16);
            var folded = table.Slice(pair * 256, 256);
            for (var b = 0; b < 256; b++) folded[b] = low[b & 15] + high[b >> 4];
        }
    }

    /// <summary>Floats of the unfolded tables (<see cref="ComputeSubTables"/>): one per (sub-space, centroid).</summary>
    public int SubTableLength => M * Ksub;

    /// <summary>
    /// Fills <paramref name="table"/> (<see cref="SubTableLength"/> floats) with one entry per (sub-space, centroid), never
    /// folded: what <see cref="ComputeTable"/> folds for paired nibbles, and what fast-scan quantizes.
    /// </summary>
    public void ComputeSubTables(ReadOnlySpan<float> query, Metric metric, Span<float> table)
    {
        var l2 = metric == Metric.L2;
        ref var c0 = ref MemoryMarshal.GetArrayDataReference(_codebooks);
        ref var q0 = ref MemoryMarshal.GetReference(query);
        for (var sub = 0; sub < M; sub++)
        {
            ref var q = ref Unsafe.Add(ref q0, sub * SubDim);
            for (var c = 0; c < Ksub; c++)
            {
                ref var centroid = ref Unsafe.Add(ref c0, (sub * Ksub + c) * SubDim);
                table[sub * Ksub + c] = l2 ? Kernels.L2Squared(ref q, ref centroid, SubDim) : -Kernels.Dot(ref q, ref centroid, SubDim);
            }
        }
    }

    /// <summary>The approximate distance of the table's query to an encoded vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Distance(ReadOnlySpan<float> table, ReadOnlySpan<byte> code)
    {
        if (Nbits == 8 || PairedNibbles)
        {
            // One byte, one 256-entry table.
            var bytes = CodeSize;
            ref var t = ref MemoryMarshal.GetReference(table);
            ref var b = ref MemoryMarshal.GetReference(code);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            var i = 0;
            for (; i <= bytes - 4; i += 4)
            {
                s0 += Unsafe.Add(ref t, (i << 8) + Unsafe.Add(ref b, i));
                s1 += Unsafe.Add(ref t, ((i + 1) << 8) + Unsafe.Add(ref b, i + 1));
                s2 += Unsafe.Add(ref t, ((i + 2) << 8) + Unsafe.Add(ref b, i + 2));
                s3 += Unsafe.Add(ref t, ((i + 3) << 8) + Unsafe.Add(ref b, i + 3));
            }
            for (; i < bytes; i++) s0 += Unsafe.Add(ref t, (i << 8) + Unsafe.Add(ref b, i));
            return s0 + s1 + (s2 + s3);
        }
        var sum = 0f;
        for (var sub = 0; sub < M; sub++) sum += table[sub * Ksub + Read(code, sub)];
        return sum;
    }

    /// <summary>Centroid index of sub-space <paramref name="sub"/> in a code (bits <c>sub * Nbits</c> onwards, least significant first).</summary>
    public int Read(ReadOnlySpan<byte> code, int sub)
    {
        var bit = sub * Nbits;
        var value = 0;
        for (var got = 0; got < Nbits;)
        {
            var shift = bit & 7;
            var take = Math.Min(8 - shift, Nbits - got);
            value |= ((code[bit >> 3] >> shift) & ((1 << take) - 1)) << got;
            got += take;
            bit += take;
        }
        return value;
    }

    private void Write(Span<byte> code, int sub, int value)
    {
        var bit = sub * Nbits;
        for (var put = 0; put < Nbits;)
        {
            var shift = bit & 7;
            var take = Math.Min(8 - shift, Nbits - put);
            code[bit >> 3] |= (byte)(((value >> put) & ((1 << take) - 1)) << shift);
            put += take;
            bit += take;
        }
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Magic);
        w.Write(Dim);
        w.Write(M);
        w.Write(Nbits);
        w.Write(MemoryMarshal.AsBytes(_codebooks.AsSpan()));
    }

    public static ProductQuantizer Read(ref SpanReader reader)
    {
        var header = reader.Ints(4);
        if (header[0] != Magic) throw new InvalidDataException("not a stored product quantizer");
        var (dim, m, nbits) = (header[1], header[2], header[3]);
        return new ProductQuantizer(dim, m, nbits, reader.Floats((1 << nbits) * dim));
    }

    /// <summary>The codebooks alone as bytes (<see cref="Load"/> reads them back).</summary>
    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        Write(w);
        w.Flush();
        return stream.ToArray();
    }

    public static ProductQuantizer Load(ReadOnlySpan<byte> bytes)
    {
        var reader = new SpanReader(bytes);
        return Read(ref reader);
    }
}
