using System.Globalization;
using System.Text.Json;
using Milvus.Local.Catalog;
using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Search;

/// <summary>The search_params key/value list of a SearchRequest (topk, anns_field, metric_type, params JSON, ...), validated.</summary>
internal sealed class SearchParameters
{
    public const int MaxTopK = 16384;
    public const int MaxResultWindow = 16384;

    public required FieldSchema Field { get; init; }

    /// <summary>The index on the searched field (its id finds the built structure of each sealed segment).</summary>
    public required IndexMeta Index { get; init; }

    /// <summary>The index's search knobs from the request (ef, nprobe).</summary>
    public Indexes.IndexSearchOptions IndexOptions { get; init; } = new(null, null);
    public required Metric Metric { get; init; }
    public required string MetricName { get; init; }
    public required int TopK { get; init; }
    public int Offset { get; init; }
    public int RoundDecimal { get; init; } = -1;
    public float? Radius { get; init; }
    public float? RangeFilter { get; init; }
    public FieldSchema? GroupBy { get; init; }
    public int GroupSize { get; init; } = 1;

    /// <summary>For a sparse field: drop_ratio_search and BM25's k1 and b.</summary>
    public SparseSearchOptions? Sparse { get; init; }

    /// <summary>The page request of search iterator v2, when the search is one.</summary>
    public SearchIteratorV2? Iterator { get; init; }

