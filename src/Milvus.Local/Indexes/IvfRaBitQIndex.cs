using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Milvus.Local.Indexes.Quantization;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>
/// IVF_RABITQ (Milvus 2.6; knowhere's RR + IVF + RaBitQ [+ Refine], as faiss's IndexIVFRaBitQ): k-means lists as in
/// IVF_FLAT, each row stored as the 1-bit RaBitQ code of its randomly rotated residual to its list's centroid. A
/// search probes the <c>nprobe</c> nearest lists and ranks rows by the codes' distance estimates (the query kept in
/// floats, or quantized to <c>rbq_bits_query</c> bits). With a refine copy (<c>refine</c> + <c>refine_type</c>) the
/// best <c>refine_k</c> x k estimates are re-scored with it; without one the estimates are the returned distances,
/// as in Milvus. COSINE rows are normalized before coding, so COSINE is coded as IP.
/// </summary>
internal sealed class IvfRaBitQIndex : IVectorIndex
{
    public const string TypeName = "IVF_RABITQ";
    private const int Magic = 0x31514252; // "RBQ1"

    private readonly float[] _centroids;        // lists x dim, in the prepared (normalized for COSINE) space
    private readonly float[] _rotatedCentroids; // the same, rotated
    private readonly int[] _offsets;            // list l holds slots _offsets[l].._offsets[l + 1]
    private readonly int[] _rows;               // slot -> row
    private readonly RandomRotation _rotation;
    private readonly RaBitQCodes _codes;        // by slot
    private readonly IGraphSpace? _refine;
    private readonly ConcurrentBag<Scratch> _scratch = new();

    private IvfRaBitQIndex(VectorSpace space, float[] centroids, int[] offsets, int[] rows, RandomRotation rotation, RaBitQCodes codes, string? refineType, IGraphSpace? refine)
    {
        RefineType = refineType;
        Space = space;
        _centroids = centroids;
        _offsets = offsets;
        _rows = rows;
        _rotation = rotation;
        _codes = codes;
        _refine = refine;
        _rotatedCentroids = new float[centroids.Length];
        for (var l = 0; l < ListCount; l++) rotation.Apply(centroids.AsSpan(l * space.Dim, space.Dim), _rotatedCentroids.AsSpan(l * space.Dim, space.Dim));
    }

    public string IndexType => TypeName;
    public VectorSpace Space { get; }
    public int ListCount => _offsets.Length - 1;

    /// <summary>The refine type the index re-ranks with (upper case, see <see cref="Refiners"/>), if any.</summary>
    public string? RefineType { get; }

    /// <summary>Bytes held per row: code, correction factors, list entry and refine codes (centroids and rotation excluded; FP32/FLAT re-rank with the column).</summary>
    public int BytesPerRow => _codes.BytesPerRow + sizeof(int) + (_refine is SqGraph sq ? sq.Codes.CodeSize : 0);

    /// <param name="refineType">The refine type (<see cref="Refiners.TypeOf"/>); null for none.</param>
    public static IvfRaBitQIndex Build(VectorSpace space, int nlist, string? refineType, CancellationToken cancellationToken)
    {
        var dim = space.Dim;
        var lists = Math.Max(1, Math.Min(nlist, space.Count));
        var trained = IvfIndex.Train(space, lists, cancellationToken);
        var assignment = new int[space.Count];
        Parallel.For(0, space.Count, new ParallelOptions { CancellationToken = cancellationToken }, row => assignment[row] = IvfIndex.Nearest(space, trained, space.Row(row)));
        var (offsets, rows) = InvertedLists.Group(assignment, lists);
        var centroids = Means(space, offsets, rows, trained);
        var rotation = RandomRotation.Create(dim);
        var index = new IvfRaBitQIndex(space, centroids, offsets, rows, rotation, RaBitQCodes.Allocate(dim, space.Count),
            refineType, Refiners.Build(refineType, space, cancellationToken));
        index.Encode(assignment, cancellationToken);
        return index;
    }

    /// <summary>Each list's centroid is the mean of its prepared rows, so residuals are as small as they can be.</summary>
    private static float[] Means(VectorSpace space, int[] offsets, int[] rows, float[] trained)
    {
        var dim = space.Dim;
        var centroids = trained.ToArray();
        Parallel.For(0, offsets.Length - 1, list =>
        {
            if (offsets[list] == offsets[list + 1]) return;
            var sum = new double[dim];
            for (var slot = offsets[list]; slot < offsets[list + 1]; slot++)
            {
                var v = space.RowAsQuery(rows[slot]);
                for (var d = 0; d < dim; d++) sum[d] += v[d];
            }
            var count = offsets[list + 1] - offsets[list];
            for (var d = 0; d < dim; d++) centroids[list * dim + d] = (float)(sum[d] / count);
        });
        return centroids;
    }

    private void Encode(int[] assignment, CancellationToken cancellationToken)
    {
        var dim = Space.Dim;
        var l2 = Space.Metric == Metric.L2;
        Parallel.For(0, _rows.Length, new ParallelOptions { CancellationToken = cancellationToken }, () => new float[dim], (slot, _, rotated) =>
        {
            var row = _rows[slot];
            _rotation.Apply(Space.RowAsQuery(row), rotated);
            _codes.Encode(slot, rotated, _rotatedCentroids.AsSpan(assignment[row] * dim, dim), l2);
            return rotated;
        }, _ => { });
    }

