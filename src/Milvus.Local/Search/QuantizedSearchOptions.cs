using System.Globalization;
using Milvus.Local.Catalog;
using Milvus.Local.Errors;

namespace Milvus.Local.Search;

/// <summary>
/// The search params of IVF_RABITQ (knowhere's IvfRaBitQConfig: rbq_bits_query in [0, 8], default 0 = float query;
/// refine_k &gt;= 1, default 1) and DISKANN (search_list, passed to knowhere as search_list_size: at least k, default
/// max(k, 16)), checked as knowhere checks them. Other index types ignore these keys, as knowhere does.
/// </summary>
internal sealed record QuantizedSearchOptions(int? RbqBitsQuery, float? RefineK, int? SearchList)
{
    public static QuantizedSearchOptions Parse(string? indexType, Func<string, string?> get, long topK)
    {
        if (indexType == Indexes.IvfRaBitQIndex.TypeName)
        {
            int? bits = null;
            if (get("rbq_bits_query") is { } text)
            {
                if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                    throw MilvusError.InvalidParameter($"param 'rbq_bits_query' ({text}) should be integer");
                if (value is < 0 or > 8) throw MilvusError.InvalidParameter($"param 'rbq_bits_query' ({value}) should be in range [0, 8]");
                bits = (int)value;
            }
            return new(bits, SparseIndexRules.Range("refine_k", get("refine_k"), 1, float.MaxValue), null);
        }
        if (indexType == Indexes.DiskAnnIndex.TypeName && get("search_list") is { } listText)
        {
            if (!long.TryParse(listText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var list))
                throw MilvusError.InvalidParameter($"param 'search_list_size' ({listText}) should be integer");
            if (list is < 1 or > int.MaxValue) throw MilvusError.InvalidParameter($"param 'search_list_size' ({list}) should be in range [1, {int.MaxValue}]");
            if (topK > list) throw MilvusError.InvalidParameter($"search_list_size({list}) should be larger than k({topK})");
            return new(null, null, (int)list);
        }
        return new(null, null, null);
    }
}
