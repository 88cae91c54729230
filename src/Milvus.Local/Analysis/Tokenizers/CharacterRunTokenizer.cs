using System.Text;

namespace Milvus.Local.Analysis.Tokenizers;

/// <summary>
/// Tokens are the maximal runs of characters (code points) a predicate accepts; positions count tokens. Milvus's
/// "standard" tokenizer is Tantivy's SimpleTokenizer (runs of Rust <c>char::is_alphanumeric</c>, not UAX#29 words)
/// and its "whitespace" tokenizer Tantivy's WhitespaceTokenizer (runs of non-whitespace).
/// </summary>
internal sealed class CharacterRunTokenizer(Func<Rune, bool> isTokenCharacter) : ITokenizer
{
    public static readonly CharacterRunTokenizer Standard = new(UnicodeClasses.IsAlphanumeric);

    public static readonly CharacterRunTokenizer Whitespace = new(rune => !Rune.IsWhiteSpace(rune));

    public IEnumerable<AnalyzerToken> Tokenize(string text)
    {
        var position = 0;
        var start = -1;
        var index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            var inToken = isTokenCharacter(rune);
            if (inToken && start < 0) start = index;
            else if (!inToken && start >= 0)
            {
                yield return new AnalyzerToken(text[start..index], start, index, position++);
                start = -1;
            }
            index += consumed;
        }
        if (start >= 0) yield return new AnalyzerToken(text[start..], start, text.Length, position);
    }
}
