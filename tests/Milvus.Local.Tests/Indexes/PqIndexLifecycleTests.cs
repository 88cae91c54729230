using System.Diagnostics;
using Milvus.Benchmarks.Data;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Milvus.Local.Tests.Engine;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// IVF_PQ, SCANN, HNSW_PQ and HNSW_PRQ through the engine: built in the background, recall against exact ground truth per metric with
/// the codes' own (approximate) scores, filtered search, deletes after the build, reopen without a rebuild, the
/// params DescribeIndex shows, and knowhere's validation errors.
/// </summary>
public abstract class PqIndexLifecycleTests(EngineTransport transport) : IndexedCollectionTests(transport, Dim)
{
    private const int Dim = 24;

    private (List<IReadOnlyCollection<int>> Ids, List<float[]> Scores) SearchAll(string search, string filter = "") => Search(filter, ("params", search));

    // Measured recall@10 on this data (3,000 x 24, 16 lists all probed): IVF_PQ m 12 nbits 8: L2 0.873, IP 0.853,
    // COSINE 0.825; SCANN reorder_k 40: L2 0.948, IP 0.907, COSINE 0.905; HNSW_PQ m 12 (ef 64): L2 0.848, IP with FP32
    // refine_k 3 0.920; HNSW_PRQ m 4 nrq 3: COSINE 0.835.
    [Theory]
    [InlineData("IVF_PQ", "L2", "{\"nlist\": 16, \"m\": 12}", "{\"nprobe\": 16}", 0.83)]
    [InlineData("IVF_PQ", "IP", "{\"nlist\": 16, \"m\": 12}", "{\"nprobe\": 16}", 0.81)]
    [InlineData("IVF_PQ", "COSINE", "{\"nlist\": 16, \"m\": 12, \"nbits\": 8}", "{\"nprobe\": 16}", 0.78)]
    [InlineData("SCANN", "L2", "{\"nlist\": 16}", "{\"nprobe\": 16, \"reorder_k\": 40}", 0.90)]
    [InlineData("SCANN", "IP", "{\"nlist\": 16}", "{\"nprobe\": 16, \"reorder_k\": 40}", 0.86)]
    [InlineData("SCANN", "COSINE", "{\"nlist\": 16, \"with_raw_data\": true}", "{\"nprobe\": 16, \"reorder_k\": 40}", 0.86)]
    [InlineData("HNSW_PQ", "L2", "{\"M\": 16, \"efConstruction\": 100, \"m\": 12}", "{\"ef\": 64}", 0.80)]
    [InlineData("HNSW_PQ", "IP", "{\"M\": 16, \"efConstruction\": 100, \"m\": 12, \"refine\": true, \"refine_type\": \"FP32\"}", "{\"ef\": 64, \"refine_k\": 3}", 0.87)]
    [InlineData("HNSW_PQ", "COSINE", "{\"M\": 16, \"efConstruction\": 100, \"m\": 12}", "{\"ef\": 64}", 0.75)]
    [InlineData("HNSW_PRQ", "L2", "{\"M\": 16, \"efConstruction\": 100, \"m\": 4, \"nrq\": 3}", "{\"ef\": 64}", 0.79)]
    [InlineData("HNSW_PRQ", "IP", "{\"M\": 16, \"efConstruction\": 100, \"m\": 4, \"nrq\": 3, \"refine\": true, \"refine_type\": \"SQ8\"}", "{\"ef\": 128, \"refine_k\": 3}", 0.85)]
    [InlineData("HNSW_PRQ", "COSINE", "{\"M\": 16, \"efConstruction\": 100, \"m\": 4, \"nrq\": 3}", "{\"ef\": 64}", 0.79)]
    public void Index_reaches_recall_with_its_own_scores(string indexType, string metric, string parameters, string search, double minimum)
    {
        CreateBuilt(indexType, metric, parameters);
        var (ids, scores) = SearchAll(search);
        var recall = ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, metric), ids);
        Assert.True(recall >= minimum, $"{indexType} {metric} recall@10 {recall:F3} < {minimum}");
        // The codes' distances come back as they are (not an exact scan); SCANN and an FP32 refine re-rank with the raw vectors: exact.
        var errors = ids.SelectMany((hits, q) => hits.Select((id, i) => MathF.Abs(Score(Queries[q], Data[id], metric) - scores[q][i]))).ToList();
        if (indexType == "SCANN" || parameters.Contains("FP32")) Assert.All(errors, e => Assert.True(e < 1e-4f, $"score off by {e}"));
        else Assert.Contains(errors, e => e > 1e-3f);
    }

    private static float Score(float[] query, float[] row, string metric)
        => metric == "L2" ? ClusteredVectors.Distance(query, row, metric) : -ClusteredVectors.Distance(query, row, metric);

    [Theory]
    [InlineData("IVF_PQ", 20)]   // 2%: exact over the survivors
    [InlineData("IVF_PQ", 500)]  // 50%: inside the lists
    [InlineData("SCANN", 200)]   // 20%
    [InlineData("HNSW_PQ", 300)] // 30%: the 900 survivors, fewer than a walk would read (SearchPlanner)
    public void Filtered_search_returns_only_passing_rows(string indexType, int tagsPassing)
    {
        CreateBuilt(indexType, "L2", indexType switch
        {
            "IVF_PQ" => "{\"nlist\": 16, \"m\": 12}",
            "SCANN" => "{\"nlist\": 16}",
            _ => "{\"M\": 16, \"efConstruction\": 100, \"m\": 12}",
        });
        var recall = FilteredRecall(tagsPassing, ("params", "{\"nprobe\": 16, \"reorder_k\": 40, \"ef\": 64}"));
        Assert.True(recall >= 0.8, $"filtered recall@10 {recall:F3} with {tagsPassing / 10.0}% passing");
    }

    [Theory]
    [InlineData("IVF_PQ", "{\"nlist\": 16, \"m\": 6, \"nbits\": 6}")]
    [InlineData("SCANN", "{\"nlist\": 8, \"with_raw_data\": false}")]
    [InlineData("HNSW_PRQ", "{\"M\": 8, \"efConstruction\": 64, \"m\": 4, \"refine\": true, \"refine_type\": \"SQ8\"}")]
    [InlineData("HNSW_PQ", "{\"M\": 8, \"efConstruction\": 64, \"m\": 12}")]
    [InlineData("IVF_SQ8", "{\"nlist\": 16}")]
    public void Deletes_after_the_build_are_honoured_and_a_reopen_does_not_rebuild(string indexType, string parameters)
    {
        CreateBuilt(indexType, "IP", parameters);
        var (before, _) = SearchAll("{\"nprobe\": 4}");
        var gone = before.SelectMany(h => h.Take(3)).Distinct().Select(i => (long)i).ToList();
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = $"id in [{string.Join(",", gone)}]" }).Status);
        var (after, _) = SearchAll("{\"nprobe\": 4}");
        Assert.All(after, hits => { Assert.Equal(10, hits.Count); Assert.DoesNotContain(hits, id => gone.Contains(id)); });
        _h.Reopen();
        var description = Describe();
        Assert.Equal(IndexState.Finished, description.State);
        Assert.Equal(Rows, description.IndexedRows);
        Thread.Sleep(200);
        Assert.Equal(after, SearchAll("{\"nprobe\": 4}").Ids);
    }

    [Fact]
    public void Describe_index_shows_the_params()
    {
        CreateBuilt("IVF_PQ", "L2", "{\"nlist\": 16, \"m\": 12, \"nbits\": 6}");
        var parameters = Describe().Params.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("IVF_PQ", parameters["index_type"]);
        Assert.Equal("L2", parameters["metric_type"]);
        Assert.Equal("{\"nlist\":16,\"m\":12,\"nbits\":6}", parameters["params"]);
    }

    [Theory]
    [InlineData("IVF_PQ", "{\"nlist\": 16}", "param 'm' not exist in json")]
    [InlineData("IVF_PQ", "{\"nlist\": 16, \"m\": 5}", "The dimension of a vector (dim) should be a multiple of the number of subquantizers (m). Dimension: 24, m: 5")]
    [InlineData("IVF_PQ", "{\"m\": 0}", "param 'm' (0) should be in range [1, 65536]")]
    [InlineData("IVF_PQ", "{\"m\": 8, \"nbits\": 17}", "param 'nbits' (17) should be in range [1, 16]")]
    [InlineData("SCANN", "{\"nlist\": 16, \"sub_dim\": 5}", "The dimension of a vector (dim) should be a multiple of sub_dim. Dimension:24, sub_dim:5")]
    [InlineData("SCANN", "{\"with_raw_data\": \"yes\"}", "Type conflict in json: param 'with_raw_data' (yes) should be a boolean")]
    [InlineData("SCANN", "{\"nlist\": 0}", "param 'nlist' (0) should be in range [1, 65536]")]
    [InlineData("HNSW_PQ", "{}", "The dimension of the vector (dim) should be a multiple of the number of subquantizers (m). Dimension: 24, m: 32")]
    [InlineData("HNSW_PRQ", "{\"m\": 5}", "The dimension of a vector (dim) should be a multiple of the number of subquantizers (m). Dimension: 24, m: 5")]
    [InlineData("HNSW_PRQ", "{\"nrq\": 17}", "param 'nrq' (17) should be in range [1, 16]")]
    [InlineData("HNSW_PQ", "{\"m\": 8, \"refine\": true, \"refine_type\": \"PQ\"}", "invalid refine type : PQ, optional types are [sq4u, sq6, sq8, fp16, bf16, fp32, flat]")]
    public void Build_params_are_validated_as_knowhere_does(string indexType, string parameters, string message)
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, Dim)));
        Fails(CreateIndex(indexType, "L2", parameters), 1100, $"{message}: invalid parameter");
    }

    [Fact]
    public void Scann_reorder_k_below_the_limit_is_refused()
    {
        CreateBuilt("SCANN", "L2", "{\"nlist\": 16}");
        var reply = _h.Search("c", FloatPlaceholder(Queries[0]), 10, extra: ("params", "{\"reorder_k\": 5}"));
        Fails(reply.Status, 1100, "reorder_k(5) should be larger than k(10): invalid parameter");
        var zero = _h.Search("c", FloatPlaceholder(Queries[0]), 10, extra: ("params", "{\"reorder_k\": 0}"));
        Fails(zero.Status, 1100, "Out of range in json: param 'reorder_k' (0) should be in range [1, 2147483647]: invalid parameter");
    }
}

public sealed class InProcessPqIndexLifecycleTests() : PqIndexLifecycleTests(EngineTransport.InProcess);

public sealed class KestrelPqIndexLifecycleTests() : PqIndexLifecycleTests(EngineTransport.Kestrel);
