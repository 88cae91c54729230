using System.Runtime.InteropServices;
using Milvus.Benchmarks.Data;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Indexes;
using Milvus.Local.Search;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// HNSW_PQ and HNSW_PRQ on their own: recall@10 against exact ground truth per metric, residual stages and refine
/// raising it, the codes' bytes per vector, filtered walks, storage round trip.
/// </summary>
public sealed class HnswPqTests
{
    private const int Rows = 4000;
    private const int Dim = 32;
    private static readonly float[][] Data = ClusteredVectors.Generate(Rows, Dim, 40, seed: 7);
    private static readonly float[][] Queries = ClusteredVectors.Generate(100, Dim, 40, seed: 8);

    // Measured recall@10 (M 16, efConstruction 100, ef 64): HNSW_PQ m 16 nbits 8: L2 0.850, IP 0.793, COSINE 0.795;
    // HNSW_PRQ m 4 nrq 2 nbits 8 (half the bytes): L2 0.635, IP 0.599, COSINE 0.595.
    [Theory]
    [InlineData("HNSW_PQ", "L2", 0.80)]
    [InlineData("HNSW_PQ", "IP", 0.75)]
    [InlineData("HNSW_PQ", "COSINE", 0.75)]
    [InlineData("HNSW_PRQ", "L2", 0.59)]
    [InlineData("HNSW_PRQ", "IP", 0.55)]
    [InlineData("HNSW_PRQ", "COSINE", 0.55)]
    public void Recall_at_10_for_every_metric(string type, string metric, double minimum)
    {
        var index = Build(type, metric);
        var recall = ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, metric), Search(index, Everything(), new(64, null)));
        Assert.True(recall >= minimum, $"{type} {metric} recall@10 {recall:F3} < {minimum}");
    }

    [Fact]
    public void Residual_stages_and_refine_raise_recall()
    {
        var truth = ClusteredVectors.GroundTruth(Data, Queries, 10, "L2");
        var oneStage = ClusteredVectors.Recall(truth, Search(Build("HNSW_PRQ", "L2", "\"m\": 4, \"nrq\": 1, \"nbits\": 4"), Everything(), new(64, null)));
        var threeStages = ClusteredVectors.Recall(truth, Search(Build("HNSW_PRQ", "L2", "\"m\": 4, \"nrq\": 3, \"nbits\": 4"), Everything(), new(64, null)));
        Assert.True(oneStage < threeStages, $"nrq 1: {oneStage:F3}, nrq 3: {threeStages:F3}");
        var refined = Build("HNSW_PQ", "L2", "\"m\": 8, \"refine\": \"true\", \"refine_type\": \"FP32\"");
        var plain = ClusteredVectors.Recall(truth, Search(refined, Everything(), new(64, null)));
        var reranked = ClusteredVectors.Recall(truth, Search(refined, Everything(), new(64, null) { RefineK = 4 }));
        Assert.True(plain < reranked, $"refine_k 1: {plain:F3}, refine_k 4: {reranked:F3}");
        // FP32 refine returns the exact distances of the rows found.
        var query = refined.Space.Prepare(Queries[0]);
        foreach (var hit in refined.Search(query, 10, Everything(), new(64, null) { RefineK = 2 }))
            Assert.Equal(ClusteredVectors.Distance(Queries[0], Data[hit.Id], "L2"), hit.Distance, 3);
    }

    [Fact]
    public void The_graph_walks_codes_of_m_times_nbits_bits()
    {
        var pq = (HnswIndex<PqGraph>)Build("HNSW_PQ", "L2");                         // m 16, nbits 8
        Assert.Equal(16, pq.Graph.BytesPerRow);
        var prq = (HnswIndex<PqGraph>)Build("HNSW_PRQ", "L2");                       // m 4, nrq 2, nbits 8 + a stored norm
        Assert.Equal(4 * 2 + 4, prq.Graph.BytesPerRow);
        Assert.Equal(4, ((HnswIndex<PqGraph>)Build("HNSW_PRQ", "IP")).Graph.BytesPerRow - 4);  // no norm for IP
    }

    [Theory]
    [InlineData("HNSW_PQ")]
    [InlineData("HNSW_PRQ")]
    public void Filtered_walk_returns_only_allowed_rows(string type)
    {
        var index = Build(type, "L2");
        var allowed = Enumerable.Range(0, Rows).Select(r => r % 4 == 0).ToArray();
        var found = Search(index, RowMask.Of(allowed), new(64, null));
        Assert.All(found, hits => { Assert.Equal(10, hits.Count); Assert.All(hits, row => Assert.True(allowed[row])); });
        var filtered = ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, "L2", r => allowed[r]), found);
        var unfiltered = ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, "L2"), Search(index, Everything(), new(64, null)));
        Assert.True(filtered >= unfiltered - 0.05, $"filtered {filtered:F3}, unfiltered {unfiltered:F3}");
    }

    [Theory]
    [InlineData("HNSW_PQ", "IP", "\"m\": 8, \"refine\": \"true\", \"refine_type\": \"SQ8\"")]
    [InlineData("HNSW_PRQ", "L2", "\"m\": 4, \"nrq\": 2")]
    public void A_stored_index_loads_back_and_answers_the_same(string type, string metric, string parameters)
    {
        var meta = Meta(type, metric, parameters);
        var index = Build(type, metric, parameters);
        var bytes = index.Serialize();
        var loaded = VectorIndexKinds.Load(meta, bytes, Column());
        Assert.Equal(type, loaded.IndexType);
        Assert.Equal(bytes, loaded.Serialize());
        var options = new IndexSearchOptions(40, null) { RefineK = 2 };
        Assert.Equal(Search(index, Everything(), options), Search((IVectorIndex)loaded, Everything(), options));
    }

    private static RowMask Everything() => RowMask.Excluding(new bool[Rows]);

    private static DenseVectorColumn Column()
        => new(DataType.FloatVector, Dim, MemoryMarshal.AsBytes(Data.SelectMany(r => r).ToArray().AsSpan()).ToArray(), Rows);

    private static IndexMeta Meta(string type, string metric, string parameters)
    {
        var json = $"{{\"index_type\": \"{type}\", \"metric_type\": \"{metric}\", \"M\": 16, \"efConstruction\": 100, {parameters}}}";
        var pairs = IndexRules.Normalize([new KeyValuePair { Key = "params", Value = json }]);
        return new IndexMeta { Id = 1, Name = "v", FieldId = 101, Params = pairs, CreatedTs = 1 };
    }

    private static IVectorIndex Build(string type, string metric, string? parameters = null)
        => (IVectorIndex)VectorIndexKinds.Build(Meta(type, metric, parameters ?? (type == "HNSW_PQ" ? "\"m\": 16" : "\"m\": 4, \"nrq\": 2")), Column(), 2, CancellationToken.None);

    private static List<IReadOnlyCollection<int>> Search(IVectorIndex index, RowMask mask, IndexSearchOptions options)
        => Queries.Select(q => (IReadOnlyCollection<int>)index.Search(index.Space.Prepare(q), 10, mask, options).Select(c => c.Id).ToList()).ToList();
}
