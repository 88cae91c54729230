using System.Runtime.InteropServices;
using Milvus.Local.Indexes.Quantization;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>
/// Inverted-file index: k-means (<see cref="KMeans"/>, seeded, 10 rounds over a sample) splits the rows into
/// <c>nlist</c> lists around centroids; a search scans only the <c>nprobe</c> lists whose centroids are nearest the
/// query. IVF_FLAT scans the segment's own vectors; IVF_SQ8 scans one byte per dimension (<see cref="ScalarCodes"/>' SQ8, faiss's QT_8bit, as
/// HNSW_SQ and the refines encode it), so its distances are the quantized ones, as in Milvus.
/// </summary>
internal sealed class IvfIndex : IVectorIndex
{
    private const int Magic = 0x31465649; // "IVF1"
    private const int TrainingRounds = 10;
    private const int TrainingSeed = 1234;

    /// <summary>knowhere's IVF nprobe when a search gives none.</summary>
    public const int DefaultNprobe = 8;

    private readonly float[] _centroids;   // nlist x dim
    private readonly int[] _offsets;       // list l holds _rows[_offsets[l].._offsets[l + 1]]
    private readonly int[] _rows;
    // Stored code formats (the header's fourth int): none (IVF_FLAT); the per-dimension min/step codes IVF_SQ8 wrote
    // before it shared ScalarCodes (read by encoding the segment's rows again); ScalarCodes' SQ8.
    private const int NoCodes = 0;
    private const int MinStepSq8 = 1;
    private const int ScalarSq8 = 2;

    private readonly ScalarCodes? _codes;

    private IvfIndex(VectorSpace space, bool quantized, float[] centroids, int[] offsets, int[] rows, ScalarCodes? codes)
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
        return new IvfIndex(space, quantized, centroids, offsets, rows, quantized ? ScalarCodes.Encode(space, ScalarType.SQ8, cancellationToken) : null);
    }

    /// <summary>
    /// The coarse centroids: <see cref="KMeans"/> in the index's metric over an evenly spaced sample of the rows as they
    /// are searched (normalized for COSINE), the one k-means every IVF type trains with.
    /// </summary>
    internal static float[] Train(VectorSpace space, int lists, CancellationToken cancellationToken)
    {
        var dim = space.Dim;
        var (sample, _) = InvertedLists.TrainingSample(space.Count, lists);
        var training = new float[sample.Length * dim];
        Parallel.For(0, sample.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => space.RowAsQuery(sample[i]).CopyTo(training, i * dim));
        return KMeans.Train(training, sample.Length, dim, lists, TrainingRounds, TrainingSeed, cancellationToken, space.Metric == Metric.L2 ? Metric.L2 : Metric.IP);
    }

    /// <summary>The list of a stored row: its centroid nearest in the index's metric (COSINE rows normalized first).</summary>
    internal static int Nearest(VectorSpace space, float[] centroids, ReadOnlySpan<float> row)
        => KMeans.Nearest(centroids, centroids.Length / space.Dim, space.Dim, space.Prepare(row), space.Metric);

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
        var results = new BinaryHeap<Candidate, FarthestFirst>(k + 1);
        var decoded = _codes is null ? null : new float[dim];
        foreach (var probe in probes)
        {
            for (var i = _offsets[probe.Id]; i < _offsets[probe.Id + 1]; i++)
            {
                var row = _rows[i];
                if (!mask.Allows(row)) continue;
                var d = _codes is null ? Space.Distance(query, row) : CodeDistance(query, row, decoded!);
                results.Offer(k, d, row);
            }
        }
        var hits = results.Items.ToArray();
        Array.Sort(hits, (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));
        return hits;
    }

    /// <summary>
    /// A prepared query's distance to a row's decoded SQ8 code. COSINE divides by the decoded row's norm (codes hold
    /// normalized rows): the part of the quantization error along the row cancels, which near-parallel neighbours need
    /// (as the earlier IVF_SQ8 codes did, and knowhere's cosine wrappers divide by the row's norm).
    /// </summary>
    private float CodeDistance(float[] query, int row, float[] decoded)
    {
        _codes!.Decode(row, decoded);
        ref var q = ref MemoryMarshal.GetArrayDataReference(query);
        ref var v = ref MemoryMarshal.GetArrayDataReference(decoded);
        var dim = decoded.Length;
        return Space.Metric switch
        {
            Metric.L2 => Kernels.L2Squared(ref q, ref v, dim),
            Metric.Cosine => -Kernels.Dot(ref q, ref v, dim) / MathF.Max(MathF.Sqrt(Kernels.Dot(ref v, ref v, dim)), float.Epsilon),
            _ => -Kernels.Dot(ref q, ref v, dim),
        };
    }

    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write(Magic);
        w.Write(Space.Count);
        w.Write(ListCount);
        w.Write(_codes is null ? NoCodes : ScalarSq8);
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
        var codes = header[3] switch
        {
            ScalarSq8 => ScalarCodes.Read(ref reader, space, ScalarType.SQ8),
            // The older codes are derived data: the segment's rows are encoded again; the lists stay as stored.
            MinStepSq8 => ScalarCodes.Encode(space, ScalarType.SQ8, CancellationToken.None),
            _ => null,
        };
        return new IvfIndex(space, codes is not null, centroids, offsets, rows, codes);
    }
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
