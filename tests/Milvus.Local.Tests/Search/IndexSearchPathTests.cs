using Milvus.Protocol.Api;
using Milvus.Local.Tests.Engine;
using Milvus.Local.Tests.Indexes;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Search;

/// <summary>
/// The request path of a search served by HNSW graphs alone (the common case the per-request work was trimmed for: hits
/// merged by one sort, typed ids, no output-field columns when none are asked): with a beam as wide as the segment the
/// walk reaches every row, so its answer must be the exact scan's, id for id and score for score, with offsets, deletes,
/// filters and output fields, on both transports. The exact answers come from a range search with an unbounded radius,
/// which the planner always sends to the exact scan.
/// </summary>
public abstract class IndexSearchPathTests(EngineTransport transport) : IndexedCollectionTests(transport, Dim)
{
    private const int Dim = 24;
    private const string FullBeam = "{\"ef\": 3000}";
    private const string Exact = "{\"radius\": 1e30}";

    private void CreateHnsw() => CreateBuilt("HNSW", "L2", "{\"M\": 16, \"efConstruction\": 100}");

    private SearchResults Run(float[][] queries, int limit, string parameters, string filter = "", int offset = 0, string[]? outputFields = null)
    {
        var extra = new List<(string, string)> { ("params", parameters) };
        if (offset > 0) extra.Add(("offset", offset.ToString()));
        var reply = _h.Search("c", FloatPlaceholder(queries), limit, filter, outputFields: outputFields, extra: [.. extra]);
        Ok(reply.Status);
        return reply;
    }

    private static void SameHits(SearchResults expected, SearchResults actual)
    {
        Assert.Equal(expected.Results.Topks, actual.Results.Topks);
        Assert.Equal(expected.Results.Ids.IntId.Data, actual.Results.Ids.IntId.Data);
        Assert.Equal(expected.Results.Scores, actual.Results.Scores);
    }

    [Theory]
    [InlineData(1, 0)]   // one walk on the calling thread
    [InlineData(3, 0)]
    [InlineData(3, 7)]   // an offset: the page after it
    [InlineData(40, 0)]  // more walks than run inline: they go to the thread pool
    public void A_walk_over_the_whole_segment_returns_the_exact_hits(int nq, int offset)
    {
        CreateHnsw();
        var queries = Queries.Take(nq).ToArray();
        var exact = Run(queries, 10, Exact, offset: offset);
        Assert.Equal(Enumerable.Repeat(10L, nq), exact.Results.Topks);
        SameHits(exact, Run(queries, 10, FullBeam, offset: offset));
    }

    [Fact]
    public void Deleted_rows_never_come_back_and_the_rest_stays_exact()
    {
        CreateHnsw();
        var before = Run(Queries, 10, Exact);
        var gone = Enumerable.Range(0, Queries.Length).SelectMany(q => before.Results.Ids.IntId.Data.Skip(q * 10).Take(3)).Distinct().ToList();
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = $"id in [{string.Join(",", gone)}]" }).Status);
        var exact = Run(Queries, 10, Exact);
        Assert.DoesNotContain(exact.Results.Ids.IntId.Data, gone.Contains);
        SameHits(exact, Run(Queries, 10, FullBeam));
    }

    [Fact]
    public void A_filtered_walk_returns_only_passing_rows_with_their_exact_scores()
    {
        CreateHnsw();
        // Half the rows pass: the planner walks the graph with the filter (a narrow beam, so not exhaustive).
        var walked = Run(Queries, 10, "{\"ef\": 32}", "tag < 500");
        var everyPassing = Run(Queries, 1500, Exact, "tag < 500");
        var scoreOf = new Dictionary<(int, long), float>();
        var at = 0;
        for (var q = 0; q < Queries.Length; q++)
            for (var i = 0; i < everyPassing.Results.Topks[q]; i++, at++)
                scoreOf[(q, everyPassing.Results.Ids.IntId.Data[at])] = everyPassing.Results.Scores[at];
        Assert.Equal(Enumerable.Repeat(10L, Queries.Length), walked.Results.Topks);
        var found = 0;
        for (var q = 0; q < Queries.Length; q++)
        {
            var ids = walked.Results.Ids.IntId.Data.Skip(q * 10).Take(10).ToList();
            var scores = walked.Results.Scores.Skip(q * 10).Take(10).ToList();
            Assert.All(ids, id => Assert.True(id % 1000 < 500, $"row {id} does not pass the filter"));
            Assert.Equal(ids.Select(id => scoreOf[(q, id)]), scores);
            Assert.Equal(scores.Order(), scores);
            var truth = everyPassing.Results.Ids.IntId.Data.Skip(q * 1500).Take(10).ToHashSet();
            found += ids.Count(truth.Contains);
        }
        // One build thread: the graph and so this recall are the same every run (measured 0.980 on both transports).
        Assert.True(found >= 0.975 * 10 * Queries.Length, $"filtered recall@10 {found / (10.0 * Queries.Length):F3}");
    }

    [Fact]
    public void Output_fields_come_back_for_the_walked_hits()
    {
        CreateHnsw();
        var plain = Run(Queries.Take(3).ToArray(), 10, FullBeam);
        var withFields = Run(Queries.Take(3).ToArray(), 10, FullBeam, outputFields: ["tag"]);
        SameHits(plain, withFields);
        Assert.Equal(["tag"], withFields.Results.OutputFields);
        var tags = Assert.Single(withFields.Results.FieldsData, f => f.FieldName == "tag").Scalars.LongData.Data;
        Assert.Equal(plain.Results.Ids.IntId.Data.Select(id => id % 1000), tags);
        Assert.Empty(plain.Results.FieldsData);
        Assert.Empty(plain.Results.OutputFields);
    }
}

public sealed class InProcessIndexSearchPathTests() : IndexSearchPathTests(EngineTransport.InProcess);

public sealed class KestrelIndexSearchPathTests() : IndexSearchPathTests(EngineTransport.Kestrel);
