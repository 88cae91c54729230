namespace Milvus.Local.Search;

/// <summary>
/// The similarity metrics Milvus offers for searches the local engine can run. The MAX_SIM family scores an
/// embedding list against a row's list: for each query vector the best element score, summed (knowhere's emb-list
/// metrics; plain MAX_SIM is the inner-product form).
/// </summary>
internal enum Metric { L2, IP, Cosine, Hamming, Jaccard, MaxSimL2, MaxSimIP, MaxSimCosine, MaxSimHamming, MaxSimJaccard, BM25 }

internal static class Metrics
{
    public static Metric Parse(string name) => name.ToUpperInvariant() switch
    {
        "L2" => Metric.L2,
        "IP" => Metric.IP,
        "COSINE" => Metric.Cosine,
        "HAMMING" => Metric.Hamming,
        "JACCARD" => Metric.Jaccard,
        "BM25" => Metric.BM25,
        "MAX_SIM" or "MAX_SIM_IP" => Metric.MaxSimIP,
        "MAX_SIM_COSINE" => Metric.MaxSimCosine,
        "MAX_SIM_L2" => Metric.MaxSimL2,
        "MAX_SIM_HAMMING" => Metric.MaxSimHamming,
        "MAX_SIM_JACCARD" => Metric.MaxSimJaccard,
        _ => throw Errors.MilvusError.NotSupported($"metric type {name}"),
    };

    /// <summary>IP, COSINE and BM25 are similarities (larger is better); the others are distances.</summary>
    public static bool HigherIsBetter(this Metric metric) => metric is Metric.IP or Metric.Cosine or Metric.MaxSimIP or Metric.MaxSimCosine or Metric.BM25;

    public static bool IsEmbeddingList(this Metric metric) => metric is >= Metric.MaxSimL2 and <= Metric.MaxSimJaccard;

    /// <summary>The per-vector metric inside a MAX_SIM metric (the metric itself otherwise).</summary>
    public static Metric ElementMetric(this Metric metric) => metric switch
    {
        Metric.MaxSimL2 => Metric.L2,
        Metric.MaxSimIP => Metric.IP,
        Metric.MaxSimCosine => Metric.Cosine,
        Metric.MaxSimHamming => Metric.Hamming,
        Metric.MaxSimJaccard => Metric.Jaccard,
        _ => metric,
    };

    /// <summary>True when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    public static bool Better(this Metric metric, float a, float b) => metric.HigherIsBetter() ? a > b : a < b;
}
