using System.Buffers;
using System.Runtime.InteropServices;
using Milvus.Local.Indexes.Quantization;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>
/// Inverted file over product-quantized residuals, as faiss's IndexIVFPQ (by_residual): k-means splits the rows into
/// <c>nlist</c> lists, each row is stored as the PQ code of its difference from its list's centroid, and a search
/// scans the codes of the <c>nprobe</c> nearest lists through an asymmetric distance table (for L2 one table per
/// list, built on the query minus the centroid; for IP one table plus the query's product with the centroid). COSINE
/// works on normalized vectors, as knowhere normalizes them. IVF_PQ returns the codes' distances, as Milvus does.
/// <para>
/// SCANN is built the way knowhere builds it: the same structure with 4-bit codes over sub-spaces of
/// <c>sub_dim</c> (2) dimensions (faiss's IVFPQFastScan), and, with <c>with_raw_data</c> (default true), the
/// <c>reorder_k</c> best candidates by code distance re-ranked by their exact distance to the raw vectors (faiss's
/// IndexRefine), which are the segment's own vectors here (not a second copy).
/// </para>
/// </summary>
internal sealed class IvfPqIndex : IVectorIndex
{
    public const string IvfPq = "IVF_PQ";
    public const string Scann = "SCANN";

    /// <summary>knowhere's SCANN sub_dim default: dimensions per 4-bit sub-quantizer.</summary>
    public const int DefaultScannSubDim = 2;

    private const int ScannNbits = 4;
    private const int Magic = 0x51505649; // "IVPQ"
    private const int CoarseIterations = 10;
    private const int CoarseSeed = 1234;

    private readonly float[] _centroids;   // nlist x dim, in the space the rows were encoded in
    private readonly int[] _offsets;       // list l holds positions _offsets[l].._offsets[l + 1]
    private readonly int[] _rows;          // row of each position
    private readonly byte[] _codes;        // PQ code of each position's residual
    private readonly ProductQuantizer _pq;
    private readonly bool _rerank;

    private IvfPqIndex(VectorSpace space, string indexType, bool rerank, float[] centroids, int[] offsets, int[] rows, byte[] codes, ProductQuantizer pq)
    {
        Space = space;
        IndexType = indexType;
        _rerank = rerank;
        _centroids = centroids;
        _offsets = offsets;
        _rows = rows;
        _codes = codes;
        _pq = pq;
    }

    public string IndexType { get; }
    public VectorSpace Space { get; }
    public int ListCount => _offsets.Length - 1;
    public ProductQuantizer Quantizer => _pq;

    /// <summary>Bytes the index holds beyond the segment's vectors: codes, row numbers, list offsets, centroids, codebooks.</summary>
    public long MemoryBytes => _codes.LongLength + (long)_rows.Length * sizeof(int) + (long)_offsets.Length * sizeof(int)
        + (long)_centroids.Length * sizeof(float) + _pq.CodebookBytes;

    /// <summary>IVF_PQ with <paramref name="m"/> sub-quantizers of <paramref name="nbits"/> bits.</summary>
    public static IvfPqIndex BuildIvfPq(VectorSpace space, int nlist, int m, int nbits, CancellationToken cancellationToken)
        => Build(space, IvfPq, nlist, m, nbits, rerank: false, cancellationToken);

    /// <summary>SCANN: 4-bit codes over sub-spaces of <paramref name="subDim"/> dimensions, raw-vector re-ranking when <paramref name="withRawData"/>.</summary>
    public static IvfPqIndex BuildScann(VectorSpace space, int nlist, int subDim, bool withRawData, CancellationToken cancellationToken)
        => Build(space, Scann, nlist, space.Dim / subDim, ScannNbits, withRawData, cancellationToken);

