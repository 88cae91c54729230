using Milvus.Local.Analysis;
using Milvus.Local.Columns;

namespace Milvus.Local.Expressions;

/// <summary>
/// A predicate answered from the column's inverted text index (<see cref="TextIndex"/>) built with the field's
/// analyzer, the way Milvus answers text and phrase match from its Tantivy index.
/// </summary>
internal abstract class TextIndexPredicate(ColumnRef column, Analyzer analyzer, string query) : Predicate
{
    public ColumnRef Column { get; } = column;

    /// <summary>The query's tokens under the field's analyzer.</summary>
    protected IReadOnlyList<AnalyzerToken> QueryTokens { get; } = analyzer.Analyze(query);

    public sealed override Truth Evaluate(EvalContext context)
    {
        var result = new bool[context.RowCount];
        // A segment written before the field existed has no column: every row is null (unknown).
        if (context.Column(Column.Name) is not StringColumn strings) return Truth.FromLeaf(result, new bool[context.RowCount]);
        if (QueryTokens.Count > 0) Match(TextIndex.For(strings, analyzer), result);
        return Truth.FromLeaf(result, strings.Validity);
    }

    protected abstract void Match(TextIndex index, bool[] result);
}

/// <summary><c>text_match(f, "a b")</c>: a row matches when it holds at least <c>minimum_should_match</c> (default 1) of the query's distinct tokens.</summary>
internal sealed class TextMatchPredicate(ColumnRef column, Analyzer analyzer, string query, int minimumShouldMatch)
    : TextIndexPredicate(column, analyzer, query)
{
    protected override void Match(TextIndex index, bool[] result)
    {
        var required = Math.Max(1, minimumShouldMatch);
        var hits = new int[result.Length];
        foreach (var term in QueryTokens.Select(t => t.Text).Distinct(StringComparer.Ordinal))
        {
            if (index.Find(term) is not { } posting) continue;
            foreach (var row in posting.Rows) hits[row]++;
        }
        for (var row = 0; row < result.Length; row++) result[row] = hits[row] >= required;
    }
}

/// <summary><c>phrase_match(f, "a b", slop)</c>: every query token occurs and the phrase's minimum slop (<see cref="PhraseSlop"/>) is at most <c>slop</c>.</summary>
internal sealed class PhraseMatchPredicate(ColumnRef column, Analyzer analyzer, string phrase, long slop)
    : TextIndexPredicate(column, analyzer, phrase)
{
    protected override void Match(TextIndex index, bool[] result)
    {
        var postings = new Dictionary<string, TextIndex.Posting>(StringComparer.Ordinal);
        foreach (var token in QueryTokens)
        {
            if (index.Find(token.Text) is not { } posting) return;
            postings[token.Text] = posting;
        }
        // Candidates: rows holding every query term (intersect starting from the rarest term).
        var ordered = postings.Values.OrderBy(p => p.Rows.Length).ToArray();
        IEnumerable<int> candidates = ordered[0].Rows;
        foreach (var posting in ordered.Skip(1)) candidates = candidates.Where(row => Array.BinarySearch(posting.Rows, row) >= 0);
        foreach (var row in candidates)
        {
            var rowSlop = PhraseSlop.Minimum(QueryTokens, term => postings[term].PositionsIn(row));
            result[row] = rowSlop is { } s && s <= slop;
        }
    }
}
