using System.Globalization;
using Milvus.Local.Errors;

namespace Milvus.Local.Search;

/// <summary>
/// The search params of IVF_RABITQ (knowhere's IvfRaBitQConfig: rbq_bits_query in [0, 8], default 0 = float query;
/// its refine_k is checked with the HNSW family's) and DISKANN (search_list, passed to knowhere as search_list_size:
/// at least k, default max(k, 16)), checked as knowhere checks them. Other index types ignore these keys, as knowhere does.
/// </summary>
internal sealed record QuantizedSearchOptions(int? RbqBitsQuery, int? SearchList)
{
    public static QuantizedSearchOptions Parse(string? indexType, Func<string, string?> get, long topK)
    {
        if (indexType == Indexes.IvfRaBitQIndex.TypeName && get("rbq_bits_query") is { } bitsText)
        {
            var bits = Integer("rbq_bits_query", bitsText);
            if (bits is < 0 or > 8) throw MilvusError.InvalidParameter($"Out of range in json: param 'rbq_bits_query' ({bits}) should be in range [0, 8]");
            return new((int)bits, null);
        }
        if (indexType == Indexes.DiskAnnIndex.TypeName && get("search_list") is { } listText)
        {
            var list = Integer("search_list_size", listText);
            if (list is < 1 or > int.MaxValue)
                throw MilvusError.InvalidParameter($"Out of range in json: param 'search_list_size' ({list}) should be in range [1, {int.MaxValue}]");
            if (topK > list) throw MilvusError.InvalidParameter($"search_list_size({list}) should be larger than k({topK})");
            return new(null, (int)list);
        }
        return new(null, null);
    }

    private static long Integer(string key, string text)
        => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
            : throw MilvusError.InvalidParameter($"Type conflict in json: param '{key}' ({text}) should be integer");
}
