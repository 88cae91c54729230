using System.Runtime.InteropServices;
using Milvus.Benchmarks.Data;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Indexes;

/// <summary>The exact scan of a request with several queries scores four at a time: its hits must be exactly one query's hits.</summary>
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
        var column = new DenseVectorColumn(DataType.FloatVector, dim, MemoryMarshal.AsBytes(rows.SelectMany(r => r).ToArray().AsSpan()).ToArray(), rows.Length);
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

    private static List<Hit>[] Scan(DenseVectorColumn column, Metric metric, List<QueryVector> queries)
    {
        var p = new SearchParameters
        {
            Field = new FieldSchema { Name = "v", DataType = DataType.FloatVector },
            Index = new IndexMeta { Id = 1, Name = "v", FieldId = 1, Params = [], CreatedTs = 0 },
            Metric = metric, MetricName = metric.ToString(), TopK = 10,
        };
        var order = HitOrder.ByPosition(metric);
        var heaps = queries.Select(_ => new TopK(10, order)).ToArray();
        DenseBlockScan.Run(column, queries, p, RowMask.Excluding(new bool[column.Length]), 0, 0, column.Length, heaps, order, null);
        return heaps.Select(h => h.Sorted()).ToArray();
    }
}
