using Milvus.Local.Analysis;
using Milvus.Local.Analysis.Tokenizers.Jieba;

namespace Milvus.Local.Tests.Analysis;

/// <summary>
/// The jieba port gives jieba-rs 0.7's results: these are jieba-rs's own unit tests (lib.rs, hmm.rs) with their
/// expected words, plus Milvus's custom-dictionary tokenizer (tantivy-binding's jieba_tokenizer.rs and the docs).
/// </summary>
public sealed class JiebaSegmenterTests
{
    private static readonly JiebaSegmenter Default = new(JiebaDictionary.Default);

    [Theory]
    [InlineData("abc网球拍卖会def", false, new[] { "abc", "网球", "拍卖会", "def" })]
    [InlineData("abc网球拍卖会def！！？\r\n\t", false, new[] { "abc", "网球", "拍卖会", "def", "！", "！", "？", "\r\n", "\t" })]
    [InlineData("我们中出了一个叛徒", false, new[] { "我们", "中", "出", "了", "一个", "叛徒" })]
    [InlineData("我们中出了一个叛徒", true, new[] { "我们", "中出", "了", "一个", "叛徒" })]
    [InlineData("我们中出了一个叛徒👪", true, new[] { "我们", "中出", "了", "一个", "叛徒", "👪" })]
    [InlineData("我来到北京清华大学", true, new[] { "我", "来到", "北京", "清华大学" })]
    [InlineData("他来到了网易杭研大厦", true, new[] { "他", "来到", "了", "网易", "杭研", "大厦" })]
    [InlineData("小明硕士毕业于中国科学院计算所", true, new[] { "小明", "硕士", "毕业", "于", "中国科学院", "计算所" })]
    public void Cut_gives_jieba_rs_words(string text, bool hmm, string[] expected) =>
        Assert.Equal(expected, Default.Cut(text, hmm));

    [Fact]
    public void Search_mode_adds_dictionary_grams_before_the_word()
    {
        Assert.Equal(["南京", "京市", "南京市", "长江", "大桥", "长江大桥"], Words(Default.Tokenize("南京市长江大桥", searchMode: true, hmm: true)));
        Assert.Equal(
            ["小明", "硕士", "毕业", "于", "中国", "科学", "学院", "科学院", "中国科学院", "计算", "计算所", "，", "后", "在", "日本", "京都", "大学", "日本京都大学", "深造"],
            Words(Default.Tokenize("小明硕士毕业于中国科学院计算所，后在日本京都大学深造", searchMode: true, hmm: true)));
        Assert.Equal([new("南京市", 0, 3), new("长江大桥", 3, 7)], Default.Tokenize("南京市长江大桥", searchMode: false, hmm: false));
        Assert.Equal(
            [new("南京", 0, 2), new("京市", 1, 3), new("南京市", 0, 3), new("长江", 3, 5), new("大桥", 5, 7), new("长江大桥", 3, 7)],
            Default.Tokenize("南京市长江大桥", searchMode: true, hmm: false));
    }

    [Fact]
    public void Suggested_frequencies_are_jiebas()
    {
        // jieba-rs test_suggest_freq: "These values were calculated by original Jieba".
        var segmenter = new JiebaSegmenter(JiebaDictionary.Default.Copy());
        Assert.Equal(348, segmenter.Dictionary.SuggestFrequency("中出", segmenter));
        Assert.Equal(1263, segmenter.Dictionary.SuggestFrequency("出了", segmenter));
    }

    [Fact]
    public void Added_words_join_and_stay_in_their_own_dictionary()
    {
        var dictionary = JiebaDictionary.Default.Copy();
        var segmenter = new JiebaSegmenter(dictionary);
        dictionary.AddWord("中出", segmenter);
        Assert.Equal(["我们", "中出", "了", "一个", "叛徒"], segmenter.Cut("我们中出了一个叛徒", hmm: false));
        Assert.Equal(["我们", "中", "出", "了", "一个", "叛徒"], Default.Cut("我们中出了一个叛徒", hmm: false));
    }

    [Fact]
    public void An_empty_dictionary_with_words_cuts_with_them_alone()
    {
        // jieba-rs test_cut_dag_no_hmm_against_string_with_sip and test_add_custom_word_with_underscrore, words added
        // with suggested frequencies as Milvus adds them.
        var tokenizer = AnalyzerFactory.Create("""{"tokenizer": {"type": "jieba", "dict": ["䶴䶵𦡦", "讥䶯䶰䶱䶲䶳"], "mode": "exact", "hmm": false}}""");
        Assert.Equal(["讥䶯䶰䶱䶲䶳", "䶴䶵𦡦"], tokenizer.Analyze("讥䶯䶰䶱䶲䶳䶴䶵𦡦").Select(t => t.Text));
        var underscore = AnalyzerFactory.Create("""{"tokenizer": {"type": "jieba", "dict": ["田-女士"], "mode": "exact", "hmm": false}}""");
        Assert.Equal(["市", "民", "田-女士", "急", "匆", "匆"], underscore.Analyze("市民田-女士急匆匆").Select(t => t.Text));
    }

    [Fact]
    public void Milvus_custom_dictionary_example()
    {
        // tantivy-binding's test_jieba_tokenizer_with_dict and the Jieba tokenizer page of Milvus's docs.
        var analyzer = AnalyzerFactory.Create("""{"tokenizer": {"type": "jieba", "dict": ["结巴分词器"], "mode": "exact", "hmm": false}}""");
        Assert.Equal(["milvus", "结巴分词器", "中", "文", "测", "试"], analyzer.Analyze("milvus结巴分词器中文测试").Select(t => t.Text));
        var withDefault = AnalyzerFactory.Create("""{"tokenizer": {"type": "jieba", "dict": ["_default_", "结巴分词器", ""], "mode": "exact", "hmm": false}}""");
        Assert.Equal(["milvus", "结巴分词器", "中文", "测试"], withDefault.Analyze("milvus结巴分词器中文测试").Select(t => t.Text));
        var token = withDefault.Analyze("milvus结巴分词器中文测试").ElementAt(1);
        Assert.Equal((6, 11, 6, 5), (token.StartOffset, token.EndOffset, token.Position, token.PositionLength));
    }

    [Theory]
    [InlineData("""{"tokenizer": {"type": "jieba", "dict": ["_default_", "_default_"]}}""", "jieba tokenizer dict can only set one system dict")]
    [InlineData("""{"tokenizer": {"type": "jieba", "dict": ["_extend_default_"]}}""", "jieba tokenizer system dict _extend_default_ is not supported by the Milvus local engine")]
    [InlineData("""{"tokenizer": {"type": "jieba", "extra_dict_file": {"type": "remote", "resource_name": "d", "file_name": "d.txt"}}}""", "jieba tokenizer extra_dict_file is not supported by the Milvus local engine")]
    public void Dictionary_options_errors(string parameters, string message) =>
        Assert.Equal(message, Assert.Throws<AnalyzerException>(() => AnalyzerFactory.Create(parameters)).Message);

    private static string[] Words(IEnumerable<JiebaSegmenter.Token> tokens) => tokens.Select(t => t.Word).ToArray();
}
