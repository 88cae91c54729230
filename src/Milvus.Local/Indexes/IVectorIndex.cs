using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>The per-request knobs of an index search (Milvus's search params): HNSW's ef, IVF's nprobe, SCANN's reorder_k.</summary>
internal sealed record IndexSearchOptions(int? Ef, int? Nprobe, int? ReorderK = null)
{
    /// <summary>knowhere's refine_k: a refined index re-ranks refine_k x k walk candidates (1 when not given).</summary>
    public double? RefineK { get; init; }

    /// <summary>IVF_RABITQ's rbq_bits_query: bits per coordinate of the quantized query (0 or none: kept in floats).</summary>
    public int? RbqBitsQuery { get; init; }

    /// <summary>DISKANN's search_list: the candidates a beam search keeps (max(k, 16) when not given).</summary>
    public int? SearchList { get; init; }

    /// <summary>An embedding-list index's retrieval_ann_ratio: elements fetched per query vector, as a multiple of k (3 when not given).</summary>
    public double? RetrievalAnnRatio { get; init; }
}

/// <summary>
/// An approximate nearest-neighbour index over one sealed segment's vector column (rows are the segment's rows).
/// Built once, searched concurrently, persisted as a blob beside the segment.
/// </summary>
internal interface IVectorIndex : ISegmentIndex
{

    /// <summary>The vectors and metric the index was built over.</summary>
    VectorSpace Space { get; }

    /// <summary>
    /// The nearest <paramref name="k"/> rows (best first, distances as <see cref="VectorSpace"/> defines them) to a
    /// query prepared by <see cref="VectorSpace.Prepare"/>, among the rows <paramref name="mask"/> allows.
    /// </summary>
    Candidate[] Search(float[] query, int k, RowMask mask, IndexSearchOptions options);
}

/// <summary>A built index over one sealed segment's vector column: dense (<see cref="IVectorIndex"/>) or sparse (<see cref="SparseInvertedIndex"/>).</summary>
internal interface ISegmentIndex
{
    /// <summary>Milvus's index type name (HNSW, IVF_FLAT, SPARSE_INVERTED_INDEX, ...).</summary>
    string IndexType { get; }

    /// <summary>The index structure (not the vectors, which stay in the segment) for storage.</summary>
    byte[] Serialize();
}

/// <summary>
/// A built index searched with the query as it was sent and scoring its own hits in Milvus's terms: the binary
/// indexes (BIN_IVF_FLAT, HNSW; <see cref="BinaryDistance"/>) and the embedding-list index (MAX_SIM).
/// </summary>
internal interface IScoredIndex : ISegmentIndex
{
    /// <summary>
    /// The best <paramref name="k"/> rows among those <paramref name="mask"/> allows, best first in the metric's order,
    /// as hits of view <paramref name="view"/>.
    /// </summary>
    List<Hit> Search(QueryVector query, int k, RowMask mask, IndexSearchOptions options, int view);
}
