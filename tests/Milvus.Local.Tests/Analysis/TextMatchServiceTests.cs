using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Analysis;

/// <summary>text_match and phrase_match through the gRPC service, answered by the field's analyzer and inverted index.</summary>
public sealed class TextMatchServiceTests
{
    private static FieldSchema TextField(string name, params (string Key, string Value)[] extra)
    {
        var field = VarChar(name, 512);
        foreach (var (key, value) in extra) field.TypeParams.Add(new KeyValuePair { Key = key, Value = value });
        return field;
    }

    private static readonly (string, string) Analyzer = ("enable_analyzer", "true");
    private static readonly (string, string) Match = ("enable_match", "true");

    private static long[] Ids(LocalEngineHarness h, string collection, string filter)
    {
        var result = h.Query(collection, filter, ["id"]);
        Ok(result.Status);
        return result.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data.Order().ToArray();
    }

    private static LocalEngineHarness WithDocs(EngineTransport transport, FieldSchema text, params string[] docs)
    {
        var h = new LocalEngineHarness(transport);
        Ok(h.CreateCollection("docs", Int64Pk(), Vector("v", DataType.FloatVector, 2), text));
        var ids = Enumerable.Range(1, docs.Length).Select(i => (long)i).ToArray();
        Ok(h.Insert("docs", Longs("id", ids), FloatVectors("v", 2, docs.Select(_ => new float[] { 1, 0 }).ToArray()), Strings(text.Name, docs)).Status);
        h.IndexAndLoad("docs", "v", "L2");
        return h;
    }

    // The dataset and results of Milvus 2.6's phrase-match.md.
    private static readonly string[] TechArticles =
    [
        "Machine learning boosts efficiency in large-scale data analysis",
        "Learning a machine-based approach is vital for modern AI progress",
        "Deep learning machine architectures optimize computational loads",
        "Machine swiftly improves model performance for ongoing learning",
        "Learning advanced machine algorithms expands AI capabilities",
    ];

    [Theory]
    [InlineData(EngineTransport.InProcess)]
    [InlineData(EngineTransport.Kestrel)]
    public void Phrase_match_returns_the_documented_rows_for_each_slop(EngineTransport transport)
    {
        using var h = WithDocs(transport, TextField("text", Analyzer, Match), TechArticles);
        Assert.Equal([1L], Ids(h, "docs", "PHRASE_MATCH(text, 'machine learning')"));
        Assert.Equal([2L, 3, 5], Ids(h, "docs", "PHRASE_MATCH(text, 'learning machine', 1)"));
        Assert.Equal([1L, 3], Ids(h, "docs", "PHRASE_MATCH(text, 'machine learning', 2)"));
        Assert.Equal([1L, 2, 3, 5], Ids(h, "docs", "PHRASE_MATCH(text, 'machine learning', 3)"));
        Assert.Equal([1L, 2, 3, 4, 5], Ids(h, "docs", "PHRASE_MATCH(text, 'machine learning', 6)"));
        Assert.Equal([1L, 2, 3, 4], Ids(h, "docs", "not PHRASE_MATCH(text, 'machine learning', 5) or id < 4"));
    }

    [Fact]
    public void Text_match_is_an_or_of_the_analyzed_query_tokens()
    {
        using var h = WithDocs(EngineTransport.InProcess, TextField("text", Analyzer, Match), TechArticles);
        Assert.Equal([1L, 2, 3, 4, 5], Ids(h, "docs", "TEXT_MATCH(text, 'MACHINE')"));
        Assert.Equal([2L, 5], Ids(h, "docs", "text_match(text, 'AI, please')"));
        Assert.Equal([1L, 3], Ids(h, "docs", "text_match(text, 'deep data')"));
        Assert.Equal([4L], Ids(h, "docs", "text_match(text, 'swiftly model ongoing', minimum_should_match=3)"));
        Assert.Equal([2L, 5], Ids(h, "docs", "text_match(text, 'ai modern capabilities', minimum_should_match=2)"));
        Assert.Empty(Ids(h, "docs", "text_match(text, '!!! ...')"));
        Assert.Equal([1L, 2, 3, 4, 5], Ids(h, "docs", "not text_match(text, '!!! ...')"));
    }