    public static SearchParameters Parse(CollectionMeta c, IEnumerable<KeyValuePair> kv)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in kv) values[p.Key] = p.Value;
        var inner = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        // The document lives until the parameters are read (no per-value Clone, which copies a document each).
        using var doc = ParseJson(values.GetValueOrDefault("params"));
        if (doc is not null)
            foreach (var prop in doc.RootElement.EnumerateObject()) inner[prop.Name] = prop.Value;
        string? Get(string key) => values.TryGetValue(key, out var v) ? v
            : inner.TryGetValue(key, out var e) ? e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText() : null;

        var field = ResolveField(c, Get("anns_field"));
        var index = c.Indexes.FirstOrDefault(i => i.FieldId == field.FieldID)
            ?? throw MilvusError.IndexNotFound($"collection={c.Name}][field={field.Name}");
        var indexMetric = index.Param("metric_type") ?? "COSINE";
        var requestedMetric = Get("metric_type");
        if (!string.IsNullOrEmpty(requestedMetric) && !requestedMetric.Equals(indexMetric, StringComparison.OrdinalIgnoreCase))
            throw MilvusError.InvalidParameter("metric type not match", indexMetric, requestedMetric.ToUpperInvariant());

        var topkText = Get("topk") ?? Get("limit") ?? throw MilvusError.InvalidParameter("topk not found in search_params");
        var topK = ParseLong(topkText, "topk");
        var isIterator = Get("iterator") is "True" or "true";
        // An iterator's topk may exceed the limit: Milvus clamps it, since the iterator pages anyway.
        if ((topK <= 0 || topK > MaxTopK) && isIterator) topK = MaxTopK;
        if (topK <= 0 || topK > MaxTopK)
            throw MilvusError.InvalidParameter($"topk [{topK}] is invalid, it should be in range [1, {MaxTopK}], but got {topK}");
        var offset = Get("offset") is { } offsetText ? ParseLong(offsetText, "offset") : 0;
        if (offset < 0) throw MilvusError.InvalidParameter($"offset [{offset}] is invalid, should be gte than 0");
        if (topK + offset > MaxResultWindow)
            throw MilvusError.InvalidParameter($"invalid max query result window, (offset+limit) should be in range [1, {MaxResultWindow}], but got {topK + offset}");
        var round = Get("round_decimal") is { } roundText ? ParseLong(roundText, "round_decimal") : -1;
        if (round != -1 && (round < 0 || round > 6))
            throw MilvusError.InvalidParameter($"round_decimal {round} is invalid, should be -1 or an integer in range [0, 6]");
        var ef = Get("ef") is { } efText ? ParseLong(efText, "ef") : (long?)null;
        var hnswFamily = index.Param("index_type") is "HNSW" or "HNSW_SQ" or "HNSW_PQ" or "HNSW_PRQ";
        if (ef is not null && hnswFamily && ef < topK)
            throw MilvusError.InvalidParameter($"ef({ef}) should be larger than k({topK})");
        var refined = hnswFamily || index.Param("index_type") == Indexes.IvfRaBitQIndex.TypeName;
        var refineK = refined && Get("refine_k") is { } refineKText ? ParseFloat(refineKText, "refine_k") : (float?)null;
        if (refineK < 1)
            throw MilvusError.InvalidParameter($"Out of range in json: param 'refine_k' ({Get("refine_k")}) should be in range [1.000000, {float.MaxValue.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}]");
        var nprobe = Get("nprobe") is { } nprobeText ? ParseLong(nprobeText, "nprobe") : (long?)null;
        if (nprobe is < 1 or > 65536) throw MilvusError.InvalidParameter($"param 'nprobe' ({nprobe}) should be in range [1, 65536]");
        var quantized = QuantizedSearchOptions.Parse(index.Param("index_type"), Get, topK);
        var reorderK = Get("reorder_k") is { } reorderText && index.Param("index_type") == Indexes.IvfPqIndex.Scann ? ParseLong(reorderText, "reorder_k") : (long?)null;
        if (reorderK is < 1 or > int.MaxValue)
            throw MilvusError.InvalidParameter($"Out of range in json: param 'reorder_k' ({reorderK}) should be in range [1, {int.MaxValue}]");
        if (reorderK < topK) throw MilvusError.InvalidParameter($"reorder_k({reorderK}) should be larger than k({topK})");

        FieldSchema? groupBy = null;
        if (Get("group_by_field") is { Length: > 0 } groupName)
        {
            groupBy = c.FindField(groupName) ?? throw MilvusError.InvalidParameter($"groupBy field({groupName}) not found in schema");
            if (groupBy.DataType is not (DataType.Bool or DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.VarChar))
                throw MilvusError.InvalidParameter($"unsupported data type {MilvusTypeNames.Of(groupBy.DataType)} for group by operator");
        }
        var groupSize = Get("group_size") is { } gs ? ParseLong(gs, "group_size") : 1;
        if (groupSize <= 0 || groupSize > 10)
            throw MilvusError.InvalidParameter($"input group size:{groupSize} exceeds configured max group size:10");

        if (isIterator && groupBy is not null)
            throw MilvusError.InvalidParameter("Not allowed to do groupBy when doing iteration", "", "");
        var iterator = SearchIteratorV2.Parse(Get, isIterator, offset);
        if (iterator is not null) topK = iterator.BatchSize;

        var metric = Metrics.Parse(indexMetric);
        var retrievalAnnRatio = metric.IsEmbeddingList() && Get("retrieval_ann_ratio") is { } ratioText ? ParseFloat(ratioText, "retrieval_ann_ratio") : (float?)null;
        if (retrievalAnnRatio <= 0) throw MilvusError.InvalidParameter("retrieval_ann_ratio could not be less than or equal to 0");
        var radius = Get("radius") is { } r ? (float?)ParseFloat(r, "radius") : null;
        var rangeFilter = Get("range_filter") is { } rf ? (float?)ParseFloat(rf, "range_filter") : null;
        if (rangeFilter is not null && radius is null) throw MilvusError.InvalidParameter("range_filter requires radius");
        if (radius is not null && rangeFilter is not null && (metric.HigherIsBetter() ? rangeFilter <= radius : rangeFilter >= radius))
            throw MilvusError.InvalidParameter(metric.HigherIsBetter()
                ? $"range_filter must be greater than radius for IP/COSINE, range_filter:{rangeFilter}, radius:{radius}"
                : $"range_filter must be less than radius for L2/HAMMING/JACCARD, range_filter:{rangeFilter}, radius:{radius}");
        return new SearchParameters
        {
            Field = field, Index = index,
            IndexOptions = new(ef is > 0 ? (int)Math.Min(ef.Value, int.MaxValue) : null, (int?)nprobe, (int?)reorderK)
            {
                RefineK = refineK, RbqBitsQuery = quantized.RbqBitsQuery, SearchList = quantized.SearchList, RetrievalAnnRatio = retrievalAnnRatio,
            },
            Metric = metric, MetricName = indexMetric, TopK = (int)topK, Offset = (int)offset, RoundDecimal = (int)round,
            Radius = radius, RangeFilter = rangeFilter, GroupBy = groupBy, GroupSize = (int)groupSize, Iterator = iterator,
            Sparse = field.DataType == DataType.SparseFloatVector ? SparseSearchOptions.Parse(index, Get) : null,
        };
    }

    private static JsonDocument? ParseJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { return JsonDocument.Parse(json); }
        catch (JsonException) { throw MilvusError.InvalidParameter($"invalid search params: {json}"); }
    }

    /// <summary>True when a score lies in the range-search window (always true for a plain search).</summary>
    public bool InRange(float score)
    {
        if (Radius is not { } radius) return true;
        return Metric.HigherIsBetter()
            ? score > radius && (RangeFilter is not { } upper || score <= upper)
            : score < radius && (RangeFilter is not { } lower || score >= lower);
    }

    private static FieldSchema ResolveField(CollectionMeta c, string? name)
    {
        var vectors = c.VectorFields.ToList();
        if (string.IsNullOrEmpty(name))
        {
            if (vectors.Count == 1) return vectors[0];
            throw MilvusError.InvalidParameter("multiple anns_fields exist, please specify a anns_field in search_params");
        }
        var field = c.FindField(name) ?? c.Schema.FindSubField(name)
            ?? throw MilvusError.InvalidParameter($"failed to get field schema by name: fieldName({name}) not found");
        if (!VectorTypes.IsVector(field.DataType) && field.DataType != DataType.ArrayOfVector) throw MilvusError.InvalidParameter($"field ({name}) to search is not of vector data type");
        return field;
    }

    private static long ParseLong(string text, string key)
        => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
            : throw MilvusError.InvalidParameter($"{key} [{text}] is invalid, should be an integer");

    private static float ParseFloat(string text, string key)
        => float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw MilvusError.InvalidParameter($"{key} [{text}] is invalid, should be a number");
}
