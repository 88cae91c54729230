using System.Runtime.InteropServices;
using Milvus.Benchmarks.Data;
using Milvus.Local.Columns;
using Milvus.Local.Indexes;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Indexes;

/// <summary>The HNSW graph on its own: recall against exact ground truth per metric, filtered walks, storage round trip.</summary>
public sealed class HnswIndexTests
{
    private const int Rows = 4000;
    private const int Dim = 32;
    private static readonly float[][] Data = ClusteredVectors.Generate(Rows, Dim, 40, seed: 7);
    private static readonly float[][] Queries = ClusteredVectors.Generate(100, Dim, 40, seed: 7).Select(Jitter).ToArray();

    [Theory]
    [InlineData("L2")]
    [InlineData("IP")]
    [InlineData("COSINE")]
    public void Recall_at_10_reaches_095_for_every_metric(string metric)
    {
        var index = Build(metric);
        var truth = ClusteredVectors.GroundTruth(Data, Queries, 10, metric);
        var recall = ClusteredVectors.Recall(truth, Search(index, Everything(), ef: 64));
        Assert.True(recall >= 0.95, $"recall@10 {recall:F3} < 0.95 for {metric}");
    }

    [Fact]
    public void Every_row_is_reachable_after_a_parallel_build_at_small_M()
    {
        // Without the build's last step (LinkUnreachable), 56-65 of these 20,000 rows had every link to them pruned and
        // no walk could return them, in one-thread and two-thread builds alike.
        var data = ClusteredVectors.Generate(20_000, Dim, 40, seed: 7);
        var index = HnswIndex.Build(Space("L2", data), 8, 64, threads: 2, CancellationToken.None);
        Assert.Equal(0, index.Unreachable());
    }

    [Fact]
    public void Scores_are_milvus_scores_of_the_rows_found()
    {
        var index = Build("COSINE");
        var query = index.Space.Prepare(Queries[0]);
        foreach (var hit in index.Search(query, 10, Everything(), new IndexSearchOptions(64, null)))
            Assert.Equal(-ClusteredVectors.Distance(Queries[0], Data[hit.Id], "COSINE"), index.Space.Score(hit.Distance), 4);
    }

    [Theory]
    [InlineData(2)]   // 50%
    [InlineData(10)]  // 10%
    public void Filtered_walk_returns_only_allowed_rows_with_recall_095(int every)
    {
        var index = Build("L2");
        var allowed = Enumerable.Range(0, Rows).Select(r => r % every == 0).ToArray();
        var truth = ClusteredVectors.GroundTruth(Data, Queries, 10, "L2", r => allowed[r]);
        var found = Search(index, RowMask.Of(allowed), ef: 64);
        Assert.All(found, hits => Assert.All(hits, row => Assert.True(allowed[row])));
        var recall = ClusteredVectors.Recall(truth, found);
        Assert.True(recall >= 0.95, $"filtered recall@10 {recall:F3} < 0.95 with 1/{every} rows passing");
    }

    [Fact]
    public void Deleted_rows_never_come_back()
    {
        var index = Build("L2");
        var deleted = new bool[Rows];
        var first = Search(index, Everything(), ef: 64);
        foreach (var row in first.SelectMany(h => h)) deleted[row] = true;
        var again = Search(index, RowMask.Excluding(deleted), ef: 64);
        Assert.All(again, hits => Assert.All(hits, row => Assert.False(deleted[row])));
        Assert.All(again, hits => Assert.Equal(10, hits.Count));
    }

    [Fact]
    public void A_stored_graph_loads_back_and_answers_the_same()
    {
        var index = Build("IP");
        var bytes = index.Serialize();
        var loaded = HnswIndex.Load(bytes, index.Space);
        Assert.Equal(bytes, loaded.Serialize());
        Assert.Equal(Search(index, Everything(), ef: 40), Search(loaded, Everything(), ef: 40));
        Assert.Throws<InvalidDataException>(() => HnswIndex.Load(bytes, Space("IP", Data.Take(10).ToArray())));
    }

    [Fact]
    public void Half_precision_vectors_are_indexed_as_floats()
    {
        var halves = Data.SelectMany(r => r.Select(v => (Half)v)).ToArray();
        var column = new DenseVectorColumn(DataType.Float16Vector, Dim, MemoryMarshal.AsBytes(halves.AsSpan()).ToArray(), Rows);
        var index = HnswIndex.Build(new VectorSpace(column, Metric.L2), 16, 100, 2, CancellationToken.None);
        var rounded = Data.Select(r => r.Select(v => (float)(Half)v).ToArray()).ToArray();
        var truth = ClusteredVectors.GroundTruth(rounded, Queries, 10, "L2");
        Assert.True(ClusteredVectors.Recall(truth, Search(index, Everything(), ef: 64)) >= 0.95);
    }

    private static float[] Jitter(float[] row) => row.Select((v, i) => v + 0.05f * MathF.Sin(i + v)).ToArray();

    private static RowMask Everything() => RowMask.Excluding(new bool[Rows]);

    private static VectorSpace Space(string metric, float[][] rows)
    {
        var bytes = MemoryMarshal.AsBytes(rows.SelectMany(r => r).ToArray().AsSpan()).ToArray();
        return new VectorSpace(new DenseVectorColumn(DataType.FloatVector, Dim, bytes, rows.Length), Metrics.Parse(metric));
    }

    private static HnswIndex<FloatGraph> Build(string metric) => HnswIndex.Build(Space(metric, Data), 16, 100, threads: 2, CancellationToken.None);

    private static List<IReadOnlyCollection<int>> Search(IVectorIndex index, RowMask mask, int ef)
        => Queries.Select(q => (IReadOnlyCollection<int>)index.Search(index.Space.Prepare(q), 10, mask, new IndexSearchOptions(ef, null))
            .Select(c => c.Id).ToList()).ToList();
}
