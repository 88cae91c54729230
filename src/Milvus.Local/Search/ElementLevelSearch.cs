using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Local.Expressions;

namespace Milvus.Local.Search;

/// <summary>A hit of an element-level search: the score, where the row is, and the offset of the struct element.</summary>
internal readonly record struct ElementHit(float Score, int View, int Row, int Element);

/// <summary>
/// Milvus 3.0's element-level search: a vector sub-field of an ARRAY of STRUCT searched with a plain metric (L2, IP,
/// COSINE, HAMMING, JACCARD rather than MAX_SIM*) scores every struct element on its own, so an entity can be hit
/// once per element; an element_filter in the search filter limits which elements take part. Exact (every element
/// of every candidate row is scored), best first, ties in storage order.
/// </summary>
internal static class ElementLevelSearch
{
    public static List<ElementHit>[] Run(IReadOnlyList<SegmentView> views, IReadOnlyList<RowMask> masks, FilterExpression? filter,
        long fieldId, Metric metric, IReadOnlyList<QueryVector> queries, CancellationToken cancellationToken)
    {
        var candidates = new List<(int View, int Row, int Element)>();
        for (var v = 0; v < views.Count; v++)
        {
            if (views[v].Segment.Column(fieldId) is not VectorArrayColumn lists) continue;
            var allowedElements = filter is { IsElementLevel: true } ? filter.ElementOffsets(views[v]) : null;
            for (var row = 0; row < lists.Length; row++)
            {
                if (!masks[v].Allows(row) || lists.IsNull(row)) continue;
                if (allowedElements is not null)
                    foreach (var element in allowedElements[row]) candidates.Add((v, row, (int)element));
                else
                    for (var element = 0; element < lists.Values[row].Length; element++) candidates.Add((v, row, element));
            }
        }
        return [.. queries.Select(query =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scorer = new VectorScorer(query, metric);
            var hits = candidates.Select(c => new ElementHit(
                scorer.Score(((VectorArrayColumn)views[c.View].Segment.Column(fieldId)!).Values[c.Row], c.Element), c.View, c.Row, c.Element)).ToList();
            // A stable sort keeps storage order among equal scores.
            return hits.OrderBy(h => h.Score, Comparer<float>.Create((a, b) => metric.Better(a, b) ? -1 : metric.Better(b, a) ? 1 : 0)).ToList();
        })];
    }
}
