using Milvus.Local.Errors;
using Milvus.Local.Indexes.Quantization;
using Milvus.Protocol.Common;

namespace Milvus.Local.Catalog;

/// <summary>
/// IVF_RABITQ's build parameters beyond IVF's nlist (knowhere's IvfRaBitQConfig): <c>refine</c> (bool, default false)
/// and <c>refine_type</c> (sq6, sq8, fp16, bf16, fp32 or flat, any case). A refine copy is built only when both are
/// given, as knowhere's IndexIVFRaBitQWrapper does.
/// </summary>
internal static class RaBitQRules
{
    public static void Validate(List<KeyValuePair> parameters)
    {
        if (Get(parameters, "refine") is { } refine && !bool.TryParse(refine, out _))
            throw MilvusError.InvalidParameter($"param 'refine' ({refine}) should be a boolean");
        if (Get(parameters, "refine_type") is { } type && !RefineCodes.IsKnown(type))
            throw MilvusError.InvalidParameter($"invalid refine type : {type}, optional types are [{string.Join(", ", RefineCodes.Types)}]");
    }

    /// <summary>The refine type to build, or null when the index has no refine copy.</summary>
    public static string? RefineType(IReadOnlyList<KeyValuePair> parameters)
        => Get(parameters, "refine") is { } refine && bool.TryParse(refine, out var on) && on ? Get(parameters, "refine_type") : null;

    private static string? Get(IReadOnlyList<KeyValuePair> parameters, string key) => parameters.FirstOrDefault(p => p.Key == key)?.Value;
}
