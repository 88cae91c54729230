using Milvus.Local.Analysis.Tokenizers.Jieba;

namespace Milvus.Local.Analysis.Tokenizers;

/// <summary>
/// Milvus's "jieba" tokenizer (tantivy-binding's jieba_tokenizer.rs over jieba-rs): mode "search" (default) adds the
/// dictionary's 2- and 3-character words inside longer words before the word itself; "exact" gives the plain cut.
/// The dictionary is jieba's default one, extended by the <c>dict</c> words, or only those words when <c>dict</c>
/// does not name <c>_default_</c>. A token's position is its start in characters and its position length its length
/// in characters, as Milvus sets them.
/// </summary>
internal sealed class JiebaTokenizer(JiebaSegmenter? segmenter, bool searchMode, bool hmm) : ITokenizer
{
    private static readonly Lazy<JiebaSegmenter> DefaultSegmenter = new(() => new JiebaSegmenter(JiebaDictionary.Default));

    public static readonly JiebaTokenizer Default = new(searchMode: true, hmm: true);

    /// <summary>Over jieba's default dictionary, loaded on first use and shared.</summary>
    public JiebaTokenizer(bool searchMode, bool hmm) : this(null, searchMode, hmm) { }

    private JiebaSegmenter Segmenter => segmenter ?? DefaultSegmenter.Value;

    /// <summary>A tokenizer over the default dictionary (when <paramref name="useDefault"/>) or an empty one, plus <paramref name="words"/>, added as jieba-rs <c>add_word(word, None, None)</c> does.</summary>
    public static JiebaTokenizer WithWords(bool useDefault, IReadOnlyList<string> words, bool searchMode, bool hmm)
    {
        var dictionary = useDefault ? JiebaDictionary.Default.Copy() : JiebaDictionary.Empty();
        var custom = new JiebaSegmenter(dictionary);
        foreach (var word in words) dictionary.AddWord(word, custom);
        return new JiebaTokenizer(custom, searchMode, hmm);
    }

    public IEnumerable<AnalyzerToken> Tokenize(string text)
    {
        if (text.Length == 0) return [];
        var utf16Offsets = Utf16Offsets(text);
        return Segmenter.Tokenize(text, searchMode, hmm).Select(t => new AnalyzerToken(
            t.Word, utf16Offsets[t.Start], utf16Offsets[t.End], t.Start, t.End - t.Start)).ToList();
    }

    /// <summary>For each code point index, its UTF-16 offset (jieba counts characters, not UTF-16 units).</summary>
    private static int[] Utf16Offsets(string text)
    {
        var offsets = new List<int>(text.Length + 1);
        var offset = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            offsets.Add(offset);
            offset += rune.Utf16SequenceLength;
        }
        offsets.Add(offset);
        return offsets.ToArray();
    }
}
