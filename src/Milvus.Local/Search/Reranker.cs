using System.Text.Json;
using Milvus.Local.Errors;

namespace Milvus.Local.Search;

/// <summary>
/// HybridSearch fusion as Milvus 2.6+ reranks legacy rank params (rerank/rrf_function.go, weighted_function.go,
/// util.go getNormalizeFunc), in float32 like Milvus: RRF sums 1/(k + rank) with 1-based ranks; weighted sums
/// wᵢ·norm(sᵢ), where with norm_score (default false) COSINE maps to (1+s)/2, IP to 0.5+atan(s)/π, BM25 to
/// 2·atan(s)/π and distances to 1−2·atan(d)/π, and without it scores stay raw unless similarities and distances
/// are mixed, when distances still take 1−2·atan(d)/π. Fused hits sort by score (ascending only for unnormalized
/// weighted distances), ties by primary key.
/// </summary>
internal sealed class Reranker
{
    public const float DefaultRrfK = 60;

    private readonly bool _rrf;
    private readonly float _k;
    private readonly float[] _weights;
    private readonly bool _normalize;

    private Reranker(bool rrf, float k, float[] weights, bool normalize)
    {
        _rrf = rrf;
        _k = k;
        _weights = weights;
        _normalize = normalize;
    }

    public static Reranker Parse(string? strategy, string? paramsJson, int requestCount)
    {
        JsonElement? root = null;
        if (!string.IsNullOrWhiteSpace(paramsJson))
        {
            try { root = JsonDocument.Parse(paramsJson).RootElement.Clone(); }
            catch (JsonException) { throw MilvusError.InvalidParameter($"invalid rank params: {paramsJson}"); }
        }
        switch ((strategy ?? "rrf").ToLowerInvariant())
        {
            case "rrf":
                var k = root is { } r && r.TryGetProperty("k", out var kValue) ? kValue.GetDouble() : DefaultRrfK;
                if (k <= 0 || k >= 16384) throw MilvusError.InvalidParameter("The rank params k should be in range (0, 16384)");
                return new Reranker(true, (float)k, [], false);
            case "weighted":
                if (root is not { } w || !w.TryGetProperty("weights", out var weightsValue) || weightsValue.ValueKind != JsonValueKind.Array)
                    throw MilvusError.InvalidParameter("not found weight param in rank params");
                var weights = weightsValue.EnumerateArray().Select(x => (float)x.GetDouble()).ToArray();
                if (weights.Length != requestCount) throw MilvusError.InvalidParameter("the length of weights param mismatch with ann search requests");
                if (weights.Any(x => x < 0 || x > 1)) throw MilvusError.InvalidParameter("rank param weight should be in range [0, 1]");
                var normalize = w.TryGetProperty("norm_score", out var norm) && norm.ValueKind == JsonValueKind.True;
                return new Reranker(false, 0, weights, normalize);
            default:
                throw MilvusError.InvalidParameter($"unsupported rank type {strategy}");
        }
    }

    /// <summary>True when fused scores rank descending (RRF, normalized weights, or any similarity metric among the sub-searches).</summary>
    public bool Descending(IReadOnlyCollection<Metric> metrics) => _rrf || _normalize || metrics.Any(m => m.HigherIsBetter());

    /// <summary>The contribution of a hit at <paramref name="rank"/> (1-based) with <paramref name="score"/> in sub-search <paramref name="request"/>.</summary>
    /// <param name="mixed">True when the sub-searches mix similarity and distance metrics.</param>
    public float Contribution(int request, int rank, float score, Metric metric, bool mixed)
    {
        if (_rrf) return 1 / (_k + rank);
        return _weights[request] * Normalize(score, metric, mixed);
    }

    private float Normalize(float score, Metric metric, bool mixed)
    {
        if (!_normalize)
            return !mixed || metric.HigherIsBetter() ? score : 1f - 2 * (float)Math.Atan(score) / MathF.PI;
        return metric switch
        {
            Metric.Cosine => (1 + score) * 0.5f,
            Metric.IP => 0.5f + (float)Math.Atan(score) / MathF.PI,
            Metric.BM25 => 2 * (float)Math.Atan(score) / MathF.PI,
            _ => 1f - 2 * (float)Math.Atan(score) / MathF.PI,
        };
    }
}
