using System.Diagnostics;
using Milvus.Benchmarks.Data;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Milvus.Local.Tests.Engine;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// Vector indexes through the engine: built in the background per sealed segment, searched with recall against
/// exact ground truth (filtered at several selectivities), deletes and later inserts honoured, persisted so a
/// reopened database does not rebuild, and range search / group-by still exact.
/// </summary>
public abstract class IndexLifecycleTests(EngineTransport transport) : IndexedCollectionTests(transport, Dim)
{
    private const int Dim = 24;

    private List<IReadOnlyCollection<int>> SearchAll(string filter = "", params (string, string)[] extra) => Search(filter, extra).Ids;

    [Theory]
    [InlineData("FLAT", "L2", "{}", "{}", 1.0)] // exact by definition: the scan
    [InlineData("FLAT", "IP", "{}", "{}", 1.0)]
    [InlineData("FLAT", "COSINE", "{}", "{}", 1.0)]
    [InlineData("HNSW", "L2", "{\"M\": 16, \"efConstruction\": 100}", "{\"ef\": 64}", 0.95)]
    [InlineData("HNSW", "IP", "{\"M\": 16, \"efConstruction\": 100}", "{\"ef\": 128}", 0.95)] // inner product is not a metric: a wider beam
    [InlineData("HNSW", "COSINE", "{\"M\": 16, \"efConstruction\": 100}", "{\"ef\": 64}", 0.95)]
    [InlineData("AUTOINDEX", "COSINE", "{}", "{\"ef\": 64}", 0.95)]
    [InlineData("AUTOINDEX", "L2", "{}", "{\"ef\": 64}", 0.95)]
    [InlineData("AUTOINDEX", "IP", "{}", "{\"ef\": 128}", 0.95)]
    [InlineData("IVF_FLAT", "L2", "{\"nlist\": 32}", "{\"nprobe\": 12}", 0.95)]
    [InlineData("IVF_FLAT", "IP", "{\"nlist\": 32}", "{\"nprobe\": 12}", 0.95)]
    [InlineData("IVF_FLAT", "COSINE", "{\"nlist\": 32}", "{\"nprobe\": 12}", 0.95)]
    [InlineData("IVF_SQ8", "L2", "{\"nlist\": 32}", "{\"nprobe\": 12}", 0.9)] // 8-bit codes: distances are approximate too
    [InlineData("IVF_SQ8", "IP", "{\"nlist\": 32}", "{\"nprobe\": 12}", 0.9)]
    [InlineData("IVF_SQ8", "COSINE", "{\"nlist\": 32}", "{\"nprobe\": 12}", 0.9)]
    [InlineData("HNSW_SQ", "L2", "{\"M\": 16, \"efConstruction\": 100}", "{\"ef\": 64}", 0.93)] // SQ8 codes by default
    [InlineData("HNSW_SQ", "IP", "{\"M\": 16, \"efConstruction\": 100, \"sq_type\": \"fp16\"}", "{\"ef\": 128}", 0.95)]
    [InlineData("HNSW_SQ", "COSINE", "{\"M\": 16, \"efConstruction\": 100, \"sq_type\": \"SQ6\", \"refine\": true, \"refine_type\": \"FP32\"}", "{\"ef\": 64, \"refine_k\": 2}", 0.93)] // a graph built in parallel: 0.945 seen under load
    [InlineData("HNSW_SQ", "L2", "{\"M\": 16, \"efConstruction\": 100, \"sq_type\": \"SQ4U\", \"refine\": true, \"refine_type\": \"SQ8\"}", "{\"ef\": 64, \"refine_k\": 3}", 0.93)]
    [InlineData("HNSW_SQ", "COSINE", "{\"M\": 16, \"efConstruction\": 100, \"sq_type\": \"BF16\"}", "{\"ef\": 64}", 0.95)]
    public void Index_is_built_in_the_background_and_reaches_recall(string indexType, string metric, string parameters, string search, double minimum)
    {
        CreateIndexed(indexType, metric, parameters);
        var description = WaitForIndex();
        Assert.Equal(IndexState.Finished, description.State);
        Assert.Equal(Rows, description.IndexedRows);
        Assert.Equal(Rows, description.TotalRows);
        Assert.Equal(0, description.PendingIndexRows);
        var progress = _h.Client.GetIndexBuildProgress(new GetIndexBuildProgressRequest { CollectionName = "c" });
        Assert.Equal(Rows, progress.IndexedRows);
        Assert.Equal(IndexState.Finished, _h.Client.GetIndexState(new GetIndexStateRequest { CollectionName = "c" }).State);
        var truth = ClusteredVectors.GroundTruth(Data, Queries, 10, metric);
        var recall = ClusteredVectors.Recall(truth, SearchAll("", ("params", search)));
        Assert.True(recall >= minimum, $"recall@10 {recall:F3}");
    }

