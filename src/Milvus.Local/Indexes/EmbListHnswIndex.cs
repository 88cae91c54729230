using Milvus.Local.Columns;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Indexes;

/// <summary>
/// HNSW on an embedding-list field (a struct array's vector sub-field) with a MAX_SIM metric, as knowhere's emb-list
/// index searches it by default ("tokenann"): one HNSW graph over every element vector of the segment, with the
/// element metric (L2, IP, COSINE; HAMMING or JACCARD on binary elements). A search walks the graph once per query
/// vector for its k x retrieval_ann_ratio (3) nearest elements among the rows the mask allows, takes the rows those
/// elements belong to as candidates and ranks the candidates by their exact MAX_SIM score. The index holds the graph
/// over a flat copy of the elements (rebuilt from the segment at a load) and which row each element belongs to.
/// With a plain metric (L2, IP, COSINE, HAMMING, JACCARD) the same graph serves Milvus 3.0's element-level search:
/// the nearest elements themselves are the hits (<see cref="NearestElements"/>).
/// </summary>
internal sealed class EmbListHnswIndex : IScoredIndex
{
    /// <summary>knowhere's retrieval_ann_ratio default: elements fetched per query vector, as a multiple of k.</summary>
    public const double DefaultRetrievalAnnRatio = 3.0;

    private readonly VectorArrayColumn _lists;
    private readonly Metric _metric;
    private readonly int[] _rowOf;
    private readonly int[] _firstOf; // row r's elements are _firstOf[r] .. _firstOf[r + 1] - 1
    private readonly HnswIndex<FloatGraph>? _floats;
    private readonly HnswIndex<BinaryGraph>? _bits;
    private readonly RowMask _everyElement;

    private EmbListHnswIndex(VectorArrayColumn lists, Metric metric, Layout layout, HnswIndex<FloatGraph>? floats, HnswIndex<BinaryGraph>? bits)
    {
        _lists = lists;
        _metric = metric;
        _rowOf = layout.RowOf;
        _firstOf = layout.FirstOf;
        _floats = floats;
        _bits = bits;
        _everyElement = RowMask.Excluding(new bool[_rowOf.Length]);
    }

    public string IndexType => "HNSW";

    /// <summary>Element vectors in the graph.</summary>
    public int ElementCount => _rowOf.Length;

    public static EmbListHnswIndex Build(VectorArrayColumn lists, Metric metric, int m, int efConstruction, int threads, CancellationToken cancellationToken)
    {
        var layout = Flatten(lists);
        return lists.ElementType == DataType.BinaryVector
            ? new(lists, metric, layout, null,
                HnswIndex<BinaryGraph>.Build("HNSW", null, new BinaryGraph(layout.Elements, metric.ElementMetric()), m, efConstruction, threads, cancellationToken))
            : new(lists, metric, layout, HnswIndex.Build(new VectorSpace(layout.Elements, metric.ElementMetric()), m, efConstruction, threads, cancellationToken), null);
    }

    /// <summary>Restores a graph stored by <see cref="Serialize"/> over the same segment.</summary>
    public static EmbListHnswIndex Load(byte[] bytes, VectorArrayColumn lists, Metric metric)
    {
        var layout = Flatten(lists);
        return lists.ElementType == DataType.BinaryVector
            ? new(lists, metric, layout, null, HnswIndex<BinaryGraph>.Load("HNSW", bytes, null, new BinaryGraph(layout.Elements, metric.ElementMetric())))
            : new(lists, metric, layout, HnswIndex.Load(bytes, new VectorSpace(layout.Elements, metric.ElementMetric())), null);
    }

    /// <summary>Every row's elements as one column, rows in order; the row of each element; where each row's elements start.</summary>
    private sealed record Layout(DenseVectorColumn Elements, int[] RowOf, int[] FirstOf);

