using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>Search iterator v2 (search_iter_v2 in search_params): token, last_bound, and pages that walk the neighbours in order.</summary>
public abstract class SearchIteratorTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    // Keys inserted out of order; distances from (0,0) to the query: 9 and 2 at 0; 7, 3, 8, 1 at 1 (a tie of four);
    // 5 and 4 at 4; 6 at 8; 10 at 25.
    private static readonly long[] Keys = [7, 3, 9, 5, 1, 8, 2, 4, 6, 10];
    private static readonly float[][] Vectors =
    [
        [1, 0], [0, 1], [0, 0], [2, 0], [-1, 0], [0, -1], [0, 0], [0, 2], [2, 2], [5, 0],
    ];
    private static readonly long[] WalkOrder = [2, 9, 1, 3, 7, 8, 4, 5, 6, 10];
    private static readonly float[] WalkDistances = [0, 0, 1, 1, 1, 1, 4, 4, 8, 25];

    private void CreateWalk(string metric = "L2")
    {
        Ok(_h.CreateCollection("walk", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Ok(_h.Insert("walk", Longs("id", Keys), FloatVectors("v", 2, Vectors)).Status);
        _h.IndexAndLoad("walk", "v", metric);
    }

    private SearchResults Page(int batch, string? token = null, string? lastBound = null, float[]? query = null, params (string, string)[] more)
    {
        var extra = new List<(string, string)> { ("iterator", "True"), ("search_iter_v2", "True"), ("search_iter_batch_size", batch.ToString()) };
        if (token is not null) extra.Add(("search_iter_id", token));
        if (lastBound is not null) extra.Add(("search_iter_last_bound", lastBound));
        extra.AddRange(more);
        return _h.Search("walk", FloatPlaceholder(query ?? [0, 0]), batch, extra: [.. extra]);
    }

    private static string Text(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Pages_walk_every_neighbour_once_in_order_with_ties_split_across_pages_by_primary_key()
    {
        CreateWalk();
        var ids = new List<long>();
        var scores = new List<float>();
        string? token = null;
        string? bound = null;
        var sizes = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var reply = Page(3, token, bound);
            Ok(reply.Status);
            var info = reply.Results.SearchIteratorV2Results;
            Assert.NotNull(info);
            Assert.True(Guid.TryParseExact(info.Token, "D", out _), info.Token);
            if (token is not null) Assert.Equal(token, info.Token);
            token = info.Token;
            sizes.Add(reply.Results.Ids.IntId.Data.Count);
            ids.AddRange(reply.Results.Ids.IntId.Data);
            scores.AddRange(reply.Results.Scores);
            if (reply.Results.Scores.Count > 0) Assert.Equal(reply.Results.Scores[^1], info.LastBound);
            else Assert.Equal(25f, info.LastBound); // an empty page echoes the incoming bound
            bound = Text(info.LastBound);
        }
        Assert.Equal([3, 3, 3, 1, 0], sizes);
        Assert.Equal(WalkOrder, ids);
        Assert.Equal(WalkDistances.Length, scores.Count);
        for (var i = 0; i < scores.Count; i++) Assert.Equal(WalkDistances[i], scores[i], 4);
    }

    [Fact]
    public void Similarity_metrics_walk_from_the_highest_score_down()
    {
        CreateWalk("IP");
        var first = Page(4, query: [1, 0]);
        Ok(first.Status);
        // IP with (1,0): 10 -> 5, then 5 and 6 -> 2, 7 -> 1, then 3, 9, 2, 4 at 0 (ties by key), 8 -> 0, 1 -> -1.
        Assert.Equal([10L, 5, 6, 7], first.Results.Ids.IntId.Data);
        var info = first.Results.SearchIteratorV2Results;
        Assert.Equal(1f, info.LastBound);
        var second = Page(4, info.Token, Text(info.LastBound), [1, 0]);
        Assert.Equal([2L, 3, 4, 8], second.Results.Ids.IntId.Data);
        Assert.Equal([0f, 0, 0, 0], second.Results.Scores);
        var third = Page(4, info.Token, Text(second.Results.SearchIteratorV2Results.LastBound), [1, 0]);
        Assert.Equal([9L, 1], third.Results.Ids.IntId.Data);
        Assert.Equal([0f, -1], third.Results.Scores);
    }

    [Fact]
    public void A_first_page_without_hits_reports_the_best_possible_bound()
    {
        CreateWalk();
        var empty = Page(3, more: ("params", "{\"radius\": 0.5, \"range_filter\": 0.2}"));
        Ok(empty.Status);
        Assert.Empty(empty.Results.Scores);
        Assert.Equal(-float.MaxValue, empty.Results.SearchIteratorV2Results.LastBound);
    }

    [Fact]
    public void An_unknown_token_resumes_strictly_beyond_the_last_bound_as_Milvus_does()
    {
        CreateWalk();
        var reply = Page(3, Guid.NewGuid().ToString(), "0");
        Ok(reply.Status);
        // Without this engine's record of the previous page, every hit tied at the bound is skipped, as in Milvus.
        Assert.Equal([1L, 3, 7], reply.Results.Ids.IntId.Data);
    }

    [Fact]
    public void Plain_searches_carry_no_iterator_results()
    {
        CreateWalk();
        var reply = _h.Search("walk", FloatPlaceholder([0, 0]), 3);
        Ok(reply.Status);
        Assert.Null(reply.Results.SearchIteratorV2Results);
    }

    [Fact]
    public void Invalid_iterator_parameters_fail_like_Milvus()
    {
        CreateWalk();
        var noIterator = _h.Search("walk", FloatPlaceholder([0, 0]), 3, extra: [("search_iter_v2", "True"), ("search_iter_batch_size", "3")]);
        Fails(noIterator.Status, 1100, "parse iterator v2 info failed: both iterator and search_iter_v2 must be set in the SDK: missing parameter");
        Fails(Page(3, more: ("offset", "2")).Status, 1100,
            "parse iterator v2 info failed: Setting an offset is not permitted when using a search iterator v2: invalid parameter");
        Fails(Page(3, token: "not-a-uuid").Status, 1100, "parse iterator v2 info failed: invalid token format: invalid parameter");
        Fails(Page(0).Status, 1100, "parse iterator v2 info failed: batch size is invalid: it should be in range [1, 16384], but got 0");
        Fails(Page(3, lastBound: "far").Status, 1100,
            "parse iterator v2 info failed: failed to parse input last bound: strconv.ParseFloat: parsing \"far\": invalid syntax");
        Fails(Page(3, more: ("group_by_field", "id")).Status, 1100,
            "Not allowed to do groupBy when doing iteration: invalid parameter[expected=][actual=]");
    }
}

public sealed class SearchIteratorTestsInProcess() : SearchIteratorTests(EngineTransport.InProcess);

public sealed class SearchIteratorTestsOverKestrel() : SearchIteratorTests(EngineTransport.Kestrel);