    private static IvfPqIndex Build(VectorSpace space, string indexType, int nlist, int m, int nbits, bool rerank, CancellationToken cancellationToken)
    {
        var (count, dim) = (space.Count, space.Dim);
        var lists = Math.Max(1, Math.Min(nlist, count));
        // The rows as encoded: normalized for COSINE (knowhere normalizes), as they are otherwise.
        var vectors = new float[(long)count * dim];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, row => space.RowAsQuery(row).CopyTo(vectors, (long)row * dim));
        var (sample, _) = InvertedLists.TrainingSample(count, lists);
        var training = new float[sample.Length * dim];
        for (var i = 0; i < sample.Length; i++) vectors.AsSpan(sample[i] * dim, dim).CopyTo(training.AsSpan(i * dim, dim));
        var centroids = KMeans.Train(training, sample.Length, dim, lists, CoarseIterations, CoarseSeed, cancellationToken);
        var assignment = new int[count];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, row =>
        {
            var vector = vectors.AsSpan(row * dim, dim);
            var list = assignment[row] = NearestList(space.Metric, centroids, dim, vector);
            // The residual replaces the vector: only residuals are encoded.
            for (var d = 0; d < dim; d++) vector[d] -= centroids[list * dim + d];
        });
        var pq = ProductQuantizer.Train(vectors, count, dim, m, nbits, cancellationToken);
        var rowCodes = pq.EncodeAll(vectors, count, cancellationToken);
        var (offsets, rows) = InvertedLists.Group(assignment, lists);
        // Codes in list order, so a probe reads one contiguous run.
        var codes = new byte[rowCodes.LongLength];
        for (var position = 0; position < rows.Length; position++)
            rowCodes.AsSpan(rows[position] * pq.CodeSize, pq.CodeSize).CopyTo(codes.AsSpan(position * pq.CodeSize, pq.CodeSize));
        return new IvfPqIndex(space, indexType, rerank, centroids, offsets, rows, codes, pq);
    }

    /// <summary>The list a vector belongs to: nearest centroid in L2, largest inner product for IP and COSINE (faiss's IP quantizer).</summary>
    private static int NearestList(Metric metric, float[] centroids, int dim, ReadOnlySpan<float> vector)
    {
        if (metric == Metric.L2) return KMeans.Nearest(centroids, centroids.Length / dim, dim, vector);
        var best = 0;
        var bestDistance = float.MaxValue;
        for (var l = 0; l < centroids.Length / dim; l++)
        {
            var d = CoarseDistance(metric, vector, centroids.AsSpan(l * dim, dim));
            if (d < bestDistance) { bestDistance = d; best = l; }
        }
        return best;
    }

    private static float CoarseDistance(Metric metric, ReadOnlySpan<float> query, ReadOnlySpan<float> centroid)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var c = ref MemoryMarshal.GetReference(centroid);
        return metric == Metric.L2 ? Kernels.L2Squared(ref q, ref c, query.Length) : -Kernels.Dot(ref q, ref c, query.Length);
    }

    public Candidate[] Search(float[] query, int k, RowMask mask, IndexSearchOptions options)
    {
        if (k <= 0 || _rows.Length == 0) return [];
        var dim = Space.Dim;
        var metric = Space.Metric;
        var nprobe = Math.Min(options.Nprobe ?? IvfIndex.DefaultNprobe, ListCount);
        var probes = new NodeHeap(nearestFirst: false, nprobe + 1);
        for (var l = 0; l < ListCount; l++)
        {
            var d = CoarseDistance(metric, query, _centroids.AsSpan(l * dim, dim));
            if (probes.Count < nprobe) probes.Push(new Candidate(d, l));
            else if (d < probes.Top.Distance) { probes.Pop(); probes.Push(new Candidate(d, l)); }
        }
        var keep = _rerank ? Math.Max(k, options.ReorderK ?? k) : k;
        var results = new NodeHeap(nearestFirst: false, keep + 1);
        var table = ArrayPool<float>.Shared.Rent(_pq.TableLength);
        var residual = ArrayPool<float>.Shared.Rent(dim);
        try
        {
            if (metric != Metric.L2) _pq.ComputeTable(query, metric, table);
            var codeSize = _pq.CodeSize;
            foreach (var probe in probes.Items)
            {
                var list = probe.Id;
                var centroid = _centroids.AsSpan(list * dim, dim);
                var bias = 0f;
                if (metric == Metric.L2)
                {
                    for (var d = 0; d < dim; d++) residual[d] = query[d] - centroid[d];
                    _pq.ComputeTable(residual.AsSpan(0, dim), metric, table);
                }
                else bias = probe.Distance; // the negated product with the centroid
                for (var position = _offsets[list]; position < _offsets[list + 1]; position++)
                {
                    var row = _rows[position];
                    if (!mask.Allows(row)) continue;
                    var distance = bias + _pq.Distance(table, _codes.AsSpan(position * codeSize, codeSize));
                    if (results.Count < keep) results.Push(new Candidate(distance, row));
                    else if (distance < results.Top.Distance) { results.Pop(); results.Push(new Candidate(distance, row)); }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(table);
            ArrayPool<float>.Shared.Return(residual);
        }
        var hits = _rerank
            ? results.Items.ToArray().Select(c => new Candidate(Space.Distance(query, c.Id), c.Id)).ToArray()
            : results.Items.ToArray();
        Array.Sort(hits, (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));
        return hits.Length > k ? hits[..k] : hits;
    }

    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write(Magic);
        w.Write(Space.Count);
        w.Write(ListCount);
        w.Write(IndexType == Scann ? 1 : 0);
        w.Write(_rerank ? 1 : 0);
        w.Write(MemoryMarshal.AsBytes(_centroids.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(_offsets.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(_rows.AsSpan()));
        _pq.Write(w);
        w.Write(_codes);
        w.Flush();
        return stream.ToArray();
    }

    public static IvfPqIndex Load(ReadOnlySpan<byte> bytes, VectorSpace space)
    {
        var header = MemoryMarshal.Cast<byte, int>(bytes[..20]);
        if (header[0] != Magic || header[1] != space.Count) throw new InvalidDataException("the stored IVF_PQ / SCANN index does not match the segment");
        var lists = header[2];
        var reader = new SpanReader(bytes[20..]);
        var centroids = reader.Floats(lists * space.Dim);
        var offsets = reader.Ints(lists + 1);
        var rows = reader.Ints(space.Count);
        var pq = ProductQuantizer.Read(ref reader);
        var codes = reader.Bytes(space.Count * pq.CodeSize);
        return new IvfPqIndex(space, header[3] == 1 ? Scann : IvfPq, header[4] == 1, centroids, offsets, rows, codes, pq);
    }
}
