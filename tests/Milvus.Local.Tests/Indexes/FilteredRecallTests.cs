using Milvus.Benchmarks.Data;
using Milvus.Local.Tests.Engine;
using Xunit.Abstractions;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// Filtered search on every graph and IVF index type, at 0.1 %, 1 %, 10 %, 50 % and 100 % of the rows passing
/// (tag = id % 1000 &lt; n): only passing rows come back, as many as pass (up to 10), and recall@10 against the exact
/// filtered ground truth is at least the same index's unfiltered recall. Below the planner's thresholds the survivors
/// are scanned exactly (recall 1); above them the filter runs inside the walk or the probed lists. One build thread, so
/// every figure is fixed; filtering is engine logic, so this runs in-process (IndexLifecycleTests covers both transports).
/// </summary>
public sealed class FilteredRecallTests(ITestOutputHelper output) : IndexedCollectionTests(EngineTransport.InProcess, Dim)
{
    private const int Dim = 24;
    private const string Hnsw = "{\"M\": 16, \"efConstruction\": 100";

    [Theory]
    [InlineData("HNSW", Hnsw + "}", "{\"ef\": 64}")]
    [InlineData("HNSW_SQ", Hnsw + ", \"sq_type\": \"SQ8\"}", "{\"ef\": 64}")]
    [InlineData("HNSW_PQ", Hnsw + ", \"m\": 12}", "{\"ef\": 64}")]
    [InlineData("HNSW_PRQ", Hnsw + ", \"m\": 4, \"nrq\": 3}", "{\"ef\": 64}")]
    [InlineData("IVF_FLAT", "{\"nlist\": 32}", "{\"nprobe\": 12}")]
    [InlineData("IVF_SQ8", "{\"nlist\": 32}", "{\"nprobe\": 12}")]
    [InlineData("IVF_PQ", "{\"nlist\": 16, \"m\": 12}", "{\"nprobe\": 8}")]
    [InlineData("SCANN", "{\"nlist\": 16}", "{\"nprobe\": 8, \"reorder_k\": 40}")]
    [InlineData("IVF_RABITQ", "{\"nlist\": 32, \"refine\": true, \"refine_type\": \"fp32\"}", "{\"nprobe\": 12, \"refine_k\": 10}")]
    [InlineData("DISKANN", "{}", "{\"search_list\": 40}")]
    public void Filtered_recall_is_at_least_the_unfiltered_recall_at_every_selectivity(string indexType, string parameters, string search)
    {
        CreateBuilt(indexType, "L2", parameters);
        var unfiltered = ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, "L2"), Search("", ("params", search)).Ids);
        output.WriteLine($"{indexType} unfiltered recall@10 {unfiltered:F3}");
        foreach (var passing in new[] { 1, 10, 100, 500, 1000 })
        {
            var recall = FilteredRecall(passing, ("params", search));
            output.WriteLine($"{indexType} {passing / 10.0}% passing: recall@10 {recall:F3}");
            Assert.True(recall >= unfiltered, $"{indexType}: filtered recall@10 {recall:F3} with {passing / 10.0}% passing < unfiltered {unfiltered:F3}");
        }
    }
}
