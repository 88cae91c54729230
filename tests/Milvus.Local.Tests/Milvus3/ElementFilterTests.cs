using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Milvus3;

/// <summary>
/// Milvus 3.0 element-level filters on an ARRAY of STRUCT field over both transports: element_filter and the match
/// family (MATCH_ANY/ALL/LEAST/MOST/EXACT) with <c>$[sub]</c> predicates, in query, search and delete.
/// </summary>
public abstract class ElementFilterTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    /// <summary>Four rows: 1 [a:1, b:5], 2 [red:7, red:9], 3 [] (no clips), 4 [red:2, c:3, red:8].</summary>
    private void CreateClips() => StructArrayTests.CreateDocs(_h, "MAX_SIM_IP",
        [("a", 1, [1, 0]), ("b", 5, [0, 1])],
        [("red", 7, [1, 1]), ("red", 9, [1, 0])],
        [],
        [("red", 2, [0, 1]), ("c", 3, [1, 1]), ("red", 8, [0, 0])]);

    private long[] Ids(string filter)
    {
        var reply = _h.Query("docs", filter, ["id"]);
        Ok(reply.Status);
        return reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data.Order().ToArray();
    }

    [Theory]
    [InlineData("element_filter(clips, $[score] > 6)", new long[] { 2, 4 })]
    [InlineData("element_filter(clips, $[label] == \"red\" && $[score] < 5)", new long[] { 4 })]
    [InlineData("MATCH_ANY(clips, $[label] like \"re%\")", new long[] { 2, 4 })]
    [InlineData("MATCH_ALL(clips, $[label] == \"red\")", new long[] { 2, 3 })]
    [InlineData("MATCH_LEAST(clips, $[score] >= 2, 2)", new long[] { 2, 4 })]
    [InlineData("MATCH_MOST(clips, $[label] == \"red\", 1)", new long[] { 1, 3 })]
    [InlineData("MATCH_EXACT(clips, $[score] > 1, 1)", new long[] { 1 })]
    [InlineData("id > 1 && element_filter(clips, $[score] in [2, 7])", new long[] { 2, 4 })]
    [InlineData("not MATCH_ANY(clips, $[score] > 6)", new long[] { 1, 3 })]
    public void Query_selects_rows_by_their_struct_elements(string filter, long[] expected)
    {
        CreateClips();
        Assert.Equal(expected, Ids(filter));
    }

    [Fact]
    public void Search_and_delete_take_element_filters_too()
    {
        CreateClips();
        var search = _h.Search("docs", FloatPlaceholder([0, 0]), 4, "MATCH_LEAST(clips, $[label] == \"red\", 2)");
        Ok(search.Status);
        Assert.Equal([2L, 4], search.Results.Ids.IntId.Data);
        var delete = _h.Client.Delete(new DeleteRequest { CollectionName = "docs", Expr = "element_filter(clips, $[label] == \"a\")" });
        Ok(delete.Status);
        Assert.Equal(1, delete.DeleteCnt);
        Assert.Equal([2L, 3, 4], Ids("id > 0"));
    }

    [Theory]
    [InlineData("element_filter(clips, $[score] > 6)", "2:[0,1] 4:[2]")]
    [InlineData("id > 1 && element_filter(clips, $[label] == \"red\")", "2:[0,1] 4:[0,2]")]
    [InlineData("element_filter(clips, $[label] == \"red\" && $[score] < 5)", "4:[0]")]
    public void An_element_filter_query_names_the_matching_elements_of_each_entity(string filter, string expected)
    {
        CreateClips();
        var reply = _h.Query("docs", filter, ["id"]);
        Ok(reply.Status);
        var ids = reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data;
        Assert.Equal(ids.Count, reply.ElementIndices.Count);
        Assert.Equal(expected, string.Join(" ", ids.Select((id, i) => $"{id}:[{string.Join(",", reply.ElementIndices[i].Indices.Data)}]").Order()));
    }

    [Theory]
    [InlineData("MATCH_ANY(clips, $[score] > 6)")]
    [InlineData("id > 0")]
    [InlineData("not element_filter(clips, $[score] > 6)")]
    public void Row_level_filters_return_no_element_indices(string filter)
    {
        CreateClips();
        var reply = _h.Query("docs", filter, ["id"]);
        Ok(reply.Status);
        Assert.NotEmpty(reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data);
        Assert.Empty(reply.ElementIndices);
    }

    [Theory]
    [InlineData(null, null, "2:[0,1] 4:[0,2]")]
    [InlineData("2", "0", "2:[1] 4:[0,2]")]
    [InlineData("2", "1", "4:[0,2]")]
    [InlineData("4", "0", "2:[0,1] 4:[2]")]
    [InlineData("4", "2", "2:[0,1]")]
    [InlineData("3", "5", "2:[0,1] 4:[0,2]")]
    [InlineData("2", null, "2:[0,1] 4:[0,2]")]
    public void An_element_iterator_cursor_skips_the_elements_already_returned(string? lastPk, string? lastOffset, string expected)
    {
        // pymilvus 3.0.1's element_filter query iterator sends query_iter_last_pk / query_iter_last_element_offset with a
        // "pk >= last" page filter: the last entity's elements up to the cursor are dropped, an entity left with none too.
        CreateClips();
        var request = new QueryRequest { CollectionName = "docs", Expr = "element_filter(clips, $[label] == \"red\")" };
        request.OutputFields.Add("id");
        if (lastPk is not null) request.QueryParams.Add(new KeyValuePair { Key = "query_iter_last_pk", Value = lastPk });
        if (lastOffset is not null) request.QueryParams.Add(new KeyValuePair { Key = "query_iter_last_element_offset", Value = lastOffset });
        var reply = _h.Client.Query(request);
        Ok(reply.Status);
        var ids = reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data;
        Assert.Equal(expected, string.Join(" ", ids.Select((id, i) => $"{id}:[{string.Join(",", reply.ElementIndices[i].Indices.Data)}]")));
    }

    [Fact]
    public void The_element_cursor_applies_before_the_limit()
    {
        CreateClips();
        var request = new QueryRequest { CollectionName = "docs", Expr = "element_filter(clips, $[label] == \"red\")" };
        request.OutputFields.Add("id");
        request.QueryParams.Add(new KeyValuePair { Key = "limit", Value = "1" });
        request.QueryParams.Add(new KeyValuePair { Key = "query_iter_last_pk", Value = "2" });
        request.QueryParams.Add(new KeyValuePair { Key = "query_iter_last_element_offset", Value = "1" });
        var reply = _h.Client.Query(request);
        Ok(reply.Status);
        Assert.Equal([4L], reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data);
        Assert.Equal([0L, 2], reply.ElementIndices.Single().Indices.Data);
    }

    [Fact]
    public void A_malformed_element_cursor_is_refused()
    {
        CreateClips();
        var request = new QueryRequest { CollectionName = "docs", Expr = "element_filter(clips, $[label] == \"red\")" };
        request.QueryParams.Add(new KeyValuePair { Key = "query_iter_last_pk", Value = "2" });
        request.QueryParams.Add(new KeyValuePair { Key = "query_iter_last_element_offset", Value = "x" });
        Fails(_h.Client.Query(request).Status, 1100, "query_iter_last_element_offset [x] is invalid, should be an integer: invalid parameter");
    }

    [Fact]
    public void A_field_that_is_not_a_struct_array_is_refused()
    {
        CreateClips();
        var reply = _h.Query("docs", "element_filter(vec, $[score] > 1)", ["id"]);
        Fails(reply.Status, 1100, "failed to create query plan: cannot parse expression: element_filter(vec, $[score] > 1), error: element_filter: the first argument must be an array of struct field, got: vec: invalid parameter");
    }

    [Fact]
    public void A_sub_field_the_struct_does_not_have_is_refused()
    {
        CreateClips();
        var reply = _h.Query("docs", "MATCH_LEAST(clips, $[missing] > 1, 1)", ["id"]);
        Assert.Equal(1100, reply.Status.Code);
        Assert.Contains("$[missing]", reply.Status.Reason);
    }
}

public sealed class ElementFilterInProcessTests() : ElementFilterTests(EngineTransport.InProcess);

public sealed class ElementFilterKestrelTests() : ElementFilterTests(EngineTransport.Kestrel);
