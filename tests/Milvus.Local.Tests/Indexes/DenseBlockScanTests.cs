using System.Runtime.InteropServices;
using Milvus.Benchmarks.Data;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// The exact scan of a request with several queries scores four at a time: its hits must be exactly one query's hits.
/// From 20 queries on the rows are ranked by a matrix product (faiss's BLAS path) and the candidates scored again with
/// the one-query kernels: the same hits with bit-identical scores.
/// </summary>
public sealed class DenseBlockScanTests
{
    [Theory]
    [InlineData("L2", 128)]
    [InlineData("IP", 128)]
    [InlineData("COSINE", 128)]
    [InlineData("L2", 40)]     // 32-wide step, then a scalar tail
    [InlineData("COSINE", 56)] // 32-wide step, one 16-wide step, then a scalar tail
    public void Several_queries_in_one_pass_give_bit_identical_hits_to_one_query_at_a_time(string metricName, int dim)
    {
        var rows = ClusteredVectors.Generate(500, dim, 10, seed: 3);
        var queries = ClusteredVectors.Generate(6, dim, 10, seed: 4).Select(q => new QueryVector(q, null, null)).ToList();
        var column = Column(rows, dim);
        var metric = Metrics.Parse(metricName);
        var together = Scan(column, metric, queries);
        for (var q = 0; q < queries.Count; q++)
        {
            var alone = Scan(column, metric, [queries[q]])[0];
            Assert.Equal(10, together[q].Count);
            Assert.Equal(alone, together[q]);
        }
        // And the scores are the metric's: a spot check against a plain double-precision computation.
        var best = together[5][0];
        Assert.Equal(metricName == "L2" ? best.Score : -best.Score, ClusteredVectors.Distance(queries[5].Dense!, rows[best.Row], metricName), 3);
    }

    [Theory]
    [InlineData("L2", 128, 24)]
    [InlineData("IP", 128, 20)]
    [InlineData("COSINE", 128, 21)]  // 21 queries: the last tile of queries is padded
    [InlineData("L2", 40, 23)]       // 16-wide steps, then a scalar tail
    [InlineData("COSINE", 768, 20)]
    public void A_batch_of_twenty_or_more_queries_returns_the_one_query_hits_bit_for_bit(string metricName, int dim, int count)
    {
        var rows = ClusteredVectors.Generate(503, dim, 10, seed: 5); // 503 rows: the last tile of rows is padded
        var queries = ClusteredVectors.Generate(count, dim, 10, seed: 6).Select(q => new QueryVector(q, null, null)).ToList();
        var column = Column(rows, dim);
        var metric = Metrics.Parse(metricName);
        // Every third row hidden (a filter or the delete bitmap): hidden rows never come back.
        var allowed = Enumerable.Range(0, rows.Length).Select(r => r % 3 != 0).ToArray();
        var together = Scan(column, metric, queries, RowMask.Of(allowed));
        for (var q = 0; q < count; q++)
        {
            var alone = Scan(column, metric, [queries[q]], RowMask.Of(allowed))[0];
            Assert.Equal(10, together[q].Count);
            Assert.Equal(alone, together[q]);
            Assert.All(together[q], h => Assert.True(allowed[h.Row]));
        }
    }

    [Fact]
    public void A_batch_finds_a_query_equal_to_a_row_at_L2_distance_exactly_zero_and_keeps_range_bounds()
    {
        var rows = ClusteredVectors.Generate(300, 64, 5, seed: 7);
        var queries = Enumerable.Range(0, 20).Select(i => new QueryVector(rows[i * 7], null, null)).ToList();
        var column = Column(rows, 64);
        var all = RowMask.Excluding(new bool[rows.Length]);
        var hits = Scan(column, Metric.L2, queries, all);
        for (var q = 0; q < 20; q++)
        {
            Assert.Equal(q * 7, hits[q][0].Row);
            // |x|^2 + |q|^2 - 2x.q would leave a rounding residue; the re-scored hit is at exactly 0, as Milvus returns.
            Assert.Equal(0f, hits[q][0].Score);
        }
        // Range search (radius 50, range_filter 40: within a cluster squared distances are ~46) keeps only scores
        // in [40, 50), as the one-query scan does.
        var ranged = Scan(column, Metric.L2, queries, all, radius: 50, rangeFilter: 40);
        for (var q = 0; q < 20; q++)
        {
            var alone = Scan(column, Metric.L2, [queries[q]], all, radius: 50, rangeFilter: 40)[0];
            Assert.NotEmpty(alone);
            Assert.Equal(alone, ranged[q]);
            Assert.All(ranged[q], h => Assert.InRange(h.Score, 40f, 50f));
        }
    }

    private static DenseVectorColumn Column(float[][] rows, int dim)
        => new(DataType.FloatVector, dim, MemoryMarshal.AsBytes(rows.SelectMany(r => r).ToArray().AsSpan()).ToArray(), rows.Length);

    private static List<Hit>[] Scan(DenseVectorColumn column, Metric metric, List<QueryVector> queries, RowMask? mask = null, float? radius = null, float? rangeFilter = null)
    {
        var p = new SearchParameters
        {
            Field = new FieldSchema { Name = "v", DataType = DataType.FloatVector },
            Index = new IndexMeta { Id = 1, Name = "v", FieldId = 1, Params = [], CreatedTs = 0 },
            Metric = metric, MetricName = metric.ToString(), TopK = 10, Radius = radius, RangeFilter = rangeFilter,
        };
        var order = HitOrder.ByPosition(metric);
        var heaps = queries.Select(_ => new TopK(10, order)).ToArray();
        DenseBlockScan.Run(column, queries, p, mask ?? RowMask.Excluding(new bool[column.Length]), 0, 0, column.Length, heaps, order, null);
        return heaps.Select(h => h.Sorted()).ToArray();
    }
}