    private const string SqRefined = "{\"M\": 16, \"efConstruction\": 100, \"sq_type\": \"SQ8\", \"refine\": true, \"refine_type\": \"FP16\"}";

    [Theory]
    [InlineData(1, "HNSW")]     // 0.1%: exact over the survivors
    [InlineData(10, "HNSW")]    // 1%
    [InlineData(100, "HNSW")]   // 10%: the 300 survivors are scanned (a walk would reach more rows)
    [InlineData(500, "HNSW")]   // 50%: graph walk with the filter
    [InlineData(1000, "HNSW")]  // 100%
    [InlineData(10, "HNSW_SQ")]
    [InlineData(100, "HNSW_SQ")]
    [InlineData(500, "HNSW_SQ")]
    public void Filtered_search_keeps_recall_at_every_selectivity(int tagsPassing, string indexType)
    {
        CreateIndexed(indexType, "L2", indexType == "HNSW" ? "{\"M\": 16, \"efConstruction\": 100}" : SqRefined);
        Assert.Equal(IndexState.Finished, WaitForIndex().State);
        var recall = FilteredRecall(tagsPassing, ("params", "{\"ef\": 64, \"refine_k\": 2}"));
        Assert.True(recall >= 0.95, $"filtered recall@10 {recall:F3} with {tagsPassing / 10.0}% passing");
    }

