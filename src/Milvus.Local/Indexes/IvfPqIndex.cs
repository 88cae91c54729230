using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
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
/// IndexRefine), which are the segment's own vectors here (not a second copy). SCANN's lists are scanned with
/// fast-scan (<see cref="FastScanKernel"/>: byte tables looked up with shuffles, 32 rows at a time), so its candidate
/// distances are the byte-quantized tables' sums, as faiss's fast-scan ones are.
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

    private readonly float[] _centroids;   // nlist x dim, in the space the rows were encoded in
    private readonly int[] _offsets;       // list l holds positions _offsets[l].._offsets[l + 1]
    private readonly int[] _rows;          // row of each position
    private readonly byte[]? _codes;       // IVF_PQ: PQ code of each position's residual
    private readonly FastScanCodes? _fastScan; // SCANN: the same codes in fast-scan blocks
    private readonly ProductQuantizer _pq;
    private readonly bool _rerank;
    private readonly float[]? _listTerms;  // L2: per list, |r|^2 + 2 c.r for every code entry (faiss's precomputed table; unfolded for fast-scan)

    /// <summary>Largest precomputed L2 table kept (floats); beyond it each probed list computes its table.</summary>
    private const long MaxListTermFloats = 16L << 20;

    private IvfPqIndex(VectorSpace space, string indexType, bool rerank, float[] centroids, int[] offsets, int[] rows, byte[] codes, ProductQuantizer pq)
    {
        Space = space;
        IndexType = indexType;
        _rerank = rerank;
        _centroids = centroids;
        _offsets = offsets;
        _rows = rows;
        _pq = pq;
        if (indexType == Scann) _fastScan = FastScanCodes.Pack(codes, offsets, pq.M);
        else _codes = codes;
        _listTerms = space.Metric == Metric.L2 && (long)ListCount * TableLength <= MaxListTermFloats ? ListTerms() : null;
    }

    /// <summary>Floats of a query's table: unfolded 16-entry tables for fast-scan, the quantizer's own layout otherwise.</summary>
    private int TableLength => _fastScan is null ? _pq.TableLength : _pq.SubTableLength;

    private void ComputeTable(ReadOnlySpan<float> query, Metric metric, Span<float> table)
    {
        if (_fastScan is null) _pq.ComputeTable(query, metric, table);
        else _pq.ComputeSubTables(query, metric, table);
    }

    /// <summary>Whether SCANN's fast-scan uses the AVX2 shuffles (when the processor has them) or the scalar loop; both rank alike.</summary>
    internal bool FastScanSimd { get; set; } = true;

    /// <summary>
    /// |q - c - r|^2 = |q - c|^2 - 2 q.r + (|r|^2 + 2 c.r): the last term depends on the list and the code only, so it is
    /// computed once per list (from the tables of a zero query and of the centroid) and a search adds twice the query's
    /// inner-product table to it, instead of building an L2 table per probed list. Not stored: rebuilt on load.
    /// </summary>
    private float[] ListTerms()
    {
        var length = TableLength;
        var dim = Space.Dim;
        var norms = new float[length];
        ComputeTable(new float[dim], Metric.L2, norms);
        var terms = new float[ListCount * length];
        Parallel.For(0, ListCount, list =>
        {
            var term = terms.AsSpan(list * length, length);
            ComputeTable(_centroids.AsSpan(list * dim, dim), Metric.IP, term);
            TensorPrimitives.MultiplyAdd(term, -2f, norms, term);
        });
        return terms;
    }

    public string IndexType { get; }
    public VectorSpace Space { get; }
    public int ListCount => _offsets.Length - 1;
    public ProductQuantizer Quantizer => _pq;

    /// <summary>Bytes the index holds beyond the segment's vectors: codes, row numbers, list offsets, centroids, codebooks, L2 list terms.</summary>
    public long MemoryBytes => (_fastScan?.Bytes ?? _codes!.LongLength) + (long)_rows.Length * sizeof(int) + (long)_offsets.Length * sizeof(int)
        + (long)_centroids.Length * sizeof(float) + _pq.CodebookBytes + (_listTerms?.LongLength ?? 0) * sizeof(float);

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
        var centroids = IvfIndex.Train(space, lists, cancellationToken);
        var assignment = new int[count];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, row =>
        {
            var vector = vectors.AsSpan(row * dim, dim);
            var list = assignment[row] = KMeans.Nearest(centroids, lists, dim, vector, space.Metric);
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
        var probes = InvertedLists.Nearest(ListCount, nprobe, l => CoarseDistance(metric, query, _centroids.AsSpan(l * dim, dim)));
        var keep = _rerank ? Math.Max(k, options.ReorderK ?? k) : k;
        var results = new BinaryHeap<Candidate, FarthestFirst>(keep + 1);
        var length = TableLength;
        var table = ArrayPool<float>.Shared.Rent(length);
        var residual = ArrayPool<float>.Shared.Rent(Math.Max(dim, length));
        try
        {
            var queryTable = table.AsSpan(0, length);
            var listTable = _listTerms is null ? queryTable : residual.AsSpan(0, length);
            if (metric != Metric.L2 || _listTerms is not null) ComputeTable(query, Metric.IP, queryTable);
            foreach (var probe in probes)
            {
                var list = probe.Id;
                var centroid = _centroids.AsSpan(list * dim, dim);
                // IP: the negated product with the centroid; L2 with list terms: |q - c|^2.
                var bias = probe.Distance;
                if (_listTerms is not null) TensorPrimitives.MultiplyAdd(queryTable, 2f, _listTerms.AsSpan(list * length, length), listTable);
                else if (metric == Metric.L2)
                {
                    for (var d = 0; d < dim; d++) residual[d] = query[d] - centroid[d];
                    ComputeTable(residual.AsSpan(0, dim), metric, queryTable);
                    bias = 0;
                }
                if (_fastScan is null) ScanCodes(list, bias, listTable, mask, results, keep);
                else FastScan(list, bias, listTable, mask, results, keep);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(table);
            ArrayPool<float>.Shared.Return(residual);
        }
        var hits = results.Items.ToArray();
        if (_rerank)
            for (var i = 0; i < hits.Length; i++) hits[i] = new Candidate(Space.Distance(query, hits[i].Id), hits[i].Id);
        Array.Sort(hits, static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));
        return hits.Length > k ? hits[..k] : hits;
    }

    /// <summary>IVF_PQ: one list's codes through the float table, one code at a time.</summary>
    private void ScanCodes(int list, float bias, ReadOnlySpan<float> table, RowMask mask, BinaryHeap<Candidate, FarthestFirst> results, int keep)
    {
        var codeSize = _pq.CodeSize;
        for (var position = _offsets[list]; position < _offsets[list + 1]; position++)
        {
            var row = _rows[position];
            if (!mask.Allows(row)) continue;
            results.Offer(keep, bias + _pq.Distance(table, _codes.AsSpan(position * codeSize, codeSize)), row);
        }
    }

    /// <summary>SCANN: one list's codes 32 at a time through the byte-quantized table.</summary>
    [SkipLocalsInit]
    private void FastScan(int list, float bias, ReadOnlySpan<float> table, RowMask mask, BinaryHeap<Candidate, FarthestFirst> results, int keep)
    {
        var codes = _fastScan!;
        Span<byte> lut = stackalloc byte[codes.BlockBytes];
        Span<ushort> sums = stackalloc ushort[FastScanCodes.BlockRows];
        var (offset, scale) = FastScanKernel.Quantize(table, codes.M, lut);
        offset += bias;
        var unit = 1 / scale;
        var (first, count) = (_offsets[list], _offsets[list + 1] - _offsets[list]);
        for (var block = 0; block < codes.Blocks(list); block++)
        {
            FastScanKernel.Accumulate(codes.Block(list, block), lut, codes.PaddedM, sums, FastScanSimd);
            var rows = Math.Min(FastScanCodes.BlockRows, count - block * FastScanCodes.BlockRows);
            for (var i = 0; i < rows; i++)
            {
                var distance = offset + sums[i] * unit;
                if (results.Count >= keep && distance >= results.Top.Distance) continue;
                var row = _rows[first + block * FastScanCodes.BlockRows + i];
                if (mask.Allows(row)) results.Offer(keep, distance, row);
            }
        }
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
        InvertedLists.Write(w, _centroids, _offsets, _rows);
        _pq.Write(w);
        w.Write(_fastScan?.Unpack(_offsets) ?? _codes!);
        w.Flush();
        return stream.ToArray();
    }

    public static IvfPqIndex Load(ReadOnlySpan<byte> bytes, VectorSpace space)
    {
        var header = MemoryMarshal.Cast<byte, int>(bytes[..20]);
        if (header[0] != Magic || header[1] != space.Count) throw new InvalidDataException("the stored IVF_PQ / SCANN index does not match the segment");
        var lists = header[2];
        var reader = new SpanReader(bytes[20..]);
        var (centroids, offsets, rows) = InvertedLists.Read(ref reader, lists, space.Dim, space.Count);
        var pq = ProductQuantizer.Read(ref reader);
        var codes = reader.Bytes(space.Count * pq.CodeSize);
        return new IvfPqIndex(space, header[3] == 1 ? Scann : IvfPq, header[4] == 1, centroids, offsets, rows, codes, pq);
    }
}
