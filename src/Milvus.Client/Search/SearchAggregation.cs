namespace Milvus.Client;

/// <summary>
/// pymilvus 3.0 <c>SearchAggregation</c>: one level of bucket aggregation over search hits (buckets by <see cref="Fields"/>,
/// at most <see cref="Size"/> of them), with per-bucket metrics, bucket order, top hits and a nested level. Set it as
/// <see cref="SearchOptions.SearchAggregation"/>; the search limit is then ignored (the bucket count comes from Size).
/// </summary>
public sealed class SearchAggregation
{
    private static readonly HashSet<string> s_metricOps = new(StringComparer.Ordinal) { "avg", "sum", "count", "min", "max" };

    public SearchAggregation(IReadOnlyList<string> fields, int size)
    {
        if (fields is null || fields.Count == 0) throw new ParamError("SearchAggregation.fields must be a non-empty list of str");
        foreach (var field in fields)
        {
            if (string.IsNullOrEmpty(field)) throw new ParamError($"SearchAggregation.fields must contain non-empty str, got '{field}'");
            if (field.Contains('[') || field.Contains(']'))
                throw new ParamError($"SearchAggregation.fields does not yet support bracketed JSON path expressions, got '{field}'");
        }
        if (size <= 0) throw new ParamError($"SearchAggregation.size must be a positive int, got {size}");
        Fields = fields.ToList();
        Size = size;
    }

    public IReadOnlyList<string> Fields { get; }
    public int Size { get; }

    /// <summary>Metrics per bucket: alias → (op: avg, sum, count, min or max; field).</summary>
    public IDictionary<string, (string Op, string Field)> Metrics { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal);

    /// <summary>Bucket order: (key: a metric alias, "_count" or "_key"; direction: "asc" or "desc").</summary>
    public IList<(string Key, string Direction)> Order { get; } = new List<(string, string)>();

    /// <summary>Hits kept per bucket, and their sort ((field or "_score", "asc"/"desc")).</summary>
    public (int Size, IReadOnlyList<(string Field, string Direction)> Sort)? TopHits { get; set; }

    public SearchAggregation? SubAggregation { get; set; }

    /// <summary>pymilvus's checks: known metric ops, asc/desc directions, order keys that name a metric, _count or _key.</summary>
    internal void Validate()
    {
        foreach (var (alias, (op, _)) in Metrics)
            if (!s_metricOps.Contains(op)) throw new ParamError($"SearchAggregation.metrics['{alias}'] op must be one of avg, count, max, min, sum, got '{op}'");
        foreach (var (key, direction) in Order)
        {
            if (direction is not ("asc" or "desc")) throw new ParamError($"SearchAggregation.order direction must be 'asc' or 'desc', got '{direction}'");
            if (key is not ("_count" or "_key") && !Metrics.ContainsKey(key))
                throw new ParamError($"SearchAggregation.order key '{key}' must be a metric alias, '_count' or '_key'");
        }
        if (TopHits is { } top && top.Size <= 0) throw new ParamError($"TopHits.size must be a positive int, got {top.Size}");
        SubAggregation?.Validate();
    }
}
