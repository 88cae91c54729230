namespace Milvus.Local.Search;

/// <summary>The similarity metrics Milvus offers for searches the local engine can run.</summary>
internal enum Metric { L2, IP, Cosine, Hamming, Jaccard }

internal static class Metrics
{
    public static Metric Parse(string name) => name.ToUpperInvariant() switch
    {
        "L2" => Metric.L2,
        "IP" => Metric.IP,
        "COSINE" => Metric.Cosine,
        "HAMMING" => Metric.Hamming,
        "JACCARD" => Metric.Jaccard,
        _ => throw Errors.MilvusError.NotSupported($"metric type {name}"),
    };

    /// <summary>IP and COSINE are similarities (larger is better); the others are distances.</summary>
    public static bool HigherIsBetter(this Metric metric) => metric is Metric.IP or Metric.Cosine;

    /// <summary>True when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    public static bool Better(this Metric metric, float a, float b) => metric.HigherIsBetter() ? a > b : a < b;
}