    [Theory]
    [InlineData("HNSW", "{\"M\": 16, \"efConstruction\": 100}")]
    [InlineData("HNSW_SQ", SqRefined)]
    public void Deletes_and_inserts_after_the_build_are_seen(string indexType, string parameters)
    {
        CreateIndexed(indexType, "L2", parameters);
        Assert.Equal(IndexState.Finished, WaitForIndex().State);
        var before = SearchAll("", ("params", "{\"ef\": 64}"));
        var gone = before.SelectMany(h => h.Take(3)).Distinct().Select(i => (long)i).ToList();
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = $"id in [{string.Join(",", gone)}]" }).Status);
        var fresh = Queries.Select(q => q.ToArray()).ToArray();
        var freshIds = Enumerable.Range(0, fresh.Length).Select(i => 10_000L + i).ToArray();
        Ok(_h.Insert("c", Longs("id", freshIds), Longs("tag", freshIds), FloatVectors("v", Dim, fresh)).Status);
        var reply = _h.Search("c", FloatPlaceholder(Queries), 10, extra: ("params", "{\"ef\": 64}"));
        var ids = reply.Results.Ids.IntId.Data;
        Assert.DoesNotContain(ids, gone.Contains);
        for (var q = 0; q < Queries.Length; q++)
        {
            Assert.Equal(10_000L + q, ids[q * 10]);
            Assert.Equal(0f, reply.Results.Scores[q * 10]);
        }
    }

    [Theory]
    [InlineData("HNSW", "{\"M\": 16, \"efConstruction\": 100}")]
    [InlineData("HNSW_SQ", SqRefined)]
    [InlineData("HNSW_SQ", "{\"M\": 16, \"efConstruction\": 100, \"sq_type\": \"SQ6\", \"refine\": true, \"refine_type\": \"FP32\"}")]
    public void A_reopened_database_serves_the_stored_index_without_rebuilding(string indexType, string parameters)
    {
        CreateIndexed(indexType, "COSINE", parameters);
        Assert.Equal(IndexState.Finished, WaitForIndex().State);
        var before = SearchAll("", ("params", "{\"ef\": 64, \"refine_k\": 2}"));
        _h.Reopen();
        // Still Finished on the first call: the graphs come from the file, nothing waits to be built.
        var description = _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions.Single();
        Assert.Equal(IndexState.Finished, description.State);
        Assert.Equal(Rows, description.IndexedRows);
        var truth = ClusteredVectors.GroundTruth(Data, Queries, 10, "COSINE");
        Assert.True(ClusteredVectors.Recall(truth, SearchAll("", ("params", "{\"ef\": 64, \"refine_k\": 2}"))) >= 0.95);
        Thread.Sleep(200);
        Assert.Equal(before, SearchAll("", ("params", "{\"ef\": 64, \"refine_k\": 2}")));
    }

    [Fact]
    public void Range_search_and_group_by_stay_exact_on_an_indexed_field()
    {
        CreateIndexed("HNSW", "L2", "{\"M\": 4, \"efConstruction\": 8}");
        Assert.Equal(IndexState.Finished, WaitForIndex().State);
        var query = Queries[0];
        var distances = Data.Select((row, id) => (Distance: ClusteredVectors.Distance(query, row, "L2"), Id: (long)id)).OrderBy(x => x.Distance).ToList();
        var radius = (distances[30].Distance + distances[31].Distance) / 2;
        var range = _h.Search("c", FloatPlaceholder(query), 100, extra: [("params", $"{{\"radius\": {radius.ToString(System.Globalization.CultureInfo.InvariantCulture)}, \"ef\": 100}}")]);
        Ok(range.Status);
        Assert.Equal(distances.Take(31).Select(d => d.Id), range.Results.Ids.IntId.Data);
        var grouped = _h.Search("c", FloatPlaceholder(query), 5, extra: [("group_by_field", "tag"), ("params", "{\"ef\": 16}")]);
        Ok(grouped.Status);
        var expectedGroups = distances.Select(d => d.Id % 1000).Distinct().Take(5);
        Assert.Equal(expectedGroups, grouped.Results.GroupByFieldValue.Scalars.LongData.Data);
    }

    [Fact]
    public void A_stored_ivf_index_loads_back_after_reopen()
    {
        CreateIndexed("IVF_SQ8", "IP", "{\"nlist\": 16}");
        Assert.Equal(IndexState.Finished, WaitForIndex().State);
        var before = SearchAll("", ("params", "{\"nprobe\": 4}"));
        _h.Reopen();
        Assert.Equal(IndexState.Finished, _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions.Single().State);
        // The first search waits for the background load, which attaches the stored lists with the segments: it walks
        // them (an exact scan gives other ids at nprobe 4 of 16), with no wait for the index worker.
        Assert.Equal(before, SearchAll("", ("params", "{\"nprobe\": 4}")));
    }

    [Fact]
    public void A_load_attaches_the_stored_index_before_it_returns()
    {
        CreateIndexed("IVF_SQ8", "IP", "{\"nlist\": 16}");
        Assert.Equal(IndexState.Finished, WaitForIndex().State);
        var before = SearchAll("", ("params", "{\"nprobe\": 4}"));
        Ok(_h.Client.ReleaseCollection(new ReleaseCollectionRequest { CollectionName = "c" }));
        // With the index worker held, only the load itself can attach the stored lists: a search right after it must
        // walk them (nprobe 4 of 16 gives other ids than an exact scan), as DescribeIndex already says Finished.
        _h.Engine.Core.Indexes.Paused = true;
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }));
        Assert.Equal(IndexState.Finished, Describe().State);
        Assert.Equal(before, SearchAll("", ("params", "{\"nprobe\": 4}")));
        Assert.NotEqual(before, SearchAll("", ("params", "{\"nprobe\": 16}")));
        _h.Engine.Core.Indexes.Paused = false;
    }

    [Fact]
    public void Nprobe_out_of_range_is_refused()
    {
        CreateIndexed("IVF_FLAT", "L2", "{\"nlist\": 16}");
        var reply = _h.Search("c", FloatPlaceholder(Queries[0]), 10, extra: ("params", "{\"nprobe\": 0}"));
        Fails(reply.Status, 1100, "param 'nprobe' (0) should be in range [1, 65536]: invalid parameter");
    }

    [Theory]
    [InlineData("HNSW_SQ", "{\"sq_type\": \"SQ5\"}", "invalid scalar quantizer type")]
    [InlineData("HNSW_SQ", "{\"refine\": true, \"refine_type\": \"PQ\"}", "invalid refine type : PQ, optional types are [sq4u, sq6, sq8, fp16, bf16, fp32, flat]")]
    [InlineData("HNSW_SQ", "{\"refine\": \"yes\"}", "Type conflict in json: param 'refine' (\"yes\") should be a boolean")]
    [InlineData("HNSW", "{\"refine\": true}", "refine is not supported for this index")]
    [InlineData("HNSW", "{\"refine_type\": \"SQ8\"}", "refine is not supported for this index")]
    public void Quantizer_and_refine_parameters_are_checked_as_knowhere_checks_them(string indexType, string parameters, string message)
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, Dim)));
        Fails(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "v",
            ExtraParams =
            {
                new KeyValuePair { Key = "index_type", Value = indexType }, new KeyValuePair { Key = "metric_type", Value = "L2" },
                new KeyValuePair { Key = "params", Value = parameters },
            },
        }), 1100, message + ": invalid parameter");
    }

    [Fact]
    public void Hnsw_sq_lists_its_parameters_and_refuses_refine_k_below_one()
    {
        CreateIndexed("HNSW_SQ", "IP", "{\"M\": 8, \"efConstruction\": 40, \"sq_type\": \"sq6\", \"refine\": true, \"refine_type\": \"fp16\"}");
        var description = WaitForIndex();
        Assert.Equal(IndexState.Finished, description.State);
        var parameters = description.Params.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("HNSW_SQ", parameters["index_type"]);
        Assert.Equal("IP", parameters["metric_type"]);
        Assert.Equal("{\"M\":8,\"efConstruction\":40,\"sq_type\":\"sq6\",\"refine\":\"true\",\"refine_type\":\"fp16\"}", parameters["params"]);
        var reply = _h.Search("c", FloatPlaceholder(Queries[0]), 10, extra: ("params", "{\"ef\": 32, \"refine_k\": 0.5}"));
        Fails(reply.Status, 1100, "Out of range in json: param 'refine_k' (0.5) should be in range [1.000000, 340282346638528859811704183484516925440.000000]: invalid parameter");
        var tooSmallEf = _h.Search("c", FloatPlaceholder(Queries[0]), 10, extra: ("params", "{\"ef\": 5}"));
        Fails(tooSmallEf.Status, 1100, "ef(5) should be larger than k(10): invalid parameter");
        Ok(_h.Search("c", FloatPlaceholder(Queries[0]), 10, extra: ("params", "{\"ef\": 32, \"refine_k\": 1.5}")).Status);
    }
}

public sealed class InProcessIndexLifecycleTests() : IndexLifecycleTests(EngineTransport.InProcess);

public sealed class KestrelIndexLifecycleTests() : IndexLifecycleTests(EngineTransport.Kestrel);
