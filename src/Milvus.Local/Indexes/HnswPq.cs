using Milvus.Local.Catalog;
using Milvus.Local.Indexes.Quantization;

namespace Milvus.Local.Indexes;

/// <summary>
/// HNSW_PQ and HNSW_PRQ as knowhere builds them: the HNSW graph walked over product-quantized codes
/// (HNSW_PQ: m 32, nbits 8) or product-residual-quantized codes (HNSW_PRQ: m 2 splits, nrq 2 stages, nbits 8), with
/// knowhere's optional refine (refine, refine_type, refine_k at search) re-ranking the walk's best candidates. As in
/// knowhere, the graph's links are chosen on the full-precision vectors and only the walk uses the codes. Stored
/// as the quantizers and codes, the refine codes, then the graph.
/// </summary>
internal static class HnswPq
{
    public const string Pq = "HNSW_PQ";
    public const string Prq = "HNSW_PRQ";

    /// <summary>knowhere's FaissHnswPqConfig m default.</summary>
    public const int DefaultPqM = 32;

    /// <summary>knowhere's FaissHnswPrqConfig m (splits) and nrq defaults.</summary>
    public const int DefaultPrqM = 2;
    public const int DefaultNrq = 2;

    public static HnswIndex<PqGraph> Build(IndexMeta index, VectorSpace space, int m, int efConstruction, int threads, CancellationToken cancellationToken)
    {
        var type = index.Param("index_type")!;
        var codes = PqGraph.Train(space, SubQuantizers(index), Int(index, "nbits") ?? ProductQuantizer.DefaultNbits,
            type == Prq ? Int(index, "nrq") ?? DefaultNrq : 1, cancellationToken);
        var refine = Refiners.Build(Refiners.TypeOf(index), space, cancellationToken);
        // As knowhere: the graph is built over the full vectors (HNSW_FLAT), then walked over the codes.
        return HnswIndex.Build(space, m, efConstruction, threads, cancellationToken).WalkedOver(type, codes, refine);
    }

    public static HnswIndex<PqGraph> Load(IndexMeta index, ReadOnlySpan<byte> bytes, VectorSpace space)
    {
        var reader = new SpanReader(bytes);
        var graph = PqGraph.Read(ref reader, space);
        var refine = Refiners.Read(Refiners.TypeOf(index), ref reader, space);
        return HnswIndex<PqGraph>.Load(index.Param("index_type")!, reader.Rest, space, graph, refine);
    }

    /// <summary>The index's m (sub-quantizers, or PRQ's splits), knowhere's default when absent.</summary>
    public static int SubQuantizers(IndexMeta index) => Int(index, "m") ?? (index.Param("index_type") == Prq ? DefaultPrqM : DefaultPqM);

    private static int? Int(IndexMeta index, string key)
        => index.Param(key) is { } text && int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
}
