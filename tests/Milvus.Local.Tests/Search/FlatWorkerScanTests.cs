using System.Globalization;
using Milvus.Benchmarks.Data;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Milvus.Local.Tests.Engine;
using Milvus.Local.Tests.Indexes;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Search;

/// <summary>
/// The exact scan's workers each keep one top-k per query across every block they take (the queries packed once per
/// request): a request of several queries must still answer each query exactly as a request of that query alone (ids,
/// scores and the order of equal scores), over two segments whose blocks the workers share, after deletes, with filters,
/// k of 1 and k above the passing rows, an offset, group-by, a range search and one partition, for every metric and for
/// request sizes on the four-queries path (below 20) and the batched path (37: three lane groups, the last one padded;
/// 20, 33 and 36: the last group compact). The transport does not enter this path, so it runs in-process.
/// </summary>
public sealed class FlatWorkerScanTests : IDisposable
{
    private const int Dim = 20;          // not a multiple of 8 or 16
    private const int Rows = 9_001;      // four blocks of 2,048 rows and one of 809; the last tile has 1 row
    private const int Copies = 1_003;    // a second partition (another segment) repeats the first rows: scores tie across segments
    private readonly LocalEngineHarness _h = new(EngineTransport.InProcess);
    private readonly float[][] _data = ClusteredVectors.Generate(Rows, Dim, 20, seed: 31);
    private readonly float[][] _queries = ClusteredVectors.Generate(37, Dim, 20, seed: 32);

    public FlatWorkerScanTests()
    {
        // Two queries equal to rows that have copies: their two best hits tie at L2 distance 0.
        _queries[3] = _data[5];
        _queries[10] = _data[100];
    }

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData("L2", 7)]
    [InlineData("L2", 20)]     // 16 + 4: the last group compact (4 queries x 4 dimensions per vector)
    [InlineData("L2", 37)]
    [InlineData("IP", 5)]
    [InlineData("IP", 37)]
    [InlineData("IP", 36)]     // 32 + 4: two full groups in one call, then the compact group
    [InlineData("COSINE", 33)] // 32 + 1: a compact group of one query
    [InlineData("COSINE", 21)]
    [InlineData("COSINE", 37)]
    public void Each_query_of_a_request_gets_its_own_hits_exactly(string metric, int nq)
    {
        Load(metric);
        var queries = _queries.Take(nq).ToArray();
        // Every query's nearest row deleted (except the rows the two copy queries equal).
        var nearest = Run(queries, 1, "", []).Select(hits => hits[0].Id).Where(id => id is not 5 and not 100).Distinct().ToArray();
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = $"id in [{string.Join(", ", nearest)}]" }).Status);
        var probe = Run(queries[..1], 30, "", [])[0];
        var range = $"{{\"radius\": {Text(probe[29].Score)}, \"range_filter\": {Text(probe[2].Score)}}}";
        var passingTag3 = Enumerable.Range(0, Rows + Copies).Count(i => i % 7 == 3 && !nearest.Contains(i));
        var cases = new (string Filter, int K, string[] Partitions, (string, string)[] Extra, int? Expected)[]
        {
            ("", 10, [], [], 10),
            ("tag in [1, 4]", 10, [], [], 10),
            ("", 1, [], [], 1),
            ("tag == 3", 2_000, [], [], passingTag3),             // k above the rows that pass
            ("", 10, [], [("offset", "7")], 10),
            ("", 5, [], [("group_by_field", "tag")], 5),
            ("", 50, [], [("params", range)], null),
            ("", 10, ["p2"], [], 10),
        };
        var ties = 0;
        foreach (var (filter, k, partitions, extra, expected) in cases)
        {
            var together = Run(queries, k, filter, partitions, extra);
            for (var q = 0; q < nq; q++)
            {
                var alone = Run([queries[q]], k, filter, partitions, extra)[0];
                if (expected is { } count) Assert.Equal(count, together[q].Count);
                Assert.Equal(alone, together[q]);
                ties += together[q].Zip(together[q].Skip(1)).Count(p => p.First.Score == p.Second.Score);
            }
            if (partitions.Length > 0) Assert.All(together, hits => Assert.All(hits, hit => Assert.True(hit.Id >= Rows, $"{hit.Id} is not in p2")));
            if (filter == "tag == 3") Assert.All(together, hits => Assert.All(hits, hit => Assert.Equal(3, hit.Id % 7)));
        }
        // The copies made equal scores meet in the lists (their order is the segment's, then the row's).
        Assert.True(ties > 0, "no equal scores were compared");
        if (metric == "L2" && nq > 10)
        {
            var top = Run(queries, 2, "", []);
            Assert.Equal([(5L, 0f), (Rows + 5L, 0f)], top[3]);
            Assert.Equal([(100L, 0f), (Rows + 100L, 0f)], top[10]);
        }
    }

    private void Load(string metric)
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Scalar("tag", DataType.Int64), Vector("v", DataType.FloatVector, Dim)));
        Ok(_h.Client.CreatePartition(new CreatePartitionRequest { CollectionName = "c", PartitionName = "p2" }));
        var ids = Enumerable.Range(0, Rows).Select(i => (long)i).ToArray();
        Ok(_h.Insert("c", Longs("id", ids), Longs("tag", ids.Select(i => i % 7).ToArray()), FloatVectors("v", Dim, _data)).Status);
        var copies = Enumerable.Range(Rows, Copies).Select(i => (long)i).ToArray();
        Ok(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "c", PartitionName = "p2", NumRows = Copies,
            FieldsData = { Longs("id", copies), Longs("tag", copies.Select(i => i % 7).ToArray()), FloatVectors("v", Dim, _data[..Copies]) },
        }).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        _h.IndexAndLoad("c", "v", metric);
        var core = _h.Engine.Core;
        Assert.Equal(2, core.LoadedData(core.Collection("default", "c").Id)!.Snapshot.Count(view => view.RowCount > 0));
    }

    private static string Text(float score) => score.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Per query: the hits as (id, score), best first.</summary>
    private List<(long Id, float Score)>[] Run(float[][] queries, int k, string filter, string[] partitions, params (string Key, string Value)[] extra)
    {
        var request = new SearchRequest
        {
            CollectionName = "c", PlaceholderGroup = FloatPlaceholder(queries), Dsl = filter, DslType = DslType.BoolExprV1,
            SearchParams = { new KeyValuePair { Key = "topk", Value = k.ToString(CultureInfo.InvariantCulture) } },
            PartitionNames = { partitions },
        };
        foreach (var (key, value) in extra) request.SearchParams.Add(new KeyValuePair { Key = key, Value = value });
        var reply = _h.Client.Search(request);
        Ok(reply.Status);
        return BatchedFlatSearchTests.HitsPerQuery(reply);
    }
}
