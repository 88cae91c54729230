using System.Globalization;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Indexes.Quantization;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Indexes;

/// <summary>
/// Which index types the engine builds as real structures, with Milvus's defaults: knowhere's HNSW (M 30,
/// efConstruction 360), Milvus's AUTOINDEX (HNSW with M 18, efConstruction 240, autoIndex.params.build) and
/// IVF_FLAT / IVF_SQ8 / IVF_RABITQ (nlist 128; nprobe 8 at search), IVF_PQ (m required, nbits 8) and SCANN (4-bit
/// codes over sub_dim 2, with_raw_data true; reorder_k = k at search); HNSW_SQ (HNSW's M and efConstruction over
/// sq_type codes, optional refine); HNSW_PQ (m 32, nbits 8) and HNSW_PRQ (m 2, nrq 2, nbits 8) over PQ / residual PQ
/// codes with the same refine; DISKANN (Milvus's max_degree 56, search_list_size 100); and knowhere's sparse
/// inverted index for SPARSE_INVERTED_INDEX,
/// SPARSE_WAND and a sparse field's AUTOINDEX (inverted_index_algo DAAT_MAXSCORE by default); BIN_IVF_FLAT (nlist 128;
/// nprobe 8) and HNSW (Milvus 2.6+; HNSW's defaults) on binary vectors; HNSW or AUTOINDEX on an embedding-list field (a
/// graph over its element vectors, for MAX_SIM or element-level search). FLAT and BIN_FLAT are exact by definition and
/// need no structure.
/// </summary>
internal static class VectorIndexKinds
{
    public const int DefaultHnswM = 30;
    public const int DefaultHnswEfConstruction = 360;
    public const int AutoIndexM = 18;
    public const int AutoIndexEfConstruction = 240;
    public const int DefaultNlist = 128;

    /// <summary>Types searched without a structure: an exact scan is what they are.</summary>
    public static readonly string[] Exact = ["FLAT", "BIN_FLAT"];

    /// <summary>Types built as a sparse inverted index on a SPARSE_FLOAT_VECTOR field (AUTOINDEX too).</summary>
    public static readonly string[] Sparse = ["SPARSE_INVERTED_INDEX", "SPARSE_WAND"];

    /// <summary>Types the engine builds (dense float-like vectors).</summary>
    public static readonly string[] Built =
        ["HNSW", IndexRules.AutoIndex, "IVF_FLAT", "IVF_SQ8", HnswSq.IndexType, HnswPq.Pq, HnswPq.Prq, IvfPqIndex.IvfPq, IvfPqIndex.Scann,
         IvfRaBitQIndex.TypeName, DiskAnnIndex.TypeName];

    /// <summary>Built on BINARY_VECTOR fields.</summary>
    public static readonly string[] BinaryBuilt = ["BIN_IVF_FLAT", "HNSW"];

    /// <summary>True when an index of this type on this field gets a structure per sealed segment.</summary>
    public static bool IsBuilt(IndexMeta index, FieldSchema field)
        => VectorTypes.IsDenseFloating(field.DataType) ? Built.Contains(index.Param("index_type"))
            : field.DataType == DataType.BinaryVector ? BinaryBuilt.Contains(index.Param("index_type"))
            : field.DataType == DataType.ArrayOfVector ? index.Param("index_type") is "HNSW" or IndexRules.AutoIndex
            : field.DataType == DataType.SparseFloatVector && IsServed(index.Param("index_type") ?? "", field.DataType);

    /// <summary>True when the engine can serve this vector index type on this field (exactly or with a structure).</summary>
    public static bool IsServed(string indexType, DataType fieldType)
        => Exact.Contains(indexType) || indexType == IndexRules.AutoIndex || (VectorTypes.IsDenseFloating(fieldType) && Built.Contains(indexType))
            || (fieldType == DataType.SparseFloatVector && Sparse.Contains(indexType)) || (fieldType == DataType.BinaryVector && BinaryBuilt.Contains(indexType));

    /// <summary>The sparse index's inverted_index_algo; when not given, Milvus 3.0's default: DAAT_MAXSCORE for BM25, SINDI for IP.</summary>
    public static string SparseAlgorithm(IndexMeta index) => index.Param("inverted_index_algo") is { Length: > 0 } algo ? algo.ToUpperInvariant()
        : string.Equals(index.Param("metric_type"), "BM25", StringComparison.OrdinalIgnoreCase) ? SparseInvertedIndex.MaxScore : SparseInvertedIndex.Sindi;

    /// <summary>The sparse index built with its algorithm and, for the block-max algorithms, block_max_block_size, for SINDI, sindi_window_size (their defaults when absent or not a positive number).</summary>
    private static SparseInvertedIndex BuildSparse(IndexMeta index, SparseVectorColumn column)
    {
        var algorithm = SparseAlgorithm(index);
        var size = Int(index, algorithm == SparseInvertedIndex.Sindi ? "sindi_window_size" : "block_max_block_size");
        return SparseInvertedIndex.Build(index.Param("index_type")!, algorithm, column, size > 0 ? size : null);
    }

