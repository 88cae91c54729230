using System.Text;

namespace Milvus.Local.Expressions;

/// <summary>
/// A small stand-in for Milvus's "standard" analyzer: splits on anything that is not a letter or digit
/// and lower-cases, keeping token positions for phrase matching.
/// </summary>
internal static class StandardTokenizer
{
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch)) { current.Append(char.ToLowerInvariant(ch)); continue; }
            if (current.Length > 0) { tokens.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }
}

/// <summary><c>text_match(f, "a b")</c>: a row matches when it holds at least <c>minimum_should_match</c> (default 1) of the query's tokens.</summary>
internal sealed class TextMatchPredicate(ColumnRef column, string query, int minimumShouldMatch) : ColumnPredicate(column)
{
    private readonly string[] _tokens = StandardTokenizer.Tokenize(query).Distinct(StringComparer.Ordinal).ToArray();

    protected override bool Matches(Dyn value)
    {
        if (value.Kind != DynKind.String || _tokens.Length == 0) return false;
        var rowTokens = new HashSet<string>(StandardTokenizer.Tokenize(value.String!), StringComparer.Ordinal);
        var hits = _tokens.Count(rowTokens.Contains);
        return hits >= Math.Max(1, minimumShouldMatch);
    }
}

/// <summary><c>phrase_match(f, "a b", slop)</c>: the phrase's tokens appear in order with at most <c>slop</c> extra tokens between them in total.</summary>
internal sealed class PhraseMatchPredicate(ColumnRef column, string phrase, long slop) : ColumnPredicate(column)
{
    private readonly List<string> _tokens = StandardTokenizer.Tokenize(phrase);

    protected override bool Matches(Dyn value)
    {
        if (value.Kind != DynKind.String || _tokens.Count == 0) return false;
        var row = StandardTokenizer.Tokenize(value.String!);
        for (var start = 0; start < row.Count; start++)
        {
            if (row[start] != _tokens[0]) continue;
            // Taking each next token at its earliest position minimises the total gap, so greedy is exact.
            var position = start;
            var matched = 1;
            while (matched < _tokens.Count)
            {
                var p = row.IndexOf(_tokens[matched], position + 1);
                if (p < 0) break;
                position = p;
                matched++;
            }
            if (matched == _tokens.Count && position - start - (_tokens.Count - 1) <= slop) return true;
        }
        return false;
    }
}
