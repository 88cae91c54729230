using Google.Protobuf;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.FullText;

/// <summary>
/// Milvus 2.6's lexical highlighter on BM25 searches. The expected fragments of the first tests are the outputs
/// printed in Milvus's Text Highlighter guide (same documents, same highlighter settings).
/// </summary>
public abstract class HighlighterTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private static readonly string[] GuideDocs =
    [
        "my first test doc",
        "my second test doc",
        "my first test doc. Milvus is an open-source vector database built for GenAI applications.",
        "my second test doc. Milvus is an open-source vector database that suits AI applications of every size from running a demo chatbot to building web-scale search.",
    ];

    private void CreateLoaded(string name, params string[] docs)
    {
        var schema = new CollectionSchema
        {
            Name = name, Fields = { Int64Pk(), Bm25SearchTests.Text(), Bm25SearchTests.Sparse() }, Functions = { Bm25SearchTests.Bm25() },
        };
        Ok(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = name, Schema = schema.ToByteString() }));
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = name, FieldName = "sparse",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "SPARSE_INVERTED_INDEX" }, new KeyValuePair { Key = "metric_type", Value = "BM25" } },
        }));
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = name }));
        Ok(_h.Insert(name, Longs("id", Enumerable.Range(1, docs.Length).Select(i => (long)i).ToArray()), Strings("text", docs)).Status);
    }

    private SearchResults Search(string collection, Highlighter highlighter, int limit, params string[] texts)
    {
        var request = new SearchRequest
        {
            CollectionName = collection, DslType = DslType.BoolExprV1, Highlighter = highlighter,
            PlaceholderGroup = Placeholder(PlaceholderType.VarChar, texts.Select(ByteString.CopyFromUtf8).ToArray()),
            SearchParams =
            {
                new KeyValuePair { Key = "topk", Value = limit.ToString() }, new KeyValuePair { Key = "anns_field", Value = "sparse" },
                new KeyValuePair { Key = "metric_type", Value = "BM25" },
            },
            OutputFields = { "text" },
        };
        return _h.Client.Search(request);
    }

    private static Highlighter Lexical(params (string Key, string Value)[] parameters)
    {
        var highlighter = new Highlighter { Type = HighlightType.Lexical };
        foreach (var (key, value) in parameters) highlighter.Params.Add(new KeyValuePair { Key = key, Value = value });
        return highlighter;
    }

    private static readonly (string, string)[] Braces = [("pre_tags", "[\"{\"]"), ("post_tags", "[\"}\"]"), ("highlight_search_text", "True")];

    private static string[][] Fragments(SearchResults reply, string field = "text")
    {
        Ok(reply.Status);
        var result = Assert.Single(reply.Results.HighlightResults);
        Assert.Equal(field, result.FieldName);
        Assert.All(result.Datas, d => Assert.Empty(d.Scores));
        return result.Datas.Select(d => d.Fragments.ToArray()).ToArray();
    }

    [Fact]
    public void Search_terms_are_highlighted_from_the_first_match_for_fragment_size_characters()
    {
        CreateLoaded("guide", GuideDocs);
        var reply = Search("guide", Lexical(Braces), 10, "test");
        Assert.Equal([1L, 2L, 3L, 4L], reply.Results.Ids.IntId.Data);
        Assert.Equal(
        [
            ["{test} doc"], ["{test} doc"],
            ["{test} doc. Milvus is an open-source vector database built for GenAI applications."],
            ["{test} doc. Milvus is an open-source vector database that suits AI applications of every size from run"],
        ], Fragments(reply));
    }

    [Fact]
    public void Highlight_query_terms_are_highlighted_with_the_search_terms()
    {
        CreateLoaded("guide", GuideDocs);
        var query = ("highlight_query", "[{\"type\": \"TextMatch\", \"field\": \"text\", \"text\": \"my doc\"}]");
        var reply = Search("guide", Lexical([.. Braces, query]), 10, "test");
        Assert.Equal(
        [
            ["{my} first {test} {doc}"], ["{my} second {test} {doc}"],
            ["{my} first {test} {doc}. Milvus is an open-source vector database built for GenAI applications."],
            ["{my} second {test} {doc}. Milvus is an open-source vector database that suits AI applications of every siz"],
        ], Fragments(reply));
    }

    [Fact]
    public void Fragment_offset_keeps_leading_context_and_each_query_highlights_its_own_text()
    {
        CreateLoaded("guide", GuideDocs);
        var shaped = Search("guide", Lexical([.. Braces, ("fragment_offset", "20"), ("fragment_size", "60")]), 10, "Milvus");
        Assert.Equal([3L, 4L], shaped.Results.Ids.IntId.Data);
        Assert.Equal(
        [
            ["my first test doc. {Milvus} is an open-source vector database "],
            ["my second test doc. {Milvus} is an open-source vector database"],
        ], Fragments(shaped));

        var twoQueries = Search("guide", Lexical(Braces), 2, "test", "Milvus");
        Assert.Equal([2L, 2L], twoQueries.Results.Topks);
        Assert.Equal(
        [
            ["{test} doc"], ["{test} doc"],
            ["{Milvus} is an open-source vector database built for GenAI applications."],
            ["{Milvus} is an open-source vector database that suits AI applications of every size from running a dem"],
        ], Fragments(twoQueries));
    }

    [Fact]
    public void Matches_past_a_fragment_start_new_fragments_up_to_num_of_fragments()
    {
        CreateLoaded("frags", "fox jumps over the lazy dog and then the red fox sleeps near another fox");
        var shape = new[] { ("fragment_offset", "4"), ("fragment_size", "10") };
        Assert.Equal([["{fox} jumps ", "red {fox} sl", "her {fox}"]], Fragments(Search("frags", Lexical([.. Braces, .. shape]), 10, "fox")));
        Assert.Equal([["{fox} jumps ", "red {fox} sl"]],
            Fragments(Search("frags", Lexical([.. Braces, .. shape, ("num_of_fragments", "2")]), 10, "fox")));
        Assert.Equal([Array.Empty<string>()], Fragments(Search("frags", Lexical([.. Braces, ("num_of_fragments", "0")]), 10, "fox")));
    }

    [Fact]
    public void Tags_rotate_by_match_and_default_to_em_and_offsets_count_code_points()
    {
        CreateLoaded("tags", "my first test doc", "😀 fox");
        var query = ("highlight_query", "[{\"type\": \"TextMatch\", \"field\": \"text\", \"text\": \"my doc\"}]");
        var rotating = Lexical(("pre_tags", "[\"<b>\", \"<i>\"]"), ("post_tags", "[\"</b>\", \"</i>\"]"), ("highlight_search_text", "true"), query);
        Assert.Equal([["<b>my</b> first <i>test</i> <b>doc</b>"]], Fragments(Search("tags", rotating, 10, "test")));
        Assert.Equal([["<em>fox</em>"]], Fragments(Search("tags", Lexical(("highlight_search_text", "true")), 10, "fox")));
        // "😀" is one code point (two UTF-16 units): one character of leading context is the space before "fox".
        Assert.Equal([[" <em>fox</em>"]],
            Fragments(Search("tags", Lexical(("highlight_search_text", "true"), ("fragment_offset", "1"), ("fragment_size", "3")), 10, "fox")));
    }

    [Fact]
    public void Without_highlight_search_text_or_queries_nothing_is_highlighted()
    {
        CreateLoaded("none", GuideDocs);
        var reply = Search("none", Lexical(), 10, "test");
        Ok(reply.Status);
        Assert.Empty(reply.Results.HighlightResults);
        var withoutHighlighter = _h.Search("none", Placeholder(PlaceholderType.VarChar, ByteString.CopyFromUtf8("test")), 10, annsField: "sparse",
            extra: ("metric_type", "BM25"));
        Ok(withoutHighlighter.Status);
        Assert.Empty(withoutHighlighter.Results.HighlightResults);
    }

    [Fact]
    public void Invalid_highlighters_get_milvus_errors()
    {
        CreateLoaded("bad", GuideDocs);
        Fails(Search("bad", Lexical(("fragment_size", "0")), 10, "test").Status, 1100, "invalid fragment_size: 0: invalid parameter");
        Fails(Search("bad", Lexical(("num_of_fragments", "-1")), 10, "test").Status, 1100, "invalid num_of_fragments: -1: invalid parameter");
        Fails(Search("bad", Lexical(("fragment_offset", "x")), 10, "test").Status, 1100, "invalid fragment_offset: x: invalid parameter");
        Fails(Search("bad", Lexical(("pre_tags", "[]")), 10, "test").Status, 1100, "pre_tags cannot be empty list: invalid parameter");
        Fails(Search("bad", Lexical(("highlight_query", "[{\"type\": \"TextMatch\", \"field\": \"nope\", \"text\": \"a\"}]")), 10, "test").Status,
            1100, "highlight field not found in schema: nope: invalid parameter");
        Fails(Search("bad", Lexical(("highlight_query", "[{\"type\": \"Phrase\", \"field\": \"text\", \"text\": \"a\"}]")), 10, "test").Status,
            1100, "unmarshal highlight queries failed: invalid highlight query type: Phrase: invalid parameter");
        Fails(Search("bad", Lexical(("highlight_query", "[{\"type\": \"TextMatch\", \"field\": \"text\"}]")), 10, "test").Status,
            1100, "unmarshal highlight queries failed: must set `text` in query: invalid parameter");
        Fails(Search("bad", new Highlighter { Type = HighlightType.Semantic }, 10, "test").Status,
            3000, "unsupported operation[semantic highlighter]: not supported by the Milvus local engine");
    }
}

public sealed class InProcessHighlighterTests() : HighlighterTests(EngineTransport.InProcess);

public sealed class KestrelHighlighterTests() : HighlighterTests(EngineTransport.Kestrel);
