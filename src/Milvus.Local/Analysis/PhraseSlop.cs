namespace Milvus.Local.Analysis;

/// <summary>
/// The smallest slop at which a phrase matches a text, Milvus's definition (tantivy-binding
/// <c>compute_phrase_match_slop</c>, which phrase_match's documented results follow): each query token's
/// positions in the text are shifted by (last query position − the token's query position); the slop is the
/// smallest range that holds one shifted position of every query token. In order and adjacent is 0, one
/// word inserted is 1, two words swapped is 2.
/// </summary>
public static class PhraseSlop
{
    /// <summary>The minimum slop, or null when a query token does not occur in the text; 0 for an empty query.</summary>
    public static long? Minimum(IReadOnlyList<AnalyzerToken> query, Func<string, IReadOnlyList<int>?> positionsOf)
    {
        if (query.Count == 0) return 0;
        var maxQueryPosition = query.Max(t => t.Position);
        var lists = new long[query.Count][];
        for (var i = 0; i < query.Count; i++)
        {
            var positions = positionsOf(query[i].Text);
            if (positions is null || positions.Count == 0) return null;
            var shift = maxQueryPosition - query[i].Position;
            var list = new long[positions.Count];
            for (var j = 0; j < list.Length; j++) list[j] = positions[j] + (long)shift;
            Array.Sort(list);
            lists[i] = list;
        }
        return SmallestRange(lists);
    }

    /// <summary>The minimum slop of <paramref name="query"/> against the tokens of a text.</summary>
    public static long? Minimum(IReadOnlyList<AnalyzerToken> query, IReadOnlyList<AnalyzerToken> text)
    {
        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var token in text)
        {
            if (!positions.TryGetValue(token.Text, out var list)) positions[token.Text] = list = [];
            list.Add(token.Position);
        }
        return Minimum(query, term => positions.GetValueOrDefault(term));
    }

    /// <summary>Smallest range covering one element of each sorted list (k-way merge with a min-heap).</summary>
    private static long SmallestRange(long[][] lists)
    {
        var heap = new PriorityQueue<(int List, int Index), long>();
        var currentMax = long.MinValue;
        for (var i = 0; i < lists.Length; i++)
        {
            heap.Enqueue((i, 0), lists[i][0]);
            currentMax = Math.Max(currentMax, lists[i][0]);
        }
        var best = long.MaxValue;
        while (heap.TryDequeue(out var node, out var value))
        {
            best = Math.Min(best, currentMax - value);
            if (best == 0) break;
            var next = node.Index + 1;
            if (next >= lists[node.List].Length) break;
            var nextValue = lists[node.List][next];
            currentMax = Math.Max(currentMax, nextValue);
            heap.Enqueue((node.List, next), nextValue);
        }
        return best;
    }
}
