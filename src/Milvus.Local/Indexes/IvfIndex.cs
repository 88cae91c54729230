using System.Runtime.InteropServices;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>
/// Inverted-file index: k-means (seeded, 10 rounds over a sample) splits the rows into <c>nlist</c> lists around
/// centroids; a search scans only the <c>nprobe</c> lists whose centroids are nearest the query. IVF_FLAT scans the
/// segment's own vectors; IVF_SQ8 scans one byte per dimension (per-dimension min/step scalar quantization), so
/// its distances are the quantized ones, as in Milvus.
/// </summary>
internal sealed class IvfIndex : IVectorIndex
{
    private const int Magic = 0x31465649; // "IVF1"
    private const int TrainingRounds = 10;

    /// <summary>knowhere's IVF nprobe when a search gives none.</summary>
    public const int DefaultNprobe = 8;

    private readonly float[] _centroids;   // nlist x dim
    private readonly int[] _offsets;       // list l holds _rows[_offsets[l].._offsets[l + 1]]
    private readonly int[] _rows;
    private readonly Sq8Codes? _codes;

    private IvfIndex(VectorSpace space, bool quantized, float[] centroids, int[] offsets, int[] rows, Sq8Codes? codes)
    {
        Space = space;
        IndexType = quantized ? "IVF_SQ8" : "IVF_FLAT";
        _centroids = centroids;
        _offsets = offsets;
        _rows = rows;
        _codes = codes;
    }

    public string IndexType { get; }
    public VectorSpace Space { get; }
    public int ListCount => _offsets.Length - 1;

    public static IvfIndex Build(VectorSpace space, int nlist, bool quantized, CancellationToken cancellationToken)
    {
        var lists = Math.Max(1, Math.Min(nlist, space.Count));
        var centroids = Train(space, lists, cancellationToken);
        var assignment = new int[space.Count];
        Parallel.For(0, space.Count, new ParallelOptions { CancellationToken = cancellationToken }, row => assignment[row] = Nearest(space, centroids, space.Row(row)));
        var (offsets, rows) = InvertedLists.Group(assignment, lists);
        return new IvfIndex(space, quantized, centroids, offsets, rows, quantized ? Sq8Codes.Encode(space) : null);
    }

    /// <summary>Lloyd's k-means on an evenly spaced sample, centroids seeded from distinct sample rows.</summary>
    internal static float[] Train(VectorSpace space, int lists, CancellationToken cancellationToken)
    {
        var dim = space.Dim;
        var (sample, seeds) = InvertedLists.TrainingSample(space.Count, lists);
        var sampleSize = sample.Length;
        var centroids = new float[lists * dim];
        for (var l = 0; l < lists; l++) space.Row(seeds[l]).CopyTo(centroids.AsSpan(l * dim, dim));
        var assignment = new int[sampleSize];
        for (var round = 0; round < TrainingRounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = centroids;
            Parallel.For(0, sampleSize, i => assignment[i] = Nearest(space, current, space.Row(sample[i])));
            var sums = new double[lists * dim];
            var counts = new int[lists];
            for (var i = 0; i < sampleSize; i++)
            {
                var l = assignment[i];
                counts[l]++;
                var row = space.Row(sample[i]);
                for (var d = 0; d < dim; d++) sums[l * dim + d] += row[d];
            }
            var next = new float[lists * dim];
            for (var l = 0; l < lists; l++)
            {
                // An empty list keeps its centroid (rare with seeds drawn from the sample).
                if (counts[l] == 0) { centroids.AsSpan(l * dim, dim).CopyTo(next.AsSpan(l * dim, dim)); continue; }
                for (var d = 0; d < dim; d++) next[l * dim + d] = (float)(sums[l * dim + d] / counts[l]);
            }
            centroids = next;
        }
        return centroids;
    }

    internal static int Nearest(VectorSpace space, float[] centroids, ReadOnlySpan<float> row)
    {
        var best = 0;
        var bestDistance = float.MaxValue;
        var dim = space.Dim;
        var query = space.Prepare(row);
        for (var l = 0; l < centroids.Length / dim; l++)
        {
            var d = CentroidDistance(space, query, centroids.AsSpan(l * dim, dim));
            if (d < bestDistance) { bestDistance = d; best = l; }
        }
        return best;
    }

    /// <summary>Distance of a prepared query to a centroid: squared L2, or negated inner product for IP and COSINE.</summary>
    private static float CentroidDistance(VectorSpace space, float[] query, ReadOnlySpan<float> centroid)
    {
        ref var q = ref MemoryMarshal.GetArrayDataReference(query);
        ref var c = ref MemoryMarshal.GetReference(centroid);
        return space.Metric == Metric.L2 ? Kernels.L2Squared(ref q, ref c, space.Dim) : -Kernels.Dot(ref q, ref c, space.Dim);
    }

