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

    [Theory]
    [InlineData("L2", 1, 1003, 20, 10)]      // one dimension; 1003 rows: the last tile has 3
    [InlineData("L2", 3, 13, 33, 10)]        // three query groups: a pair, then one alone
    [InlineData("IP", 13, 257, 70, 10)]      // five groups; 257 rows: a pass of 256 and a tile of 1
    [InlineData("COSINE", 129, 500, 50, 10)] // dim one past 128
    [InlineData("L2", 200, 7, 21, 10)]       // k above the row count: every row comes back, in order
    [InlineData("IP", 8, 40, 48, 50)]        // k above the row count, three full groups
    [InlineData("COSINE", 31, 1000, 100, 5)]
    public void A_batch_on_odd_sizes_returns_the_one_query_hits_bit_for_bit(string metricName, int dim, int rowCount, int queryCount, int k)
    {
        var rows = ClusteredVectors.Generate(rowCount, dim, 10, seed: 11);
        var queries = ClusteredVectors.Generate(queryCount, dim, 10, seed: 12).Select(q => new QueryVector(q, null, null)).ToList();
        var column = Column(rows, dim);
        var metric = Metrics.Parse(metricName);
        var together = Scan(column, metric, queries, k: k);
        for (var q = 0; q < queryCount; q++)
        {
            var alone = Scan(column, metric, [queries[q]], k: k)[0];
            Assert.Equal(Math.Min(k, rowCount), together[q].Count);
            Assert.Equal(alone, together[q]);
        }
    }

    [Theory]
    [InlineData("L2")]
    [InlineData("IP")]
    [InlineData("COSINE")]
    public void A_batch_over_a_part_of_the_rows_with_deletes_and_a_filter_returns_the_one_query_hits(string metricName)
    {
        const int dim = 24;
        var rows = ClusteredVectors.Generate(2000, dim, 8, seed: 13);
        rows[100] = new float[dim]; // a zero row: COSINE scores it 0, as the one-query scan
        var queries = ClusteredVectors.Generate(37, dim, 8, seed: 14).Select(q => new QueryVector(q, null, null)).ToList();
        queries[36] = new QueryVector(new float[dim], null, null); // a zero query: every COSINE score is 0, ties by row
        var column = Column(rows, dim);
        var metric = Metrics.Parse(metricName);
        // Deletes hide every fifth row (the delete bitmap), a filter passes rows below 1,500 only.
        var deleted = Enumerable.Range(0, rows.Length).Select(r => r % 5 == 0).ToArray();
        var filtered = Enumerable.Range(0, rows.Length).Select(r => r % 5 != 0 && r < 1500).ToArray();
        foreach (var mask in new[] { RowMask.Excluding(deleted), RowMask.Of(filtered) })
        {
            // Rows 5..1,994 only (a block that starts and ends inside a tile).
            var together = Scan(column, metric, queries, mask, start: 5, end: 1995);
            for (var q = 0; q < queries.Count; q++)
            {
                var alone = Scan(column, metric, [queries[q]], mask, start: 5, end: 1995)[0];
                Assert.Equal(10, together[q].Count);
                Assert.Equal(alone, together[q]);
                Assert.All(together[q], h => Assert.True(mask.Allows(h.Row) && h.Row is >= 5 and < 1995));
            }
        }
        if (metricName == "COSINE")
            Assert.Equal([(0f, 101), (0f, 102), (0f, 103)], Scan(column, metric, queries, RowMask.Excluding(deleted), start: 101)[36].Take(3).Select(h => (h.Score, h.Row)));
    }

    [Theory]
    [InlineData("L2")]
    [InlineData("IP")]
    [InlineData("COSINE")]
    public void A_row_of_NaN_or_zeros_in_a_tile_hides_none_of_its_neighbours_from_the_batch(string metricName)
    {
        // The batch checks a whole tile of 8 rows at once against each query's bound: a NaN row (its scores are NaN, never
        // hits) or a zero row must not make the tile's other rows look out of reach. Queries equal to the tile's rows
        // must find them first, as one query at a time does.
        const int dim = 16;
        var rows = ClusteredVectors.Generate(64, dim, 4, seed: 15);
        rows[7] = Enumerable.Repeat(float.NaN, dim).ToArray(); // the last row of the first tile
        rows[12] = new float[dim];
        var queries = Enumerable.Range(0, 24).Select(i => new QueryVector(rows[i % 3 == 0 || i == 7 ? 60 - i : i], null, null)).ToList();
        var column = Column(rows, dim);
        var metric = Metrics.Parse(metricName);
        var together = Scan(column, metric, queries, k: 5);
        for (var q = 0; q < queries.Count; q++)
        {
            var alone = Scan(column, metric, [queries[q]], k: 5)[0];
            Assert.Equal(alone, together[q]);
            Assert.DoesNotContain(together[q], h => h.Row == 7);
        }
        if (metricName == "L2")
            Assert.All(Enumerable.Range(0, queries.Count).Where(q => q % 3 != 0 && q != 7), q => Assert.Equal((0f, q), (together[q][0].Score, together[q][0].Row)));
    }

    private static DenseVectorColumn Column(float[][] rows, int dim)
        => new(DataType.FloatVector, dim, MemoryMarshal.AsBytes(rows.SelectMany(r => r).ToArray().AsSpan()).ToArray(), rows.Length);

    private static List<Hit>[] Scan(DenseVectorColumn column, Metric metric, List<QueryVector> queries, RowMask? mask = null, float? radius = null,
        float? rangeFilter = null, int k = 10, int start = 0, int? end = null)
    {
        var p = new SearchParameters
        {
            Field = new FieldSchema { Name = "v", DataType = DataType.FloatVector },
            Index = new IndexMeta { Id = 1, Name = "v", FieldId = 1, Params = [], CreatedTs = 0 },
            Metric = metric, MetricName = metric.ToString(), TopK = k, Radius = radius, RangeFilter = rangeFilter,
        };
        var order = HitOrder.ByPosition(metric);
        var heaps = queries.Select(_ => new TopK(k, order)).ToArray();
        mask ??= RowMask.Excluding(new bool[column.Length]);
        if (BatchedDenseScan.Applies(queries.Count, column.Dim))
        {
            // As SearchExecutor does: the queries packed once per request, one worker's lanes over its heaps.
            using var request = BatchedDenseScan.Request.Prepare(column.Dim, queries, p, order, null, new SharedBounds(queries.Count, metric));
            BatchedDenseScan.Run(new BatchedDenseScan.Lanes(request, heaps), column, mask, 0, start, end ?? column.Length);
        }
        else DenseBlockScan.Run(column, queries, p, mask, 0, start, end ?? column.Length, heaps, order, null);
        return heaps.Select(h => h.Sorted()).ToArray();
    }
}
