using System.Globalization;
using Milvus.Local.Indexes;
using Milvus.Protocol.Common;

namespace Milvus.Local.Catalog;

/// <summary>
/// DISKANN's build parameters as Milvus's proxy completes them (indexparams.FillDiskIndexParams with the shipped
/// milvus.yaml): max_degree 56, search_list_size 100, pq_code_budget_gb_ratio 0.125 and num_build_thread_ratio 1
/// are written into the index's params when absent (so DescribeIndex shows them); search_cache_budget_gb_ratio and
/// beamwidth_ratio are kept only when given. Ranges: knowhere's max_degree [1, 2048] and search_list_size
/// [1, int32 max]; the ratios are checked against the ranges Milvus documents for them (Milvus itself only parses
/// them when the index node builds, so a bad ratio fails the build there instead of the CreateIndex call).
/// </summary>
internal static class DiskAnnRules
{
    private static readonly (string Key, string Value)[] Defaults =
        [("max_degree", "56"), ("search_list_size", "100"), ("pq_code_budget_gb_ratio", "0.125"), ("num_build_thread_ratio", "1")];

    /// <summary>knowhere's beam width for one search: CPU count x beamwidth_ratio (default 4), at most 16.</summary>
    private const float DefaultBeamWidthRatio = 4;
    private const int MaxBeamWidth = 16;

    public static void Complete(List<KeyValuePair> parameters)
    {
        IndexRules.CheckRange(parameters, true, "max_degree", 1, 2048);
        IndexRules.CheckRange(parameters, true, "search_list_size", 1, int.MaxValue);
        SparseIndexRules.Range("pq_code_budget_gb_ratio", Get(parameters, "pq_code_budget_gb_ratio"), 0, 0.25f);
        SparseIndexRules.Range("search_cache_budget_gb_ratio", Get(parameters, "search_cache_budget_gb_ratio"), 0, 0.3f);
        SparseIndexRules.Range("num_build_thread_ratio", Get(parameters, "num_build_thread_ratio"), 0, float.MaxValue);
        SparseIndexRules.Range("beamwidth_ratio", Get(parameters, "beamwidth_ratio"), 1, 128);
        foreach (var (key, value) in Defaults)
            if (Get(parameters, key) is null) parameters.Add(new KeyValuePair { Key = key, Value = value });
    }

    /// <summary>The graph's build and search settings from a completed parameter list.</summary>
    public static DiskAnnOptions BuildOptions(IReadOnlyList<KeyValuePair> parameters)
    {
        var ratio = Float(parameters, "beamwidth_ratio") ?? DefaultBeamWidthRatio;
        return new DiskAnnOptions(
            MaxDegree: (int)(Float(parameters, "max_degree") ?? 56),
            SearchListSize: (int)(Float(parameters, "search_list_size") ?? 100),
            PqCodeBudgetRatio: Float(parameters, "pq_code_budget_gb_ratio") ?? 0.125f,
            BeamWidth: Math.Clamp((int)(Environment.ProcessorCount * ratio), 1, MaxBeamWidth));
    }

    private static float? Float(IReadOnlyList<KeyValuePair> parameters, string key)
        => Get(parameters, key) is { } text && float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string? Get(IReadOnlyList<KeyValuePair> parameters, string key) => parameters.FirstOrDefault(p => p.Key == key)?.Value;
}
