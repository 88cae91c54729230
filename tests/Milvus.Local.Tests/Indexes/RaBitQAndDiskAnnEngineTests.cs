using System.Diagnostics;
using System.Text.Json;
using Milvus.Benchmarks.Data;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Milvus.Local.Tests.Engine;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// IVF_RABITQ and DISKANN through the engine: built in the background per sealed segment, recall against exact
/// ground truth per metric, filtered search, deletes after the build, reopen without rebuild, DescribeIndex showing
/// the completed params, and Milvus's validation texts for their build and search params.
/// </summary>
public abstract class RaBitQAndDiskAnnEngineTests(EngineTransport transport) : IndexedCollectionTests(transport, Dim)
{
    private const int Dim = 32;

    private List<IReadOnlyCollection<int>> SearchAll(string search, string filter = "") => Search(filter, ("params", search)).Ids;

    [Theory]
    // 32 coordinates are few for one bit each: the estimates alone rank poorly, a refine_k 10 re-rank fixes most of it.
    [InlineData("IVF_RABITQ", "L2", "{\"nlist\": 64, \"refine\": true, \"refine_type\": \"fp32\"}", "{\"nprobe\": 16, \"refine_k\": 10}", 0.92)] // measured 0.955
    [InlineData("IVF_RABITQ", "IP", "{\"nlist\": 64, \"refine\": true, \"refine_type\": \"SQ8\"}", "{\"nprobe\": 16, \"refine_k\": 10, \"rbq_bits_query\": 6}", 0.92)] // measured 0.950
    [InlineData("IVF_RABITQ", "COSINE", "{\"nlist\": 64}", "{\"nprobe\": 16}", 0.3)] // measured 0.367: the estimates alone
    [InlineData("DISKANN", "L2", "{}", "{\"search_list\": 50}", 0.95)] // measured 0.985-0.988
    [InlineData("DISKANN", "IP", "{\"max_degree\": 24, \"search_list_size\": 64}", "{\"search_list\": 100}", 0.93)] // measured 0.970-0.975
    [InlineData("DISKANN", "COSINE", "{}", "{}", 0.8)] // measured 0.868-0.922 (the parallel build varies); search_list defaults to max(k, 16)
    public void Index_is_built_in_the_background_and_reaches_recall(string indexType, string metric, string parameters, string search, double minimum)
    {
        CreateBuilt(indexType, metric, parameters);
        var recall = ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, metric), SearchAll(search));
        Assert.True(recall >= minimum, $"recall@10 {recall:F3} < {minimum}");
    }

    [Fact]
    public void Describe_index_shows_the_params_diskann_completes()
    {
        CreateBuilt("DISKANN", "L2", "{\"search_cache_budget_gb_ratio\": 0.2}");
        var description = Describe();
        Assert.Equal("DISKANN", description.Params.Single(p => p.Key == "index_type").Value);
        var extra = JsonDocument.Parse(description.Params.Single(p => p.Key == "params").Value).RootElement;
        Assert.Equal(0.2, extra.GetProperty("search_cache_budget_gb_ratio").GetDouble());
        Assert.Equal(56, extra.GetProperty("max_degree").GetInt32());
        Assert.Equal(100, extra.GetProperty("search_list_size").GetInt32());
        Assert.Equal(0.125, extra.GetProperty("pq_code_budget_gb_ratio").GetDouble());
        Assert.Equal(1, extra.GetProperty("num_build_thread_ratio").GetInt32());
    }

    [Fact]
    public void Describe_index_shows_the_rabitq_params()
    {
        CreateBuilt("IVF_RABITQ", "IP", "{\"nlist\": 16, \"refine\": true, \"refine_type\": \"bf16\"}");
        var extra = JsonDocument.Parse(Describe().Params.Single(p => p.Key == "params").Value).RootElement;
        Assert.Equal(16, extra.GetProperty("nlist").GetInt32());
        Assert.Equal("true", extra.GetProperty("refine").GetString());
        Assert.Equal("bf16", extra.GetProperty("refine_type").GetString());
    }

    [Theory]
    [InlineData("IVF_RABITQ", "{\"nlist\": 64, \"refine\": true, \"refine_type\": \"fp32\"}", "{\"nprobe\": 16, \"refine_k\": 10}", 0.9)] // measured 0.927-0.93, as unfiltered
    [InlineData("DISKANN", "{}", "{\"search_list\": 100}", 0.95)]
    public void Filtered_search_keeps_recall(string indexType, string parameters, string search, double minimum)
    {
        CreateBuilt(indexType, "L2", parameters);
        foreach (var passing in new[] { 1, 100, 500 }) // 0.1% (exact over the survivors), 10%, 50%
        {
            var recall = FilteredRecall(passing, ("params", search));
            Assert.True(recall >= minimum, $"filtered recall@10 {recall:F3} with {passing / 10.0}% passing");
        }
    }

    [Theory]
    [InlineData("IVF_RABITQ", "{\"nlist\": 16, \"refine\": true, \"refine_type\": \"flat\"}", "{\"nprobe\": 16, \"refine_k\": 4}")]
    [InlineData("DISKANN", "{\"max_degree\": 16}", "{\"search_list\": 40}")]
    public void Deletes_after_the_build_are_hidden_and_a_reopened_database_does_not_rebuild(string indexType, string parameters, string search)
    {
        CreateBuilt(indexType, "L2", parameters);
        var before = SearchAll(search);
        var gone = before.SelectMany(h => h.Take(3)).Distinct().Select(i => (long)i).ToList();
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = $"id in [{string.Join(",", gone)}]" }).Status);
        var after = SearchAll(search);
        Assert.All(after, hits => Assert.DoesNotContain(hits, id => gone.Contains(id)));
        Assert.All(after, hits => Assert.Equal(10, hits.Count));
        _h.Reopen();
        // Finished on the first call: the structures come from the file, nothing waits to be built.
        Assert.Equal(IndexState.Finished, Describe().State);
        Assert.Equal(Rows, Describe().IndexedRows);
        Thread.Sleep(200);
        Assert.Equal(after, SearchAll(search));
    }

    [Theory]
    [InlineData("IVF_RABITQ", "{\"refine\": true, \"refine_type\": \"pq\"}", "invalid refine type : pq, optional types are [sq6, sq8, fp16, bf16, fp32, flat]: invalid parameter")]
    [InlineData("IVF_RABITQ", "{\"refine\": \"yes\"}", "Type conflict in json: param 'refine' (\"yes\") should be a boolean: invalid parameter")]
    [InlineData("IVF_RABITQ", "{\"nlist\": 0}", "param 'nlist' (0) should be in range [1, 65536]: invalid parameter")]
    [InlineData("DISKANN", "{\"max_degree\": 0}", "param 'max_degree' (0) should be in range [1, 2048]: invalid parameter")]
    [InlineData("DISKANN", "{\"search_list_size\": 0}", "param 'search_list_size' (0) should be in range [1, 2147483647]: invalid parameter")]
    [InlineData("DISKANN", "{\"pq_code_budget_gb_ratio\": 0.5}", "param 'pq_code_budget_gb_ratio' (0.5) should be in range [0.000000, 0.250000]: invalid parameter")]
    [InlineData("DISKANN", "{\"search_cache_budget_gb_ratio\": \"x\"}", "param 'search_cache_budget_gb_ratio' (x) should be a number: invalid parameter")]
    public void Build_params_are_checked(string indexType, string parameters, string message)
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, Dim)));
        Fails(CreateIndex(indexType, "L2", parameters), 1100, message);
    }

    [Theory]
    [InlineData("IVF_RABITQ", "{\"rbq_bits_query\": 9}", "Out of range in json: param 'rbq_bits_query' (9) should be in range [0, 8]: invalid parameter")]
    [InlineData("IVF_RABITQ", "{\"refine_k\": 0.5}", "Out of range in json: param 'refine_k' (0.5) should be in range [1.000000, 340282346638528859811704183484516925440.000000]: invalid parameter")]
    [InlineData("DISKANN", "{\"search_list\": 5}", "search_list_size(5) should be larger than k(10): invalid parameter")]
    public void Search_params_are_checked(string indexType, string search, string message)
    {
        CreateBuilt(indexType, "L2", "{}");
        Fails(_h.Search("c", FloatPlaceholder(Queries[0]), 10, extra: ("params", search)).Status, 1100, message);
    }
}

public sealed class InProcessRaBitQAndDiskAnnEngineTests() : RaBitQAndDiskAnnEngineTests(EngineTransport.InProcess);

public sealed class KestrelRaBitQAndDiskAnnEngineTests() : RaBitQAndDiskAnnEngineTests(EngineTransport.Kestrel);