    public static ISegmentIndex Build(IndexMeta index, Column column, int threads, CancellationToken cancellationToken) => column switch
    {
        SparseVectorColumn sparse => BuildSparse(index, sparse),
        DenseVectorColumn { DataType: DataType.BinaryVector } binary => index.Param("index_type") == "HNSW"
            ? BinaryHnswIndex.Build(binary, MetricOf(index, "HAMMING"), HnswM(index), HnswEfConstruction(index), threads, cancellationToken)
            : BinaryIvfIndex.Build(binary, MetricOf(index, "HAMMING"), Int(index, "nlist") ?? DefaultNlist, cancellationToken),
        DenseVectorColumn dense => Build(index, SpaceOf(index, dense), threads, cancellationToken),
        VectorArrayColumn lists => EmbListHnswIndex.Build(lists, MetricOf(index, "MAX_SIM_COSINE"), HnswM(index), HnswEfConstruction(index), threads, cancellationToken),
        _ => throw new InvalidOperationException("not a vector column"),
    };

    public static ISegmentIndex Load(IndexMeta index, byte[] bytes, Column column) => column switch
    {
        SparseVectorColumn => SparseInvertedIndex.Load(bytes),
        DenseVectorColumn { DataType: DataType.BinaryVector } binary => index.Param("index_type") == "HNSW"
            ? BinaryHnswIndex.Load(bytes, binary, MetricOf(index, "HAMMING"))
            : BinaryIvfIndex.Load(bytes, binary, MetricOf(index, "HAMMING")),
        DenseVectorColumn dense => Load(index, bytes, SpaceOf(index, dense)),
        VectorArrayColumn lists => EmbListHnswIndex.Load(bytes, lists, MetricOf(index, "MAX_SIM_COSINE")),
        _ => throw new InvalidOperationException("not a vector column"),
    };

    public static VectorSpace SpaceOf(IndexMeta index, DenseVectorColumn column) => new(column, MetricOf(index, "COSINE"));

    private static Metric MetricOf(IndexMeta index, string fallback) => Metrics.Parse(index.Param("metric_type") ?? fallback);

    private static IVectorIndex Build(IndexMeta index, VectorSpace space, int threads, CancellationToken cancellationToken)
    {
        var type = index.Param("index_type");
        if (type is "IVF_FLAT" or "IVF_SQ8") return IvfIndex.Build(space, Int(index, "nlist") ?? DefaultNlist, type == "IVF_SQ8", cancellationToken);
        if (type == IvfRaBitQIndex.TypeName) return IvfRaBitQIndex.Build(space, Int(index, "nlist") ?? DefaultNlist, Refiners.TypeOf(index), cancellationToken);
        if (type == DiskAnnIndex.TypeName) return DiskAnnIndex.Build(space, DiskAnnRules.BuildOptions(index.Params), threads, cancellationToken);
        if (type == IvfPqIndex.IvfPq)
            return IvfPqIndex.BuildIvfPq(space, Int(index, "nlist") ?? DefaultNlist, Int(index, "m") ?? 0, Int(index, "nbits") ?? ProductQuantizer.DefaultNbits, cancellationToken);
        if (type == IvfPqIndex.Scann)
            return IvfPqIndex.BuildScann(space, Int(index, "nlist") ?? DefaultNlist, Int(index, "sub_dim") ?? IvfPqIndex.DefaultScannSubDim, WithRawData(index), cancellationToken);
        var m = HnswM(index);
        var efConstruction = HnswEfConstruction(index);
        return type switch
        {
            HnswSq.IndexType => HnswSq.Build(index, space, m, efConstruction, threads, cancellationToken),
            HnswPq.Pq or HnswPq.Prq => HnswPq.Build(index, space, m, efConstruction, threads, cancellationToken),
            _ => HnswIndex.Build(space, m, efConstruction, threads, cancellationToken),
        };
    }

    private static IVectorIndex Load(IndexMeta index, byte[] bytes, VectorSpace space) => index.Param("index_type") switch
    {
        "IVF_FLAT" or "IVF_SQ8" => IvfIndex.Load(bytes, space),
        HnswSq.IndexType => HnswSq.Load(index, bytes, space),
        HnswPq.Pq or HnswPq.Prq => HnswPq.Load(index, bytes, space),
        IvfPqIndex.IvfPq or IvfPqIndex.Scann => IvfPqIndex.Load(bytes, space),
        IvfRaBitQIndex.TypeName => IvfRaBitQIndex.Load(bytes, space),
        DiskAnnIndex.TypeName => DiskAnnIndex.Load(bytes, space, DiskAnnRules.BuildOptions(index.Params)),
        _ => HnswIndex.Load(bytes, space),
    };

    /// <summary>An HNSW-family index's M: as given, else AUTOINDEX's or knowhere's default.</summary>
    private static int HnswM(IndexMeta index) => Int(index, "M") ?? (index.Param("index_type") == IndexRules.AutoIndex ? AutoIndexM : DefaultHnswM);

    /// <summary>An HNSW-family index's efConstruction: as given, else AUTOINDEX's or knowhere's default.</summary>
    private static int HnswEfConstruction(IndexMeta index)
        => Int(index, "efConstruction") ?? (index.Param("index_type") == IndexRules.AutoIndex ? AutoIndexEfConstruction : DefaultHnswEfConstruction);

    /// <summary>SCANN's with_raw_data: true unless given as false (knowhere's default).</summary>
    public static bool WithRawData(IndexMeta index) => !string.Equals(index.Param("with_raw_data"), "false", StringComparison.OrdinalIgnoreCase);

    private static int? Int(IndexMeta index, string key)
        => index.Param(key) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