    [Fact]
    public void Matching_uses_the_fields_analyzer_english_stems_and_drops_stop_words()
    {
        using var h = WithDocs(EngineTransport.InProcess, TextField("text", Analyzer, Match, ("analyzer_params", """{"type": "english"}""")),
            "The runners were running fast", "A runner runs", "Quick brown foxes", "the and of");
        Assert.Equal([1L, 2], Ids(h, "docs", "text_match(text, 'run')"));
        Assert.Equal([3L], Ids(h, "docs", "text_match(text, 'fox')"));
        Assert.Empty(Ids(h, "docs", "text_match(text, 'the')"));
        // Stop words keep their positions: "runners were running" is runner(1) were(2) run(3).
        Assert.Equal([1L], Ids(h, "docs", "phrase_match(text, 'runners were running')"));
        Assert.Equal([3L], Ids(h, "docs", "phrase_match(text, 'brown fox')"));
    }

    [Fact]
    public void Chinese_text_matches_by_jieba_words()
    {
        using var h = WithDocs(EngineTransport.InProcess, TextField("text", Analyzer, Match, ("analyzer_params", """{"type": "chinese"}""")),
            "确保数据隐私安全", "确保数据用户隐私安全", "确保隐私数据安全", "数据很重要", "机器学习是人工智能的一个分支");
        Assert.Equal([1L, 2, 3, 4], Ids(h, "docs", "text_match(text, '数据')"));
        Assert.Equal([5L], Ids(h, "docs", "text_match(text, '人工智能')"));
        Assert.Equal([1L], Ids(h, "docs", "phrase_match(text, '数据隐私')"));
        Assert.Equal([1L, 2, 3], Ids(h, "docs", "phrase_match(text, '数据隐私', 4)"));
    }

    [Fact]
    public void Match_needs_enable_match_and_the_analyzer_enabled()
    {
        using var h = WithDocs(EngineTransport.InProcess, TextField("text", Analyzer), "a b");
        Fails(h.Query("docs", "text_match(text, 'a')").Status, 1100,
            "failed to create query plan: cannot parse expression: text_match(text, 'a'), error: field \"text\" does not enable match: invalid parameter");
        using var other = new LocalEngineHarness();
        Fails(other.CreateCollection("bad", Int64Pk(), Vector("v", DataType.FloatVector, 2), TextField("text", Match)), 65535,
            "field text which has enable_match or is input of BM25 function must also enable_analyzer");
    }

    [Fact]
    public void Create_collection_rejects_invalid_analyzer_params_with_Milvus_messages()
    {
        using var h = new LocalEngineHarness();
        Fails(h.CreateCollection("bad", Int64Pk(), Vector("v", DataType.FloatVector, 2),
                TextField("text", Analyzer, Match, ("analyzer_params", """{"tokenizer": "standard", "filter": ["upper"]}"""))), 1100,
            "validate analyzer failed for field: text, error: build analyzer failed, filter not found :upper: invalid parameter");
        Fails(h.CreateCollection("bad", Int64Pk(), Vector("v", DataType.FloatVector, 2),
                TextField("text", Analyzer, Match, ("multi_analyzer_params", """{"by_field": "lang", "analyzers": {"default": {}}}"""))), 65535,
            "multi analyzer now only support for bm25, but now field text enable match");
        // Without enable_match (and no BM25 function) Milvus does not look at the params at all.
        Ok(h.CreateCollection("lenient", Int64Pk(), Vector("v", DataType.FloatVector, 2),
            TextField("text", Analyzer, ("analyzer_params", """{"tokenizer": "nope"}"""))));
    }
}
