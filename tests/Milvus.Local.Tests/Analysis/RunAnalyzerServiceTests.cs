using Google.Protobuf;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Analysis;

/// <summary>RunAnalyzer and ComputePhraseMatchSlop through the gRPC service.</summary>
public sealed class RunAnalyzerServiceTests
{
    private static RunAnalyzerRequest Request(string analyzerParams, params string[] texts)
    {
        var request = new RunAnalyzerRequest { AnalyzerParams = analyzerParams };
        request.Placeholder.Add(texts.Select(ByteString.CopyFromUtf8));
        return request;
    }

    [Theory]
    [InlineData(EngineTransport.InProcess)]
    [InlineData(EngineTransport.Kestrel)]
    public void Tokens_with_detail_carry_utf8_byte_offsets_and_positions(EngineTransport transport)
    {
        using var h = new LocalEngineHarness(transport);
        var request = Request("""{"type": "standard", "stop_words": ["the"]}""", "The Café serves crème", "");
        request.WithDetail = true;
        var reply = h.Client.RunAnalyzer(request);
        Ok(reply.Status);
        Assert.Equal(2, reply.Results.Count);
        var tokens = reply.Results[0].Tokens;
        Assert.Equal(["café", "serves", "crème"], tokens.Select(t => t.Token));
        // "é" is two UTF-8 bytes: café is bytes 4..9, crème 17..23; "the" (position 0) was removed.
        Assert.Equal([(4L, 9L, 1L), (10L, 16L, 2L), (17L, 23L, 3L)], tokens.Select(t => (t.StartOffset, t.EndOffset, t.Position)));
        Assert.All(tokens, t => Assert.Equal(1, t.PositionLength));
        Assert.All(tokens, t => Assert.Equal(0u, t.Hash));
        Assert.Empty(reply.Results[1].Tokens);
    }

    [Fact]
    public void Hash_is_crc32_of_the_token_and_detail_is_off_by_default()
    {
        using var h = new LocalEngineHarness();
        var request = Request("", "Hello world");
        request.WithHash = true;
        var reply = h.Client.RunAnalyzer(request);
        Ok(reply.Status);
        var tokens = reply.Results.Single().Tokens;
        Assert.Equal(["hello", "world"], tokens.Select(t => t.Token));
        Assert.Equal([907060870u, 980881731u], tokens.Select(t => t.Hash));
        Assert.All(tokens, t => Assert.Equal((0L, 0L, 0L), (t.StartOffset, t.EndOffset, t.Position)));
    }

    [Fact]
    public void Jieba_positions_are_character_starts()
    {
        using var h = new LocalEngineHarness();
        var request = Request("""{"tokenizer": "jieba"}""", "人工智能");
        request.WithDetail = true;
        var tokens = h.Client.RunAnalyzer(request).Results.Single().Tokens;
        Assert.Equal([("人工", 0L, 0L, 6L, 2L), ("智能", 2L, 6L, 12L, 2L), ("人工智能", 0L, 0L, 12L, 4L)],
            tokens.Select(t => (t.Token, t.Position, t.StartOffset, t.EndOffset, t.PositionLength)));
    }

    [Fact]
    public void Invalid_params_fail_with_the_analyzer_error()
    {
        using var h = new LocalEngineHarness();
        Fails(h.Client.RunAnalyzer(Request("""{"tokenizer": "nope"}""", "x")).Status, 1100,
            "failed to create analyzer, C Runtime Exception: unsupported tokenizer: nope: invalid parameter");
    }

