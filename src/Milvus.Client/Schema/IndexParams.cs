using System.Collections;

namespace Milvus.Client;

/// <summary>One index definition of <see cref="IndexParams"/> (pymilvus <c>IndexParam</c>).</summary>
public sealed class IndexParam
{
    public IndexParam(string fieldName, string indexType = "", string indexName = "", IDictionary<string, object?>? parameters = null)
    {
        FieldName = fieldName;
        IndexType = indexType;
        IndexName = indexName;
        Params = parameters is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(parameters);
    }

    public string FieldName { get; }
    public string IndexType { get; set; }
    public string IndexName { get; set; }
    /// <summary>Metric type, stored in <see cref="Params"/> as <c>metric_type</c>.</summary>
    public string? MetricType
    {
        get => Params.TryGetValue("metric_type", out var v) ? v?.ToString() : null;
        set { if (value is null) Params.Remove("metric_type"); else Params["metric_type"] = value; }
    }
    /// <summary>Build parameters (M, efConstruction, nlist, ...), sent flattened, values stringified.</summary>
    public Dictionary<string, object?> Params { get; }

    public override string ToString() => $"{FieldName}: {IndexType} {IndexName}".TrimEnd();
}

/// <summary>A list of indexes to create (pymilvus <c>IndexParams</c> from <c>prepare_index_params</c>).</summary>
public sealed class IndexParams : IReadOnlyList<IndexParam>
{
    private readonly List<IndexParam> _items = new();

    /// <summary>Adds an index (pymilvus <c>add_index(field_name, index_type="", index_name="", **kw)</c>);
    /// a nested <c>params</c> dictionary inside <paramref name="parameters"/> is flattened in.</summary>
    public IndexParams AddIndex(string fieldName, string indexType = "", string indexName = "", string? metricType = null,
        IDictionary<string, object?>? parameters = null)
    {
        var param = new IndexParam(fieldName, indexType, indexName);
        if (parameters is not null)
        {
            foreach (var (key, value) in parameters)
            {
                if (key == "params" && value is IDictionary<string, object?> nested)
                    foreach (var (k, v) in nested) param.Params[k] = v;
                else
                    param.Params[key] = value;
            }
        }
        if (metricType is not null) param.MetricType = metricType;
        _items.Add(param);
        return this;
    }

    public int Count => _items.Count;
    public IndexParam this[int index] => _items[index];
    public IEnumerator<IndexParam> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
