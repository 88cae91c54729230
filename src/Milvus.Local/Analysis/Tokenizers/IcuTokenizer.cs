using ICU4N.Text;

namespace Milvus.Local.Analysis.Tokenizers;

/// <summary>
/// Milvus's "icu" tokenizer: every segment between ICU word boundaries becomes a token, spaces and
/// punctuation included; a token's position is its start in characters (code points), its position
/// length its length in characters.
/// </summary>
internal sealed class IcuTokenizer : ITokenizer
{
    public static readonly IcuTokenizer Instance = new();

    public IEnumerable<AnalyzerToken> Tokenize(string text)
    {
        var tokens = new List<AnalyzerToken>();
        if (text.Length == 0) return tokens;
        // BreakIterator is stateful, so each call takes its own.
        var breaks = BreakIterator.GetWordInstance(System.Globalization.CultureInfo.InvariantCulture);
        breaks.SetText(text);
        var start = breaks.First();
        var position = 0;
        for (var end = breaks.Next(); end != BreakIterator.Done; start = end, end = breaks.Next())
        {
            if (end == start) continue;
            var length = UnicodeClasses.CodePointCount(text.AsSpan(start, end - start));
            tokens.Add(new AnalyzerToken(text[start..end], start, end, position, length));
            position += length;
        }
        return tokens;
    }
}