    [Fact]
    public void A_collection_fields_analyzer_is_used_and_multi_language_fields_pick_by_name()
    {
        using var h = new LocalEngineHarness();
        var english = VarChar("en", 256);
        english.TypeParams.Add(new KeyValuePair { Key = "enable_analyzer", Value = "true" });
        english.TypeParams.Add(new KeyValuePair { Key = "analyzer_params", Value = """{"type": "english"}""" });
        var multi = VarChar("multi", 256);
        multi.TypeParams.Add(new KeyValuePair { Key = "enable_analyzer", Value = "true" });
        multi.TypeParams.Add(new KeyValuePair
        {
            Key = "multi_analyzer_params",
            Value = """{"by_field": "lang", "analyzers": {"english": {"type": "english"}, "default": {"tokenizer": "whitespace"}}, "alias": {"en": "english"}}""",
        });
        Ok(h.CreateCollection("docs", Int64Pk(), Vector("v", DataType.FloatVector, 2), english, multi, VarChar("lang", 16), VarChar("plain", 16)));

        RunAnalyzerRequest ByField(string field, params string[] names)
        {
            var request = Request("", "Running Dogs", "Running Dogs");
            request.CollectionName = "docs";
            request.FieldName = field;
            request.AnalyzerNames.Add(names);
            return request;
        }

        var byField = h.Client.RunAnalyzer(ByField("en"));
        Ok(byField.Status);
        Assert.Equal(["run", "dog"], byField.Results[0].Tokens.Select(t => t.Token));
        var perText = h.Client.RunAnalyzer(ByField("multi", "en", "unknown"));
        Ok(perText.Status);
        Assert.Equal(["run", "dog"], perText.Results[0].Tokens.Select(t => t.Token));
        Assert.Equal(["Running", "Dogs"], perText.Results[1].Tokens.Select(t => t.Token));
        var oneName = h.Client.RunAnalyzer(ByField("multi", "english"));
        Assert.Equal(["run", "dog"], oneName.Results[1].Tokens.Select(t => t.Token));

        Fails(h.Client.RunAnalyzer(ByField("multi")).Status, 1101, "analyzer names must be set for multi analyzer: missing parameter");
        Fails(h.Client.RunAnalyzer(ByField("missing")).Status, 1700, "field not found[field=missing]");
        var plainId = h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "docs" }).Schema.Fields.Single(f => f.Name == "plain").FieldID;
        Fails(h.Client.RunAnalyzer(ByField("plain")).Status, 1100,
            $"analyzer runner for field {plainId} not exist, now only support run analyzer by field if field was bm25/minhash input field: invalid parameter");
    }

    [Fact]
    public void Phrase_slop_is_the_smallest_that_matches_as_in_Milvus_example()
    {
        using var h = new LocalEngineHarness();
        // Milvus's examples/compute_phrase_match_slop.py.
        var request = new ComputePhraseMatchSlopRequest
        {
            AnalyzerParams = """{"tokenizer": "standard"}""", QueryText = "data privacy",
            DataTexts = { "Ensure data privacy now.", "Ensure data user privacy now.", "Ensure privacy data now.", "Ensure privacy user data now.", "Data is important." },
        };
        var reply = h.Client.ComputePhraseMatchSlop(request);
        Ok(reply.Status);
        Assert.Equal([true, true, true, true, false], reply.IsMatch);
        Assert.Equal([0L, 1, 2, 3, -1], reply.Slops);

        // tantivy-binding's unit tests: 10 words of padding, reordered phrase; jieba; repeated terms.
        var padded = h.Client.ComputePhraseMatchSlop(new ComputePhraseMatchSlopRequest
        {
            AnalyzerParams = """{"type": "standard"}""", QueryText = "I like swimming and skiing",
            DataTexts = { string.Concat(Enumerable.Repeat("x ", 10)) + "Skiing and swimming are sports that I like the most.", "A B A" },
        });
        Assert.Equal([10L, -1], padded.Slops);
        Assert.Equal([8L], h.Client.ComputePhraseMatchSlop(new ComputePhraseMatchSlopRequest
        {
            AnalyzerParams = """{"tokenizer": "jieba"}""", QueryText = "中文 测试", DataTexts = { "测试 的 中文" },
        }).Slops);
        Assert.Equal([0L, 1], h.Client.ComputePhraseMatchSlop(new ComputePhraseMatchSlopRequest
        {
            AnalyzerParams = """{"type": "standard"}""", QueryText = "A B", DataTexts = { "A C D E B F G A B", "A C B" },
        }).Slops);

        // Unusable params fail every text; an empty query or no texts give an empty answer.
        var bad = h.Client.ComputePhraseMatchSlop(new ComputePhraseMatchSlopRequest { AnalyzerParams = "", QueryText = "a", DataTexts = { "a" } });
        Assert.Equal([false], bad.IsMatch);
        Assert.Equal([-1L], bad.Slops);
        var empty = h.Client.ComputePhraseMatchSlop(new ComputePhraseMatchSlopRequest { AnalyzerParams = "{}", QueryText = "", DataTexts = { "a" } });
        Ok(empty.Status);
        Assert.Empty(empty.IsMatch);
    }
}
