using Google.Protobuf;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Milvus.Local.Tests.Engine;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// Indexes on a BINARY_VECTOR field. BIN_IVF_FLAT: built in the background on the sealed segment, probing all lists
/// gives exactly the exact search's hits (HAMMING and JACCARD), fewer probes trade recall, filters and deletes are
/// honoured inside the lists. HNSW (Milvus 2.6+): a beam as wide as the segment finds exactly the exact hits, a narrow
/// one trades recall, and a filtered walk returns only passing, undeleted rows. Both come back from a reopened
/// database without a rebuild and take HAMMING or JACCARD only. BIN_FLAT answers exactly, with and without a filter.
/// </summary>
public abstract class BinaryIndexTests(EngineTransport transport) : IDisposable
{
    private const int Rows = 3000;
    private const int Bits = 128;
    private static readonly byte[][] Data = Clustered(Rows, seed: 21);
    private static readonly byte[][] Queries = Clustered(30, seed: 22);
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    /// <summary>Rows around 10 random centres, each bit flipped with probability 0.2 (fixed seed; centres shared by rows and queries).</summary>
    private static byte[][] Clustered(int count, int seed) => ClusteredBits.Generate(count, Bits, centres: 10, flip: 0.2, centreSeed: 7, seed);

    private static float Distance(byte[] a, byte[] b, string metric) => ClusteredBits.Distance(a, b, metric);

    /// <summary>The exact top 10 ids per query among rows passing, ties by id (the engine's order for one segment).</summary>
    private static List<long[]> Exact(string metric, Func<int, bool> passes)
        => Queries.Select(q => Enumerable.Range(0, Rows).Where(passes).OrderBy(r => Distance(q, Data[r], metric)).ThenBy(r => r).Take(10).Select(r => (long)r).ToArray()).ToList();

    private const string Hnsw = "{\"M\": 8, \"efConstruction\": 64}";

    private void CreateIndexed(string metric, int nlist, string indexType = "BIN_IVF_FLAT")
        => CreateIndexed(metric, indexType, indexType == "HNSW" ? Hnsw : $"{{\"nlist\": {nlist}}}");

