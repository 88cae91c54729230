using Milvus.Local.Analysis;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Analysis;

/// <summary>
/// Tokenizer and filter details beyond the docs' examples, with the expectations Tantivy's definitions give
/// (SimpleTokenizer = Rust char::is_alphanumeric runs, LowerCaser = per-character lowercase, RemoveLongFilter in
/// UTF-8 bytes, SplitCompoundWords leftmost-longest, positions kept through filters).
/// </summary>
public sealed class AnalyzerBehaviourTests
{
    private static string[] Tokens(string parameters, string text) =>
        AnalyzerFactory.Create(parameters).Analyze(text).Select(t => t.Text).ToArray();

    [Theory]
    // Letter numbers, other numbers and Other_Alphabetic symbols are alphanumeric; a virama (Mn, not Alphabetic) splits; emoji and _ separate.
    [InlineData("""{"tokenizer": "standard"}""", "ⅫⅩ ²½ ⒶⒷ हिन्दी snake_case 👩‍🔬 x",
        new[] { "ⅫⅩ", "²½", "ⒶⒷ", "हिन", "दी", "snake", "case", "x" })]
    [InlineData("""{"tokenizer": "standard"}""", "éclair Straße Ελληνικά русский 日本語 32.3 dog's",
        new[] { "éclair", "Straße", "Ελληνικά", "русский", "日本語", "32", "3", "dog", "s" })]
    // No final-sigma rule; İ lowercases to i + combining dot.
    [InlineData("""{"tokenizer": "standard", "filter": ["lowercase"]}""", "ΣΟΦΟΣ İSTANBUL", new[] { "σοφοσ", "i\u0307stanbul" })]
    [InlineData("""{"tokenizer": "standard", "filter": ["asciifolding"]}""", "Æsir straße ﬁne Øre", new[] { "AEsir", "strasse", "fine", "Ore" })]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "length", "max": 6}]}""", "日本 日本語 abcdef abcdefg", new[] { "日本", "abcdef" })]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "decompounder", "word_list": ["a", "ab", "abc", "c"]}]}""", "abcab abx",
        new[] { "abc", "ab", "abx" })]
    [InlineData("""{"tokenizer": "whitespace"}""", "a\u00A0b  c\td\n", new[] { "a", "b", "c", "d" })]
    [InlineData("""{"tokenizer": "whitespace", "filter": ["removepunct"]}""", "can't stop, now", new[] { "now" })]
    [InlineData("""{"tokenizer": "whitespace", "filter": ["alphanumonly"]}""", "abc ab1 über x-y", new[] { "abc", "ab1" })]
    [InlineData("""{"tokenizer": "standard", "filter": ["lowercase", {"type": "stop", "stop_words": ["_french_"]}]}""", "Le chat et la souris",
        new[] { "chat", "souris" })]
    [InlineData("""{"tokenizer": "standard", "filter": ["lowercase", {"type": "stemmer", "language": "German"}]}""", "Häuser", new[] { "haus" })]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "stemmer", "language": "russian"}]}""", "книги", new[] { "книг" })]
    [InlineData("""{"type": "standard", "stop_words": ["_english_", "milvus"]}""", "The Milvus engine", new[] { "engine" })]
    [InlineData("""{"type": "english", "stop_words": ["vector"]}""", "Vectors of a database", new[] { "databas" })]
    public void Tokens_follow_Tantivy_definitions(string parameters, string text, string[] expected) =>
        Assert.Equal(expected, Tokens(parameters, text));

    [Fact]
    public void Filters_keep_the_positions_and_offsets_of_the_tokens_they_keep()
    {
        var tokens = AnalyzerFactory.Create("""{"type": "english"}""").Analyze("The runners were running");
        Assert.Equal([("runner", 1, 4, 11), ("were", 2, 12, 16), ("run", 3, 17, 24)],
            tokens.Select(t => (t.Text, t.Position, t.StartOffset, t.EndOffset)));
    }

    [Fact]
    public void Icu_positions_count_characters_and_cover_every_segment()
    {
        var tokens = AnalyzerFactory.Create("""{"tokenizer": "icu"}""").Analyze("Hello 世界 مرحبا");
        Assert.Equal([("Hello", 0, 5), (" ", 5, 1), ("世界", 6, 2), (" ", 8, 1), ("مرحبا", 9, 5)],
            tokens.Select(t => (t.Text, t.Position, t.PositionLength)));
    }

    [Fact]
    public void Offsets_convert_to_the_utf8_bytes_Milvus_reports()
    {
        const string text = "naïve 😀 日本";
        var tokens = AnalyzerFactory.Create("""{"tokenizer": "whitespace"}""").Analyze(text);
        Assert.Equal([(0L, 6L), (7L, 11L), (12L, 18L)], tokens.Select(t => t.Utf8Offsets(text)));
    }

    private static FieldSchema Field(string key, string value) =>
        new() { Name = "text", DataType = DataType.VarChar, TypeParams = { new Milvus.Protocol.Common.KeyValuePair { Key = key, Value = value } } };

    [Fact]
    public void Multi_language_analyzers_pick_by_name_or_alias_and_fall_back_to_default()
    {
        var field = FieldAnalyzer.For(Field("multi_analyzer_params",
            """{"by_field": "lang", "analyzers": {"english": {"type": "english"}, "chinese": {"type": "chinese"}, "default": {"tokenizer": "icu"}}, "alias": {"cn": "chinese", "en": "english"}}"""));
        Assert.True(field.IsMulti);
        Assert.Equal("lang", field.ByField);
        Assert.Equal(["run", "dog"], field.Analyze("Running dogs", "en").Select(t => t.Text));
        Assert.Equal(["run", "dog"], field.Analyze("Running dogs", "english").Select(t => t.Text));
        Assert.Equal(["机器", "学习"], field.Analyze("机器学习", "cn").Select(t => t.Text));
        Assert.Equal(["Running", " ", "dogs"], field.Analyze("Running dogs", "fr").Select(t => t.Text));
        Assert.Equal(["Running", " ", "dogs"], field.Analyze("Running dogs").Select(t => t.Text));
        Assert.Same(field, FieldAnalyzer.For(Field("multi_analyzer_params",
            """{"by_field": "lang", "analyzers": {"english": {"type": "english"}, "chinese": {"type": "chinese"}, "default": {"tokenizer": "icu"}}, "alias": {"cn": "chinese", "en": "english"}}""")));
    }

    [Theory]
    [InlineData("""{"analyzers": {"default": {}}}""", "multi analyzer params now must set by_field to specify with field decide analyzer", null)]
    [InlineData("""{"by_field": 1, "analyzers": {"default": {}}}""", "multi analyzer params by_field must be string but now: 1", null)]
    [InlineData("""{"by_field": "lang", "alias": {"a": 1}, "analyzers": {"default": {}}}""", "multi analyzer alias must be string map but now: {\"a\": 1}", null)]
    [InlineData("""{"by_field": "lang"}""", "multi analyzer params must set analyzers ", null)]
    [InlineData("""{"by_field": "lang", "analyzers": {"en": {"type": "english"}}}""", "multi analyzer must set default analyzer for all unknown value", null)]
    [InlineData("""{"by_field": "lang", "analyzers": {"default": {}, "bad": {"tokenizer": "nope"}}}""", "unsupported tokenizer: nope", "bad")]
    public void Invalid_multi_analyzer_params_give_Milvus_messages(string json, string message, string? analyzer)
    {
        var error = Assert.Throws<AnalyzerException>(() => FieldAnalyzer.For(Field("multi_analyzer_params", json)));
        Assert.Equal(message, error.Message);
        Assert.Equal(analyzer, error.AnalyzerName);
    }

    [Fact]
    public void Phrase_slop_is_the_smallest_range_of_shifted_positions()
    {
        var standard = AnalyzerFactory.Standard;
        long? Slop(string query, string text) => PhraseSlop.Minimum(standard.Analyze(query), standard.Analyze(text));
        Assert.Equal(0, Slop("A B A", "A B A"));
        Assert.Equal(1, Slop("A C", "A B C"));
        Assert.Equal(2, Slop("A B", "B A"));
        Assert.Equal(0, Slop("", "anything"));
        Assert.Null(Slop("hello world", "hello there"));
    }
}
