namespace Milvus.Client;

/// <summary>A reranker for hybrid search or search (pymilvus <c>BaseRanker</c> / <c>Function</c> of type RERANK).</summary>
public abstract class Ranker
{
    private protected Ranker() { }
}

/// <summary>Reciprocal rank fusion (pymilvus <c>RRFRanker(k=60)</c>): rank_params strategy "rrf", params {"k": k}.</summary>
public sealed class RrfRanker : Ranker
{
    public RrfRanker(int k = 60)
    {
        if (k <= 0) throw new ParamError($"k must be a positive integer, got {k}");
        K = k;
    }

    public int K { get; }
}

/// <summary>Weighted score fusion (pymilvus <c>WeightedRanker(*weights, norm_score=True)</c>).</summary>
public sealed class WeightedRanker : Ranker
{
    public WeightedRanker(params double[] weights) : this(weights, true) { }

    public WeightedRanker(IEnumerable<double> weights, bool normScore)
    {
        Weights = weights.ToList();
        NormScore = normScore;
    }

    public IReadOnlyList<double> Weights { get; }
    public bool NormScore { get; }
}

/// <summary>A rerank function (pymilvus <c>Function(function_type=RERANK)</c>), sent as <c>function_score</c>.</summary>
public sealed class FunctionRanker : Ranker
{
    public FunctionRanker(FunctionSchema function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Functions = new[] { function };
    }

    /// <summary>Several functions with shared params (pymilvus <c>FunctionScore</c>).</summary>
    public FunctionRanker(IEnumerable<FunctionSchema> functions, IDictionary<string, object?>? parameters = null)
    {
        Functions = functions.ToList();
        Params = parameters is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(parameters);
    }

    public IReadOnlyList<FunctionSchema> Functions { get; }
    public IReadOnlyDictionary<string, object?> Params { get; } = new Dictionary<string, object?>();
}

/// <summary>One sub-search of a hybrid search (pymilvus <c>AnnSearchRequest</c>).</summary>
public sealed class AnnSearchRequest
{
    public AnnSearchRequest(IReadOnlyList<object> data, string annsField, IDictionary<string, object?>? param, int limit,
        string? filter = null, IDictionary<string, object?>? filterParams = null)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        AnnsField = annsField;
        Param = param is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(param);
        Limit = limit;
        Filter = filter;
        FilterParams = filterParams;
    }

    /// <summary>Query vectors (float[], ReadOnlyMemory&lt;float&gt;, Half[], byte[], sparse dictionaries or texts).</summary>
    public IReadOnlyList<object> Data { get; }
    public string AnnsField { get; }
    /// <summary>Search params (metric_type, params {...}, ...), as pymilvus's <c>param</c>.</summary>
    public Dictionary<string, object?> Param { get; }
    public int Limit { get; }
    /// <summary>Filter expression (pymilvus <c>expr</c>/<c>filter</c>).</summary>
    public string? Filter { get; }
    public IDictionary<string, object?>? FilterParams { get; }
}