    private void CreateIndexed(string metric, string indexType, string parameters)
    {
        // One build thread: the same graph every run, so the HNSW recalls below are fixed numbers, not draws.
        _h.Engine.Core.Indexes.BuildThreads = 1;
        Ok(_h.CreateCollection("c", Int64Pk(), Scalar("tag", DataType.Int64), Vector("v", DataType.BinaryVector, Bits)));
        var ids = Enumerable.Range(0, Rows).Select(i => (long)i).ToArray();
        Ok(_h.Insert("c", Longs("id", ids), Longs("tag", ids.Select(i => i % 1000).ToArray()), BinaryVectors("v", Bits, Data)).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "v",
            ExtraParams =
            {
                new KeyValuePair { Key = "index_type", Value = indexType }, new KeyValuePair { Key = "metric_type", Value = metric },
                new KeyValuePair { Key = "params", Value = parameters },
            },
        }));
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }));
        var description = _h.WaitForIndex("c");
        Assert.Equal(IndexState.Finished, description.State);
        Assert.Equal(Rows, description.IndexedRows);
    }

    private List<long[]> SearchAll(int nprobe, string filter = "") => Search($"{{\"nprobe\": {nprobe}}}", filter);

    private List<long[]> SearchWithEf(int ef, string filter = "") => Search($"{{\"ef\": {ef}}}", filter);

    private List<long[]> Search(string parameters, string filter)
    {
        var reply = _h.Search("c", Placeholder(PlaceholderType.BinaryVector, Queries.Select(q => ByteString.CopyFrom(q)).ToArray()), 10, filter,
            extra: ("params", parameters));
        Ok(reply.Status);
        var ids = reply.Results.Ids.IntId.Data;
        var found = new List<long[]>();
        var at = 0;
        foreach (var count in reply.Results.Topks)
        {
            found.Add(ids.Skip(at).Take((int)count).ToArray());
            at += (int)count;
        }
        return found;
    }

    /// <summary>Share of the exact top 10 found (ids whose distance ties the 10th count as found).</summary>
    private static double Recall(string metric, List<long[]> found) => FilteredRecall(metric, found, Exact(metric, _ => true));

    /// <summary>Share of the <paramref name="exact"/> hits found (ids whose distance ties the last exact hit count as found).</summary>
    private static double FilteredRecall(string metric, List<long[]> found, List<long[]> exact)
    {
        var hits = 0;
        for (var q = 0; q < Queries.Length; q++)
        {
            var last = Distance(Queries[q], Data[exact[q][^1]], metric);
            hits += found[q].Count(id => Distance(Queries[q], Data[id], metric) <= last);
        }
        return hits / (double)exact.Sum(ids => ids.Length);
    }

    [Theory]
    [InlineData("HAMMING")]
    [InlineData("JACCARD")]
    public void Probing_every_list_returns_exactly_the_exact_search_and_fewer_lists_trade_recall(string metric)
    {
        CreateIndexed(metric, nlist: 32);
        Assert.Equal(Exact(metric, _ => true), SearchAll(nprobe: 32));
        var one = Recall(metric, SearchAll(nprobe: 1));
        var eight = Recall(metric, SearchAll(nprobe: 8));
        // The index is really used: one list of 32 misses rows (0.903 HAMMING, 0.880 JACCARD on this data), eight find all.
        Assert.InRange(one, 0.85, 0.95);
        Assert.Equal(1.0, eight);
    }

    [Theory]
    [InlineData("HAMMING")]
    [InlineData("JACCARD")]
    public void Bin_flat_returns_exactly_the_exact_search(string metric)
    {
        CreateIndexed(metric, nlist: 32, indexType: "BIN_FLAT");
        Assert.Equal(Exact(metric, _ => true), SearchAll(nprobe: 1)); // a flat index has no lists: nprobe changes nothing
        Assert.Equal(Exact(metric, r => r % 1000 < 10), SearchAll(nprobe: 1, filter: "tag < 10"));
    }

    [Fact]
    public void Filters_and_deletes_are_honoured_inside_the_lists()
    {
        CreateIndexed("HAMMING", nlist: 16);
        var deleted = Exact("HAMMING", _ => true).SelectMany(ids => ids.Take(2)).Distinct().ToHashSet();
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = $"id in [{string.Join(",", deleted)}]" }).Status);
        var found = SearchAll(nprobe: 16, filter: "tag < 500");
        Assert.Equal(Exact("HAMMING", r => r % 1000 < 500 && !deleted.Contains(r)), found);
    }

    [Theory]
    [InlineData("HAMMING")]
    [InlineData("JACCARD")]
    public void Hnsw_with_a_beam_as_wide_as_the_segment_returns_exactly_the_exact_search_and_a_narrow_beam_trades_recall(string metric)
    {
        CreateIndexed(metric, "HNSW", Hnsw);
        Assert.Equal("HNSW", _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions.Single()
            .Params.Single(p => p.Key == "index_type").Value);
        // ef >= rows: the walk keeps every row it reaches, and the graph reaches them all.
        Assert.Equal(Exact(metric, _ => true), SearchWithEf(Rows));
        var narrow = Recall(metric, SearchWithEf(10));
        var wide = Recall(metric, SearchWithEf(64));
        // The graph is really walked: ef 10 misses rows (0.937 HAMMING, 0.823 JACCARD on this data and one-thread graph),
        // ef 64 finds (nearly) all (0.993, 1.000).
        Assert.InRange(narrow, 0.75, 0.99);
        Assert.True(wide >= 0.99, $"recall@10 at ef 64: {wide:F3}");
    }

    [Fact]
    public void Hnsw_walks_past_filtered_and_deleted_rows_and_returns_only_passing_ones()
    {
        CreateIndexed("HAMMING", "HNSW", Hnsw);
        var deleted = Exact("HAMMING", _ => true).SelectMany(ids => ids.Take(2)).Distinct().ToHashSet();
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = $"id in [{string.Join(",", deleted)}]" }).Status);
        // Half the rows pass and ef 64 keeps the planner on the graph (an ef as wide as the segment would send it to the exact scan).
        var found = SearchWithEf(64, filter: "tag < 500");
        Assert.All(found.SelectMany(ids => ids), id => Assert.True(id % 1000 < 500 && !deleted.Contains((int)id), $"row {id} should not be a hit"));
        var exact = Exact("HAMMING", r => r % 1000 < 500 && !deleted.Contains(r));
        var recall = FilteredRecall("HAMMING", found, exact);
        Assert.True(recall >= 0.98, $"filtered recall@10 at ef 64: {recall:F3}"); // measured 1.000
    }

    [Theory]
    [InlineData("BIN_IVF_FLAT", "{\"nprobe\": 4}")]
    [InlineData("HNSW", "{\"ef\": 16}")]
    public void A_reopened_database_serves_the_stored_index_without_rebuilding(string indexType, string search)
    {
        CreateIndexed("HAMMING", nlist: 16, indexType);
        var before = Search(search, "");
        _h.Reopen();
        var description = _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions.Single();
        Assert.Equal(IndexState.Finished, description.State);
        Assert.Equal(indexType, description.Params.Single(p => p.Key == "index_type").Value);
        Thread.Sleep(200);
        Assert.Equal(before, Search(search, ""));
    }

    [Theory]
    [InlineData("BIN_IVF_FLAT", "SUBSTRUCTURE")]
    [InlineData("HNSW", "SUPERSTRUCTURE")]
    [InlineData("HNSW", "L2")]
    public void A_metric_other_than_HAMMING_or_JACCARD_is_refused_as_Milvus_does(string indexType, string metric)
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.BinaryVector, Bits)));
        Fails(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "v",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = indexType }, new KeyValuePair { Key = "metric_type", Value = metric } },
        }), 1100, $"metric type {metric} not found or not supported, supported: [HAMMING JACCARD]: invalid parameter");
    }

    [Fact]
    public void Hnsw_on_binary_vectors_defaults_to_HAMMING_and_checks_ef_against_the_limit()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.BinaryVector, Bits)));
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "v", ExtraParams = { new KeyValuePair { Key = "index_type", Value = "HNSW" } },
        }));
        var description = _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions.Single();
        Assert.Equal("HAMMING", description.Params.Single(p => p.Key == "metric_type").Value);
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }));
        var reply = _h.Search("c", Placeholder(PlaceholderType.BinaryVector, ByteString.CopyFrom(Queries[0])), 10, "", extra: ("params", "{\"ef\": 5}"));
        Fails(reply.Status, 1100, "ef(5) should be larger than k(10): invalid parameter");
    }
}

public sealed class InProcessBinaryIndexTests() : BinaryIndexTests(EngineTransport.InProcess);

public sealed class KestrelBinaryIndexTests() : BinaryIndexTests(EngineTransport.Kestrel);
