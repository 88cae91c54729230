using Milvus.Local.Columns;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>
/// HNSW on a BINARY_VECTOR field (Milvus 2.6+, knowhere's IndexHNSWBinary): the HNSW graph walked over the segment's
/// bit rows with HAMMING or JACCARD (<see cref="BinaryGraph"/>), Milvus's M / efConstruction at build and ef at search.
/// The rows stay in the segment; the index holds the links only, stored in the float graph's format.
/// </summary>
internal sealed class BinaryHnswIndex : IScoredIndex
{
    private readonly HnswIndex<BinaryGraph> _graph;

    private BinaryHnswIndex(HnswIndex<BinaryGraph> graph) => _graph = graph;

    public string IndexType => "HNSW";

    public static BinaryHnswIndex Build(DenseVectorColumn column, Metric metric, int m, int efConstruction, int threads, CancellationToken cancellationToken)
        => new(HnswIndex<BinaryGraph>.Build("HNSW", null, new BinaryGraph(column, metric), m, efConstruction, threads, cancellationToken));

    /// <summary>Restores a graph stored by <see cref="Serialize"/> over the same rows.</summary>
    public static BinaryHnswIndex Load(byte[] bytes, DenseVectorColumn column, Metric metric)
        => new(HnswIndex<BinaryGraph>.Load("HNSW", bytes, null, new BinaryGraph(column, metric)));

    public List<Hit> Search(QueryVector query, int k, RowMask mask, IndexSearchOptions options, int view)
    {
        var found = _graph.Search(BinaryGraph.Carry(query.Binary!), k, mask, options);
        var hits = new List<Hit>(found.Length);
        foreach (var c in found) hits.Add(new Hit(c.Distance, view, c.Id));
        return hits;
    }

    public byte[] Serialize() => _graph.Serialize();
}