    private static Layout Flatten(VectorArrayColumn lists)
    {
        var firstOf = new int[lists.Length + 1];
        for (var row = 0; row < lists.Length; row++) firstOf[row + 1] = firstOf[row] + (lists.Values[row]?.Length ?? 0);
        var count = firstOf[^1];
        var stride = DenseVectorColumn.BytesPerRowFor(lists.ElementType, lists.Dim);
        var bytes = new byte[(long)count * stride];
        var rowOf = new int[count];
        for (var row = 0; row < lists.Length; row++)
        {
            if (lists.Values[row] is not { Length: > 0 } list) continue;
            list.Bytes.CopyTo(bytes.AsSpan(firstOf[row] * stride));
            rowOf.AsSpan(firstOf[row], list.Length).Fill(row);
        }
        return new Layout(new DenseVectorColumn(lists.ElementType, lists.Dim, bytes, count), rowOf, firstOf);
    }

    public List<Hit> Search(QueryVector query, int k, RowMask mask, IndexSearchOptions options, int view)
    {
        if (k <= 0 || _rowOf.Length == 0 || query.List is not { Count: > 0 } vectors) return [];
        var perVector = (int)Math.Clamp(Math.Floor(k * (options.RetrievalAnnRatio ?? DefaultRetrievalAnnRatio)), 1, _rowOf.Length);
        var elements = mask.All ? _everyElement : ElementsOf(mask);
        var candidates = new HashSet<int>();
        foreach (var vector in vectors)
            foreach (var element in Nearest(vector, perVector, elements, options))
                candidates.Add(_rowOf[element.Id]);
        var scorer = new VectorScorer(query, _metric);
        var best = new TopK(k, HitOrder.ByPosition(_metric));
        foreach (var row in candidates) best.Offer(new Hit(scorer.Score(_lists, row), view, row));
        return best.Sorted();
    }

    /// <summary>
    /// Element-level search (a plain metric): the <paramref name="k"/> nearest elements of the rows <paramref name="mask"/>
    /// allows, limited to the <paramref name="allowedOffsets"/> of each row when an element_filter gives them, best first
    /// (equal scores in storage order), as hits of view <paramref name="view"/> with their offset in the row.
    /// </summary>
    public List<ElementHit> NearestElements(QueryVector query, int k, RowMask mask, long[][]? allowedOffsets, IndexSearchOptions options, int view)
    {
        if (k <= 0 || _rowOf.Length == 0) return [];
        var elements = mask.All && allowedOffsets is null ? _everyElement : ElementsOf(mask, allowedOffsets);
        var found = Nearest(query, Math.Min(k, _rowOf.Length), elements, options);
        var hits = new List<ElementHit>(found.Length);
        foreach (var c in found)
        {
            var row = _rowOf[c.Id];
            hits.Add(new ElementHit(_floats is not null ? _floats.Space.Score(c.Distance) : c.Distance, view, row, c.Id - _firstOf[row]));
        }
        return hits;
    }

    private Candidate[] Nearest(QueryVector vector, int count, RowMask elements, IndexSearchOptions options)
        => _floats is not null
            ? _floats.Search(_floats.Space.PrepareReadOnly(vector.Dense!), count, elements, options)
            : _bits!.Search(BinaryGraph.Carry(vector.Binary!), count, elements, options);

    /// <summary>The elements of the rows <paramref name="mask"/> allows (only the <paramref name="allowedOffsets"/> of each row, when given).</summary>
    private RowMask ElementsOf(RowMask mask, long[][]? allowedOffsets = null)
    {
        var allowed = new bool[_rowOf.Length];
        for (var row = 0; row < _lists.Length; row++)
        {
            if (!mask.Allows(row)) continue;
            if (allowedOffsets is null) allowed.AsSpan(_firstOf[row], _firstOf[row + 1] - _firstOf[row]).Fill(true);
            else
                foreach (var offset in allowedOffsets[row])
                    if (offset >= 0 && _firstOf[row] + offset < _firstOf[row + 1]) allowed[_firstOf[row] + offset] = true;
        }
        return RowMask.Of(allowed);
    }

    public byte[] Serialize() => _floats?.Serialize() ?? _bits!.Serialize();
}
