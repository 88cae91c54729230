using System.Text;

namespace Milvus.Local.Analysis.Tokenizers;

/// <summary>
/// Milvus's "standard" tokenizer, Tantivy's SimpleTokenizer: a token is a maximal run of alphanumeric
/// characters (Rust's <c>char::is_alphanumeric</c>); everything else separates. Positions count tokens.
/// </summary>
internal sealed class StandardTokenizer : ITokenizer
{
    public static readonly StandardTokenizer Instance = new();

    public IEnumerable<AnalyzerToken> Tokenize(string text)
    {
        var position = 0;
        var start = -1;
        var index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            var alphanumeric = UnicodeClasses.IsAlphanumeric(rune);
            if (alphanumeric && start < 0) start = index;
            else if (!alphanumeric && start >= 0)
            {
                yield return new AnalyzerToken(text[start..index], start, index, position++);
                start = -1;
            }
            index += consumed;
        }
        if (start >= 0) yield return new AnalyzerToken(text[start..], start, text.Length, position);
    }
}
