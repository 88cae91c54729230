using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Local.Indexes;

namespace Milvus.Local.Search;

/// <summary>
/// The search knobs of a sparse field (knowhere's sparse index search config): drop_ratio_search, the share of the
/// query's smallest values dropped before scoring, and BM25's k1 and b, which come from the index (bm25_k1, default
/// 1.2; bm25_b, default 0.75) and may be overridden at search time except on a DAAT_WAND or DAAT_MAXSCORE index
/// (knowhere checks only those two; the other algorithms' bounds here are computed per query, so stay exact).
/// </summary>
internal sealed record SparseSearchOptions(float DropRatio, float K1, float B)
{
    public static SparseSearchOptions Parse(IndexMeta index, Func<string, string?> get)
    {
        var dropText = get("drop_ratio_search");
        var drop = 0f;
        if (dropText is not null && (!float.TryParse(dropText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out drop) || drop < 0 || drop >= 1))
            throw MilvusError.InvalidParameter($"param 'drop_ratio_search' ({dropText}) should be in range [0.000000, 1.000000)");
        var k1 = SparseIndexRules.Range("bm25_k1", index.Param("bm25_k1"), 0, 3) ?? SparseIndexRules.DefaultK1;
        var b = SparseIndexRules.Range("bm25_b", index.Param("bm25_b"), 0, 1) ?? SparseIndexRules.DefaultB;
        var searchK1 = SparseIndexRules.Range("bm25_k1", get("bm25_k1"), 0, 3);
        var searchB = SparseIndexRules.Range("bm25_b", get("bm25_b"), 0, 1);
        if (VectorIndexKinds.SparseAlgorithm(index) is not (SparseInvertedIndex.MaxScore or SparseInvertedIndex.Wand)) return new(drop, searchK1 ?? k1, searchB ?? b);
        if ((searchK1 is { } sk && sk != k1) || (searchB is { } sb && sb != b))
            throw MilvusError.InvalidParameter("search time k1/b must equal load time config for DAAT_WAND or DAAT_MAXSCORE algorithm.");
        return new(drop, k1, b);
    }

    /// <summary>knowhere's parse_query: with a drop ratio r, values below the (r·n)-th smallest absolute value are dropped.</summary>
    public SparseRow Prune(SparseRow query)
    {
        var dropCount = (int)(DropRatio * query.Values.Length);
        if (dropCount == 0) return query;
        var sorted = query.Values.Select(Math.Abs).Order().ToArray();
        var threshold = sorted[dropCount];
        var keep = Enumerable.Range(0, query.Values.Length).Where(i => Math.Abs(query.Values[i]) >= threshold).ToArray();
        return new SparseRow(keep.Select(i => query.Indices[i]).ToArray(), keep.Select(i => query.Values[i]).ToArray());
    }
}
