using Milvus.Local.Errors;
using Milvus.Protocol.Common;

namespace Milvus.Local.Catalog;

/// <summary>
/// IVF_RABITQ's build parameters beyond IVF's nlist (knowhere's IvfRaBitQConfig): <c>refine</c> (bool, default false)
/// and <c>refine_type</c> (sq6, sq8, fp16, bf16, fp32 or flat, any case). A refine copy is built only when both are
/// given, as knowhere's IndexIVFRaBitQWrapper does (see <see cref="Indexes.Refiners.TypeOf"/>).
/// </summary>
internal static class RaBitQRules
{
    /// <summary>The refine types IvfRaBitQConfig accepts, in its error message's order.</summary>
    public static readonly string[] RefineTypes = ["sq6", "sq8", "fp16", "bf16", "fp32", "flat"];

    public static void Validate(List<KeyValuePair> parameters)
    {
        string? Get(string key) => parameters.FirstOrDefault(p => p.Key == key)?.Value;
        if (Get("refine") is { } refine && !bool.TryParse(refine, out _))
            throw MilvusError.InvalidParameter($"Type conflict in json: param 'refine' (\"{refine}\") should be a boolean");
        if (Get("refine_type") is { } type && !RefineTypes.Contains(type.ToLowerInvariant()))
            throw MilvusError.InvalidParameter($"invalid refine type : {type}, optional types are [{string.Join(", ", RefineTypes)}]");
    }
}