    public Candidate[] Search(float[] query, int k, RowMask mask, IndexSearchOptions options)
    {
        if (k <= 0 || _rows.Length == 0) return [];
        // The query tables, rotated query, residual and heaps are reused (one set per concurrent search), so a search
        // allocates only its hits.
        var s = _scratch.TryTake(out var taken) ? taken : new Scratch(Space.Dim, ListCount);
        try { return Search(query, k, mask, options, s); }
        finally { _scratch.Add(s); }
    }

    private Candidate[] Search(float[] query, int k, RowMask mask, IndexSearchOptions options, Scratch s)
    {
        var dim = Space.Dim;
        var l2 = Space.Metric == Metric.L2;
        var probes = NearestLists(query, Math.Min(options.Nprobe ?? IvfIndex.DefaultNprobe, ListCount), l2, s);
        var rotated = s.Rotated;
        _rotation.Apply(query, rotated);
        var residual = s.Residual;
        var prepared = s.Query(options.RbqBitsQuery ?? 0);
        var keep = _refine is null ? k : (int)Math.Min(_rows.Length, Math.Ceiling(k * (double)(options.RefineK ?? 1)));
        var results = s.Results;
        results.Clear();
        foreach (var probe in probes)
        {
            var list = probe.Id;
            var centre = _rotatedCentroids.AsSpan(list * dim, dim);
            for (var j = 0; j < dim; j++) residual[j] = rotated[j] - centre[j];
            // L2: |r - q'|^2 = |q'|^2 + |r|^2 - 2<r, q'>; IP: <x, q> = <c, q> + <r, c> + <r, q'>, with q' = q - c.
            var bias = l2 ? Dot(residual, residual) : Dot(query, _centroids.AsSpan(list * dim, dim));
            prepared.Prepare(residual);
            for (var slot = _offsets[list]; slot < _offsets[list + 1]; slot++)
            {
                var row = _rows[slot];
                if (!mask.Allows(row)) continue;
                var (estimate, addend) = _codes.Estimate(slot, prepared);
                var d = l2 ? bias + addend - 2 * estimate : -(bias + addend + estimate);
                results.Offer(keep, d, row);
            }
        }
        var hits = results.Items.ToArray();
        if (_refine is not null)
        {
            var encoded = _refine.Encode(query);
            for (var i = 0; i < hits.Length; i++) hits[i] = new Candidate(_refine.Distance(encoded, hits[i].Id), hits[i].Id);
        }
        Array.Sort(hits, static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));
        return hits.Length > k ? hits[..k] : hits;
    }

    /// <summary>The <paramref name="nprobe"/> lists nearest the query (unordered).</summary>
    private ReadOnlySpan<Candidate> NearestLists(float[] query, int nprobe, bool l2, Scratch s)
    {
        var dim = Space.Dim;
        for (var l = 0; l < ListCount; l++)
        {
            var centre = _centroids.AsSpan(l * dim, dim);
            s.ListDistances[l] = l2 ? Kernels.L2Squared(ref MemoryMarshal.GetArrayDataReference(query), ref MemoryMarshal.GetReference(centre), dim) : -Dot(query, centre);
        }
        return InvertedLists.Nearest(s.ListDistances, nprobe, s.Lists);
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        => Kernels.Dot(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length);

    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write(Magic);
        w.Write(Space.Count);
        w.Write(ListCount);
        w.Write(RefineType is null ? -1 : Array.IndexOf(Refiners.Types, RefineType.ToLowerInvariant()));
        InvertedLists.Write(w, _centroids, _offsets, _rows);
        w.Write(MemoryMarshal.AsBytes(_rotation.Matrix));
        _codes.Write(w);
        _refine?.Write(w);
        w.Flush();
        return stream.ToArray();
    }

    public static IvfRaBitQIndex Load(ReadOnlySpan<byte> bytes, VectorSpace space)
    {
        var header = MemoryMarshal.Cast<byte, int>(bytes[..16]);
        if (header[0] != Magic || header[1] != space.Count) throw new InvalidDataException("the stored IVF_RABITQ index does not match the segment");
        var lists = header[2];
        var dim = space.Dim;
        var reader = new SpanReader(bytes[16..]);
        var (centroids, offsets, rows) = InvertedLists.Read(ref reader, lists, dim, space.Count);
        var rotation = RandomRotation.FromMatrix(dim, reader.Floats(dim * dim));
        var codes = RaBitQCodes.Read(ref reader, dim, space.Count);
        var refineType = header[3] < 0 ? null : Refiners.Types[header[3]].ToUpperInvariant();
        return new IvfRaBitQIndex(space, centroids, offsets, rows, rotation, codes, refineType, Refiners.Read(refineType, ref reader, space));
    }

    /// <summary>One search's working buffers: the query's tables per rbq_bits_query, rotated query, residual, list distances, heaps.</summary>
    private sealed class Scratch(int dim, int lists)
    {
        private readonly RaBitQQuery?[] _queries = new RaBitQQuery?[9];

        public float[] Rotated { get; } = new float[dim];
        public float[] Residual { get; } = new float[dim];
        public float[] ListDistances { get; } = new float[lists];
        public BinaryHeap<Candidate, FarthestFirst> Lists { get; } = new();
        public BinaryHeap<Candidate, FarthestFirst> Results { get; } = new();

        /// <summary>The prepared-query buffers for a query quantized to <paramref name="bits"/> bits (0: kept in floats).</summary>
        public RaBitQQuery Query(int bits) => _queries[bits] ??= new RaBitQQuery(dim, bits);
    }
}
