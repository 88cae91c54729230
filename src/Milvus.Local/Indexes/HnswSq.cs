using Milvus.Local.Catalog;

namespace Milvus.Local.Indexes;

/// <summary>
/// HNSW_SQ as knowhere builds it: the HNSW graph is built and walked over scalar codes of sq_type (SQ4U, SQ6, SQ8,
/// FP16, BF16; default SQ8), so the walk reads 1/8 to 1/2 of the float bytes per hop; with refine, the best
/// refine_k x k candidates are re-ranked with refine_type's representation. Stored as the codes, the refine codes,
/// then the graph.
/// </summary>
internal static class HnswSq
{
    public const string IndexType = "HNSW_SQ";

    /// <summary>sq_type values knowhere accepts (checked case-insensitively).</summary>
    public static readonly string[] SqTypes = ["sq4u", "sq6", "sq8", "fp16", "bf16"];

    /// <summary>knowhere's sq_type default.</summary>
    public const string DefaultSqType = "SQ8";

    public static ScalarType SqTypeOf(IndexMeta index)
        => Enum.Parse<ScalarType>(index.Param("sq_type") is { Length: > 0 } type ? type.ToUpperInvariant() : DefaultSqType);

    public static HnswIndex<SqGraph> Build(IndexMeta index, VectorSpace space, int m, int efConstruction, int threads, CancellationToken cancellationToken)
    {
        var graph = new SqGraph(space, ScalarCodes.Encode(space, SqTypeOf(index), cancellationToken));
        var refine = Refiners.Build(Refiners.TypeOf(index), space, cancellationToken);
        return HnswIndex<SqGraph>.Build(IndexType, space, graph, m, efConstruction, threads, cancellationToken, refine);
    }

    public static HnswIndex<SqGraph> Load(IndexMeta index, ReadOnlySpan<byte> bytes, VectorSpace space)
    {
        var reader = new SpanReader(bytes);
        var graph = new SqGraph(space, ScalarCodes.Read(ref reader, space, SqTypeOf(index)));
        var refine = Refiners.Read(Refiners.TypeOf(index), ref reader, space);
        return HnswIndex<SqGraph>.Load(IndexType, reader.Rest, space, graph, refine);
    }
}
