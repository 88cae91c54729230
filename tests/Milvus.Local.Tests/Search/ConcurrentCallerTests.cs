using Milvus.Protocol.Api;
using Milvus.Local.Tests.Engine;
using Milvus.Local.Tests.Indexes;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Search;

/// <summary>
/// Two callers searching one HNSW collection at the same time get exactly the answers one caller gets, call for call:
/// what a search call reuses between calls (the collection snapshot, each thread's last search parameters, the rented
/// buffers the in-process transport serializes through, the index's scratch) must never leak from one in-flight call
/// into another. The calls vary the limit, offset, ef, filter and output fields, so that consecutive calls on one
/// thread differ in parameters and in the size of what is serialized.
/// </summary>
public abstract class ConcurrentCallerTests(EngineTransport transport) : IndexedCollectionTests(transport, Dim)
{
    private const int Dim = 24;
    private const int Rounds = 6;

    private static readonly (int Limit, int Offset, string Params, string Filter, string[]? Output)[] Kinds =
    [
        (10, 0, "{\"ef\": 16}", "", null),
        (5, 2, "{\"ef\": 64}", "", null),
        (10, 0, "{\"ef\": 32}", "tag < 500", null),
        (20, 0, "{\"ef\": 40}", "", ["tag"]),
    ];

    private SearchResults Call(int query, int kind)
    {
        var (limit, offset, parameters, filter, output) = Kinds[kind];
        var extra = new List<(string, string)> { ("params", parameters) };
        if (offset > 0) extra.Add(("offset", offset.ToString()));
        return _h.Search("c", FloatPlaceholder(Queries[query]), limit, filter, outputFields: output, extra: [.. extra]);
    }

    [Theory]
    [InlineData("L2")]
    [InlineData("IP")]
    [InlineData("COSINE")]
    public void Two_callers_at_once_get_exactly_the_answers_of_one_caller(string metric)
    {
        CreateBuilt("HNSW", metric, "{\"M\": 16, \"efConstruction\": 100}");
        var calls = (from q in Enumerable.Range(0, Queries.Length) from k in Enumerable.Range(0, Kinds.Length) select (Query: q, Kind: k)).ToArray();
        var expected = calls.ToDictionary(c => c, c =>
        {
            var reply = Call(c.Query, c.Kind);
            Ok(reply.Status);
            return reply.Results;
        });
        Assert.Equal([10L], expected[(0, 0)].Topks);
        Assert.Equal([5L], expected[(0, 1)].Topks);
        Assert.Equal(["tag"], expected[(0, 3)].OutputFields);
        using var start = new Barrier(2);
        var mismatches = new List<string>[2];
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            mismatches[t] = [];
            start.SignalAndWait();
            for (var round = 0; round < Rounds; round++)
                // The two callers walk the calls in opposite orders, so each pairs with every other kind of call.
                for (var i = 0; i < calls.Length; i++)
                {
                    var call = calls[t == 0 ? i : calls.Length - 1 - i];
                    var reply = Call(call.Query, call.Kind);
                    if (reply.Status.Code != 0 || !reply.Results.Equals(expected[call]))
                        mismatches[t].Add($"query {call.Query}, kind {call.Kind}: {reply.Status.Reason}");
                }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(mismatches[0]);
        Assert.Empty(mismatches[1]);
    }
}

public sealed class InProcessConcurrentCallerTests() : ConcurrentCallerTests(EngineTransport.InProcess);

public sealed class KestrelConcurrentCallerTests() : ConcurrentCallerTests(EngineTransport.Kestrel);
