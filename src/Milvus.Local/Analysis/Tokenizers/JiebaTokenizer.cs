using JiebaNet.Segmenter;

namespace Milvus.Local.Analysis.Tokenizers;

/// <summary>
/// Milvus's "jieba" tokenizer (jieba-rs) through jieba.NET, the same algorithm and default dictionary:
/// mode "search" (default) adds the dictionary's 2- and 3-character words inside longer words before
/// the word itself; "exact" gives the plain cut. A token's position is its start in characters and its
/// position length its length in characters, as Milvus sets them.
/// </summary>
internal sealed class JiebaTokenizer(bool searchMode, bool hmm) : ITokenizer
{
    public static readonly JiebaTokenizer Default = new(searchMode: true, hmm: true);

    private static readonly Lazy<JiebaSegmenter> Segmenter = new(CreateSegmenter);

    public IEnumerable<AnalyzerToken> Tokenize(string text)
    {
        if (text.Length == 0) return [];
        var tokens = Segmenter.Value.Tokenize(text, searchMode ? TokenizerMode.Search : TokenizerMode.Default, hmm);
        var codePointIndex = CodePointIndexes(text);
        return tokens.Select(t => new AnalyzerToken(
            t.Word, t.StartIndex, t.EndIndex, codePointIndex[t.StartIndex], codePointIndex[t.EndIndex] - codePointIndex[t.StartIndex])).ToList();
    }

    /// <summary>For each UTF-16 index, the number of code points before it (jieba-rs counts characters, not UTF-16 units).</summary>
    private static int[] CodePointIndexes(string text)
    {
        var map = new int[text.Length + 1];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            map[i] = count;
            if (!(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))) count++;
        }
        map[text.Length] = count;
        return map;
    }

    private static JiebaSegmenter CreateSegmenter()
    {
        // jieba.NET resolves its files against a process-wide directory; point it at the copies shipped with this assembly.
        ConfigManager.ConfigFileBaseDir = Path.Combine(Path.GetDirectoryName(typeof(JiebaTokenizer).Assembly.Location)!, "jieba");
        return new JiebaSegmenter();
    }
}
