using Milvus.Local.Search;

namespace Milvus.Local.Tests.Search;

/// <summary>
/// A request served by indexes alone merges its hits with one sort and a cut instead of bounded heaps: the lists must be
/// the heaps' lists exactly, including ties (equal scores rank by segment, then row) and several segments per query.
/// </summary>
public sealed class SearchExecutorMergeTests
{
    [Theory]
    [InlineData("L2", 1, 1, 10)]
    [InlineData("L2", 3, 2, 10)]
    [InlineData("IP", 2, 3, 5)]
    [InlineData("COSINE", 4, 4, 1)]
    public void Sorting_the_index_hits_keeps_what_the_heaps_keep(string metric, int queries, int segments, int keep)
    {
        var random = new Random(5);
        var order = HitOrder.ByPosition(Metrics.Parse(metric));
        var indexed = new List<(int View, int Query)>();
        var hits = new List<List<Hit>>();
        for (var v = 0; v < segments; v++)
            for (var q = 0; q < queries; q++)
            {
                indexed.Add((v, q));
                // Scores from a handful of values, so many hits tie; each index answers at most keep hits.
                hits.Add(Enumerable.Range(0, random.Next(0, keep + 1)).Select(_ => new Hit(random.Next(0, 4) * 0.5f, v, random.Next(0, 50)))
                    .DistinctBy(h => h.Row).ToList());
            }
        var expected = SearchExecutor.Merge(queries, [], indexed, [.. hits.Select(h => h.ToList())], keep, order);
        var actual = SearchExecutor.MergeIndexHits(queries, indexed, [.. hits.Select(h => h.ToList())], keep, order);
        Assert.Equal(queries, actual.Length);
        for (var q = 0; q < queries; q++) Assert.Equal(expected[q], actual[q]);
        Assert.Contains(actual, list => list.Count > 0);
    }
}
