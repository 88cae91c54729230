using System.Collections;

namespace Milvus.PowerShell.Models;

/// <summary>
/// One sub-search of a hybrid search (pymilvus AnnSearchRequest), made by New-MilvusAnnSearchRequest and passed to
/// Search-MilvusEntity -Request. A plain value object: it belongs to no connection.
/// </summary>
public sealed class MilvusAnnSearchRequest
{
    /// <summary>
    /// The query vectors (one per query; all sub-requests of a hybrid search must have as many): float[] for dense
    /// fields, a dictionary for sparse, byte[] for binary, sbyte[] for int8; converted by the field's type when searched.
    /// </summary>
    public object[] Vector { get; set; } = Array.Empty<object>();

    /// <summary>Texts for full-text (BM25) search on a sparse field fed by a function; used instead of Vector.</summary>
    public string[] Text { get; set; } = Array.Empty<string>();

    /// <summary>The vector field searched.</summary>
    public string AnnsField { get; set; } = string.Empty;

    /// <summary>Hits kept from this sub-search before reranking.</summary>
    public int Limit { get; set; } = 10;

    public string? Filter { get; set; }

    public string? MetricType { get; set; }

    /// <summary>Search parameters (pymilvus param["params"], e.g. @{ ef = 64 }).</summary>
    public Hashtable SearchParameter { get; set; } = new();

    /// <summary>Number of queries in this request.</summary>
    public int QueryCount => Text.Length > 0 ? Text.Length : Vector.Length;

    public override string ToString() => $"{AnnsField} (queries: {QueryCount}, limit: {Limit})";
}
