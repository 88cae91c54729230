using System.Globalization;
using Milvus.Local.Errors;
using Milvus.Protocol.Common;

namespace Milvus.Local.Catalog;

/// <summary>
/// The checks of a sparse index's build parameters: inverted_index_algo one of Milvus 3.0's six algorithms, spelled
/// exactly (the proxy's SparseInvertedIndexAlgos check is case-sensitive), bm25_k1 in [0, 3], bm25_b in [0, 1]
/// (drop_ratio_build, deprecated and without effect, is range-checked by <see cref="IndexRules"/>).
/// </summary>
internal static class SparseIndexRules
{
    public const float DefaultK1 = 1.2f;
    public const float DefaultB = 0.75f;

    public static void Validate(List<KeyValuePair> parameters)
    {
        string? Get(string key) => parameters.FirstOrDefault(p => p.Key == key)?.Value;
        var algorithms = Indexes.SparseInvertedIndex.Algorithms;
        if (Get("inverted_index_algo") is { } algo && !algorithms.Contains(algo))
            throw MilvusError.InvalidParameter($"sparse inverted index algo {algo} not found or not supported, supported: [{string.Join(" ", algorithms)}]");
        Range("bm25_k1", Get("bm25_k1"), 0, 3);
        Range("bm25_b", Get("bm25_b"), 0, 1);
    }

    /// <summary>A float parameter in [min, max], or null when absent.</summary>
    public static float? Range(string key, string? text, float min, float max)
    {
        if (text is null) return null;
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw MilvusError.InvalidParameter($"param '{key}' ({text}) should be a number");
        if (value < min || value > max)
            throw MilvusError.InvalidParameter(FormattableString.Invariant($"param '{key}' ({text}) should be in range [{min:F6}, {max:F6}]"));
        return value;
    }
}
