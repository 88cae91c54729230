using Microsoft.Extensions.VectorData;
using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>
/// MEVD distance functions on Milvus metrics, and Milvus distances as MEVD scores. Milvus answers COSINE and IP as
/// similarities (higher is closer) and L2 as the squared Euclidean distance (lower is closer); the other MEVD
/// functions are derived from these exactly: CosineDistance = 1 - cosine, NegativeDotProduct = -IP, Euclidean = sqrt(L2).
/// </summary>
internal static class MilvusDistance
{
    public const string Default = DistanceFunction.CosineSimilarity;

    private const string Supported = "CosineSimilarity, CosineDistance, DotProductSimilarity, NegativeDotProductSimilarity, EuclideanDistance, EuclideanSquaredDistance";

    public static string MetricType(string? distanceFunction, string propertyName) => (distanceFunction ?? Default) switch
    {
        DistanceFunction.CosineSimilarity or DistanceFunction.CosineDistance => Client.MetricType.Cosine,
        DistanceFunction.DotProductSimilarity or DistanceFunction.NegativeDotProductSimilarity => Client.MetricType.IP,
        DistanceFunction.EuclideanDistance or DistanceFunction.EuclideanSquaredDistance => Client.MetricType.L2,
        var other => throw new NotSupportedException(
            $"Distance function '{other}' on vector property '{propertyName}' is not supported by Milvus float vectors. Supported: {Supported}."),
    };

    /// <summary>The MEVD score of a Milvus distance.</summary>
    public static double Score(string? distanceFunction, float distance) => (distanceFunction ?? Default) switch
    {
        DistanceFunction.CosineDistance => 1d - distance,
        DistanceFunction.NegativeDotProductSimilarity => -(double)distance,
        DistanceFunction.EuclideanDistance => Math.Sqrt(Math.Max(0d, distance)),
        _ => distance,
    };

    /// <summary>True when a score is at least as close as the threshold (&gt;= for similarities, &lt;= for distances).</summary>
    public static bool WithinThreshold(string? distanceFunction, double score, double threshold) => (distanceFunction ?? Default) switch
    {
        DistanceFunction.CosineSimilarity or DistanceFunction.DotProductSimilarity => score >= threshold,
        _ => score <= threshold,
    };
}
