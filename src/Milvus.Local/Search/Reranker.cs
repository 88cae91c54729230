using System.Text.Json;
using Milvus.Local.Errors;

namespace Milvus.Local.Search;

/// <summary>
/// HybridSearch fusion (Milvus rerank functions): RRF scores Σ 1/(k + rank) with 1-based ranks; weighted scores
/// Σ wᵢ·norm(sᵢ) with norm COSINE (1+s)/2, IP 0.5+atan(s)/π, distances 1−2·atan(d)/π.
/// </summary>
internal sealed class Reranker
{
    public const double DefaultRrfK = 60;

    private readonly bool _rrf;
    private readonly double _k;
    private readonly double[] _weights;
    private readonly bool _normalize;

    private Reranker(bool rrf, double k, double[] weights, bool normalize)
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
                return new Reranker(true, k, [], true);
            case "weighted":
                if (root is not { } w || !w.TryGetProperty("weights", out var weightsValue) || weightsValue.ValueKind != JsonValueKind.Array)
                    throw MilvusError.InvalidParameter("not found weight param in rank params");
                var weights = weightsValue.EnumerateArray().Select(x => x.GetDouble()).ToArray();
                if (weights.Length != requestCount) throw MilvusError.InvalidParameter("the length of weights param mismatch with ann search requests");
                if (weights.Any(x => x < 0 || x > 1)) throw MilvusError.InvalidParameter("rank param weight should be in range [0, 1]");
                var normalize = !w.TryGetProperty("norm_score", out var norm) || norm.ValueKind != JsonValueKind.False;
                return new Reranker(false, 0, weights, normalize);
            default:
                throw MilvusError.InvalidParameter($"unsupported rank type {strategy}");
        }
    }

    /// <summary>The contribution of a hit at <paramref name="rank"/> (1-based) with <paramref name="score"/> in sub-search <paramref name="request"/>.</summary>
    public double Contribution(int request, int rank, float score, Metric metric)
    {
        if (_rrf) return 1.0 / (_k + rank);
        double value = metric switch
        {
            Metric.Cosine => _normalize ? (1 + score) / 2.0 : score,
            Metric.IP => _normalize ? 0.5 + Math.Atan(score) / Math.PI : score,
            _ => 1 - 2 * Math.Atan(score) / Math.PI,
        };
        return _weights[request] * value;
    }
}