    public Candidate[] Search(float[] query, int k, RowMask mask, IndexSearchOptions options)
    {
        if (k <= 0 || _rows.Length == 0) return [];
        var nprobe = Math.Min(options.Nprobe ?? DefaultNprobe, ListCount);
        var dim = Space.Dim;
        var probes = InvertedLists.Nearest(ListCount, nprobe, l => CentroidDistance(Space, query, _centroids.AsSpan(l * dim, dim)));
        var results = new NodeHeap(nearestFirst: false, k + 1);
        var scratch = _codes is null ? null : new float[dim];
        foreach (var probe in probes)
        {
            for (var i = _offsets[probe.Id]; i < _offsets[probe.Id + 1]; i++)
            {
                var row = _rows[i];
                if (!mask.Allows(row)) continue;
                var d = _codes is null ? Space.Distance(query, row) : _codes.Distance(Space, query, row, scratch!);
                if (results.Count < k) results.Push(new Candidate(d, row));
                else if (d < results.Top.Distance) { results.Pop(); results.Push(new Candidate(d, row)); }
            }
        }
        var hits = results.Items.ToArray();
        Array.Sort(hits, (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));
        return hits;
    }

    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write(Magic);
        w.Write(Space.Count);
        w.Write(ListCount);
        w.Write(_codes is null ? 0 : 1);
        InvertedLists.Write(w, _centroids, _offsets, _rows);
        _codes?.Write(w);
        w.Flush();
        return stream.ToArray();
    }

    public static IvfIndex Load(ReadOnlySpan<byte> bytes, VectorSpace space)
    {
        var header = MemoryMarshal.Cast<byte, int>(bytes[..16]);
        if (header[0] != Magic || header[1] != space.Count) throw new InvalidDataException("the stored IVF index does not match the segment");
        var lists = header[2];
        var reader = new SpanReader(bytes[16..]);
        var (centroids, offsets, rows) = InvertedLists.Read(ref reader, lists, space.Dim, space.Count);
        var codes = header[3] == 1 ? Sq8Codes.Read(ref reader, space) : null;
        return new IvfIndex(space, codes is not null, centroids, offsets, rows, codes);
    }
}

/// <summary>Per-dimension 8-bit codes: value ≈ min + code × step.</summary>
internal sealed class Sq8Codes(float[] min, float[] step, byte[] codes)
{
    public static Sq8Codes Encode(VectorSpace space)
    {
        var dim = space.Dim;
        var min = Enumerable.Repeat(float.MaxValue, dim).ToArray();
        var max = Enumerable.Repeat(float.MinValue, dim).ToArray();
        for (var row = 0; row < space.Count; row++)
        {
            var v = space.Row(row);
            for (var d = 0; d < dim; d++) { min[d] = Math.Min(min[d], v[d]); max[d] = Math.Max(max[d], v[d]); }
        }
        var step = new float[dim];
        for (var d = 0; d < dim; d++) step[d] = max[d] > min[d] ? (max[d] - min[d]) / 255 : 0;
        var codes = new byte[space.Count * dim];
        Parallel.For(0, space.Count, row =>
        {
            var v = space.Row(row);
            for (var d = 0; d < dim; d++)
                codes[row * dim + d] = step[d] == 0 ? (byte)0 : (byte)Math.Clamp(MathF.Round((v[d] - min[d]) / step[d]), 0, 255);
        });
        return new Sq8Codes(min, step, codes);
    }

    /// <summary>The distance of a prepared query to a row's decoded vector.</summary>
    public float Distance(VectorSpace space, float[] query, int row, float[] scratch)
    {
        var dim = scratch.Length;
        var code = codes.AsSpan(row * dim, dim);
        for (var d = 0; d < dim; d++) scratch[d] = min[d] + code[d] * step[d];
        ref var q = ref MemoryMarshal.GetArrayDataReference(query);
        ref var v = ref MemoryMarshal.GetArrayDataReference(scratch);
        return space.Metric switch
        {
            Metric.L2 => Kernels.L2Squared(ref q, ref v, dim),
            Metric.IP => -Kernels.Dot(ref q, ref v, dim),
            _ => -Kernels.Dot(ref q, ref v, dim) / MathF.Max(MathF.Sqrt(Kernels.Dot(ref v, ref v, dim)), float.Epsilon),
        };
    }

    public void Write(BinaryWriter w)
    {
        w.Write(MemoryMarshal.AsBytes(min.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(step.AsSpan()));
        w.Write(codes);
    }

    public static Sq8Codes Read(ref SpanReader reader, VectorSpace space)
        => new(reader.Floats(space.Dim), reader.Floats(space.Dim), reader.Bytes(space.Count * space.Dim));
}

/// <summary>Reads arrays off a stored blob in order.</summary>
internal ref struct SpanReader(ReadOnlySpan<byte> bytes)
{
    private ReadOnlySpan<byte> _rest = bytes;

    public byte[] Bytes(int count) => Take(count).ToArray();

    /// <summary>Fills <paramref name="destination"/> with the next bytes.</summary>
    public void CopyTo(Span<byte> destination) => Take(destination.Length).CopyTo(destination);

    /// <summary>The bytes not read yet.</summary>
    public readonly ReadOnlySpan<byte> Rest => _rest;

    public int[] Ints(int count) => MemoryMarshal.Cast<byte, int>(Take(count * sizeof(int))).ToArray();

    public float[] Floats(int count) => MemoryMarshal.Cast<byte, float>(Take(count * sizeof(float))).ToArray();

    private ReadOnlySpan<byte> Take(int count)
    {
        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
