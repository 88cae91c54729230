using Milvus.Local.Catalog;

namespace Milvus.Local.Indexes;

/// <summary>
/// knowhere's refine for quantized HNSW indexes (refine = true with a refine_type): the representation that re-ranks a
/// walk's best refine_k x k candidates. FP32 / FLAT is the segment's own vectors (nothing stored); SQ4U, SQ6, SQ8,
/// FP16 and BF16 are scalar codes of their own, stored with the index.
/// </summary>
internal static class Refiners
{
    /// <summary>refine_type values knowhere accepts (checked case-insensitively), in its error message's order.</summary>
    public static readonly string[] Types = ["sq4u", "sq6", "sq8", "fp16", "bf16", "fp32", "flat"];

    /// <summary>The refine type an index was built with: refine_type when refine is true, else none (knowhere ignores one without the other).</summary>
    public static string? TypeOf(IndexMeta index)
        => string.Equals(index.Param("refine"), "true", StringComparison.OrdinalIgnoreCase) && index.Param("refine_type") is { Length: > 0 } type
            ? type.ToUpperInvariant() : null;

    /// <summary>Builds the refine space of <paramref name="refineType"/> (null: no refine).</summary>
    public static IGraphSpace? Build(string? refineType, VectorSpace space, CancellationToken cancellationToken)
        => refineType switch
        {
            null => null,
            "FP32" or "FLAT" => new FloatGraph(space),
            _ => new SqGraph(space, ScalarCodes.Encode(space, Enum.Parse<ScalarType>(refineType), cancellationToken)),
        };

    /// <summary>Reads back a refine space written by its <see cref="IGraphSpace.Write"/>.</summary>
    public static IGraphSpace? Read(string? refineType, ref SpanReader reader, VectorSpace space)
        => refineType switch
        {
            null => null,
            "FP32" or "FLAT" => new FloatGraph(space),
            _ => new SqGraph(space, ScalarCodes.Read(ref reader, space, Enum.Parse<ScalarType>(refineType))),
        };
}
