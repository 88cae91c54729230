using Milvus.Local.Analysis;

namespace Milvus.Local.Tests.Analysis;

/// <summary>Invalid analyzer_params give tantivy-binding's messages (analyzer.rs, tokenizer.rs, filter.rs, jieba_tokenizer.rs).</summary>
public sealed class AnalyzerParamsErrorTests
{
    [Theory]
    [InlineData("[1]", "params should be a json map")]
    [InlineData("""{"type": 1}""", "analyzer type shoud be string")]
    [InlineData("""{"type": "french"}""", "unknown build-in analyzer type: french")]
    [InlineData("""{"type": "standard", "stop_words": "a"}""", "filter stop_words should be array")]
    [InlineData("""{"type": "english", "stop_words": [1]}""", "filter stop_words list item should be string")]
    [InlineData("""{"filter": ["lowercase"]}""", "tokenizer name or type must be set")]
    [InlineData("""{"tokenizer": 1}""", "tokenizer name should be string or dict")]
    [InlineData("""{"tokenizer": {"mode": "exact"}}""", "costum tokenizer must set type")]
    [InlineData("""{"tokenizer": {"type": 2}}""", "tokenizer type should be string")]
    [InlineData("""{"tokenizer": "nope"}""", "unsupported tokenizer: nope")]
    [InlineData("""{"tokenizer": "lindera"}""", "lindera tokenizer must be costum")]
    [InlineData("""{"tokenizer": "standard", "other": 1}""", "unknown analyzer option key: other")]
    [InlineData("""{"tokenizer": "standard", "filter": "lowercase"}""", "filter params should be array")]
    [InlineData("""{"tokenizer": "standard", "filter": ["upper"]}""", "build analyzer failed, filter not found :upper")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"max": 3}]}""", "no type field in filter params")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": 3}]}""", "filter type should be string")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "synonym_x"}]}""", "unsupport filter type: synonym_x")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "length"}]}""", "lenth max param was none or not uint")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "length", "max": -1}]}""", "lenth max param was none or not uint")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "stop"}]}""", "stop filter stop_words can't be empty")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "stop", "stop_words": "_english_"}]}""", "stop_words filter should be array")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "decompounder", "word_list": "a"}]}""", "decompounder word list should be array")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "decompounder", "word_list": [1]}]}""", "decompounder word list item should be string")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "stemmer"}]}""", "stemmer language field should be string")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "stemmer", "language": "Klingon"}]}""", "create stemmer failed : unsupport language: klingon")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "regex"}]}""", "must set expr for regex filter")]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "regex", "expr": 1}]}""", "expr must be string")]
    [InlineData("""{"tokenizer": {"type": "jieba", "dict": "x"}}""", "jieba tokenizer dict must be array")]
    [InlineData("""{"tokenizer": {"type": "jieba", "dict": [1]}}""", "jieba tokenizer dict item must be string")]
    [InlineData("""{"tokenizer": {"type": "jieba", "mode": 1}}""", "jieba tokenizer mode must be string")]
    [InlineData("""{"tokenizer": {"type": "jieba", "mode": "full"}}""", "jieba tokenizer mode must be \"exact\" or \"search\"")]
    [InlineData("""{"tokenizer": {"type": "jieba", "hmm": "yes"}}""", "jieba tokenizer mode must be boolean")]
    public void Invalid_params_throw_Milvus_message(string parameters, string message) =>
        Assert.Equal(message, Assert.Throws<AnalyzerException>(() => AnalyzerFactory.Create(parameters)).Message);

    [Fact]
    public void Invalid_regex_names_the_expression()
    {
        var error = Assert.Throws<AnalyzerException>(() => AnalyzerFactory.Create("""{"tokenizer": "standard", "filter": [{"type": "regex", "expr": "("}]}"""));
        Assert.StartsWith("regex expression invalid, expr:(, err: ", error.Message);
    }

    [Theory]
    [InlineData("""{"tokenizer": {"type": "lindera", "dict_kind": "ipadic"}}""", "tokenizer lindera is not supported by the Milvus local engine")]
    public void What_the_engine_cannot_do_says_so(string parameters, string message) =>
        Assert.Equal(message, Assert.Throws<AnalyzerException>(() => AnalyzerFactory.Create(parameters)).Message);

    [Fact]
    public void Empty_params_are_the_standard_analyzer()
    {
        Assert.Same(AnalyzerFactory.Standard, AnalyzerFactory.Create(""));
        Assert.Same(AnalyzerFactory.Standard, AnalyzerFactory.Create("{}"));
        Assert.Equal(["hello", "world"], AnalyzerFactory.Create(null).Analyze("Hello, WORLD").Select(t => t.Text));
    }
}
