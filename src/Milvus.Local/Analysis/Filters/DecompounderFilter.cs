namespace Milvus.Local.Analysis.Filters;

/// <summary>
/// "decompounder" (Tantivy's SplitCompoundWords): a token that is entirely a sequence of dictionary words
/// (leftmost-longest matching) is replaced by those words, each with the token's offsets and position;
/// any other token is kept whole.
/// </summary>
internal sealed class DecompounderFilter(IReadOnlyList<string> words) : ITokenFilter
{
    private readonly string[] _words = words.Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    public IEnumerable<AnalyzerToken> Apply(IEnumerable<AnalyzerToken> tokens)
    {
        foreach (var token in tokens)
        {
            var parts = Split(token.Text);
            if (parts is null) { yield return token; continue; }
            foreach (var part in parts) yield return token with { Text = part };
        }
    }

    private List<string>? Split(string text)
    {
        var parts = new List<string>();
        var position = 0;
        while (position < text.Length)
        {
            // Leftmost-longest: the longest dictionary word starting exactly where the previous one ended.
            string? longest = null;
            foreach (var word in _words)
                if ((longest is null || word.Length > longest.Length) && string.CompareOrdinal(text, position, word, 0, word.Length) == 0 && position + word.Length <= text.Length)
                    longest = word;
            if (longest is null) return null;
            parts.Add(longest);
            position += longest.Length;
        }
        return parts.Count == 0 ? null : parts;
    }
}
