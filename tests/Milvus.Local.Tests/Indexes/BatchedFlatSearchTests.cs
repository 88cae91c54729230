using Milvus.Benchmarks.Data;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using Milvus.Local.Tests.Engine;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// A FLAT search request of many queries (the batched matrix-product scan, split into 2,048-row blocks that the
/// workers share) answers each query with exactly the ids and scores of a request of that query alone, across blocks,
/// after deletes and with a filter.
/// </summary>
public abstract class BatchedFlatSearchTests(EngineTransport transport) : IDisposable
{
    private const int Dim = 20; // not a multiple of 8 or 16
    private const int Rows = 20_003; // nine blocks of 2,048 rows and one of 1,571; the last tile has 3 rows
    private readonly LocalEngineHarness _h = new(transport);
    private readonly float[][] _data = ClusteredVectors.Generate(Rows, Dim, 40, seed: 21);
    private readonly float[][] _queries = ClusteredVectors.Generate(41, Dim, 40, seed: 22); // three query groups

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData("L2")]
    [InlineData("IP")]
    [InlineData("COSINE")]
    public void A_request_of_41_queries_returns_each_query_s_own_hits_exactly(string metric)
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Scalar("tag", DataType.Int64), Vector("v", DataType.FloatVector, Dim)));
        var ids = Enumerable.Range(0, Rows).Select(i => (long)i).ToArray();
        Ok(_h.Insert("c", Longs("id", ids), Longs("tag", ids.Select(i => i % 7).ToArray()), FloatVectors("v", Dim, _data)).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        _h.IndexAndLoad("c", "v", metric);
        // Every query's nearest row deleted: the batch must not return it either.
        var nearest = Top(FloatPlaceholder(_queries), 1, "").Select(hits => hits[0].Id).Distinct().ToArray();
        Assert.Equal(nearest.Length, _h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = $"id in [{string.Join(", ", nearest)}]" }).DeleteCnt);
        foreach (var (filter, k) in new[] { ("", 10), ("tag in [1, 4]", 10), ("", 60) })
        {
            var together = Top(FloatPlaceholder(_queries), k, filter);
            for (var q = 0; q < _queries.Length; q++)
            {
                var alone = Top(FloatPlaceholder(_queries[q]), k, filter)[0];
                Assert.Equal(k, together[q].Count);
                Assert.Equal(alone, together[q]);
                Assert.DoesNotContain(together[q], hit => nearest.Contains(hit.Id));
                if (filter.Length > 0) Assert.All(together[q], hit => Assert.Contains(hit.Id % 7, new long[] { 1, 4 }));
            }
        }
    }

    /// <summary>Per query: the hits as (id, score), best first.</summary>
    private List<(long Id, float Score)>[] Top(Google.Protobuf.ByteString placeholder, int k, string filter)
    {
        var reply = _h.Search("c", placeholder, k, filter);
        Ok(reply.Status);
        return HitsPerQuery(reply);
    }

    /// <summary>A reply's hits per query as (id, score), best first.</summary>
    internal static List<(long Id, float Score)>[] HitsPerQuery(SearchResults reply)
    {
        var result = new List<(long, float)>[reply.Results.Topks.Count];
        var at = 0;
        for (var q = 0; q < result.Length; q++)
        {
            var count = (int)reply.Results.Topks[q];
            result[q] = Enumerable.Range(at, count).Select(i => (reply.Results.Ids.IntId.Data[i], reply.Results.Scores[i])).ToList();
            at += count;
        }
        return result;
    }
}

public sealed class InProcessBatchedFlatSearchTests() : BatchedFlatSearchTests(EngineTransport.InProcess);

public sealed class KestrelBatchedFlatSearchTests() : BatchedFlatSearchTests(EngineTransport.Kestrel);
