using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Local.Expressions;
using Milvus.Local.Indexes;

namespace Milvus.Local.Search;

/// <summary>A hit of an element-level search: the score, where the row is, and the offset of the struct element.</summary>
internal readonly record struct ElementHit(float Score, int View, int Row, int Element);

/// <summary>
/// Milvus 3.0's element-level search: a vector sub-field of an ARRAY of STRUCT searched with a plain metric (L2, IP,
/// COSINE, HAMMING, JACCARD rather than MAX_SIM*) scores every struct element on its own, so an entity can be hit
/// once per element; an element_filter in the search filter limits which elements take part. A sealed segment whose
/// HNSW graph over the elements is built answers a plain top-k from the graph (<see cref="EmbListHnswIndex.NearestElements"/>),
/// as the planner allows for any index; every other segment is scanned exactly. Best first, ties in storage order.
/// </summary>
internal static class ElementLevelSearch
{
    public static List<ElementHit>[] Run(IReadOnlyList<SegmentView> views, IReadOnlyList<RowMask> masks, FilterExpression? filter,
        SearchParameters p, IReadOnlyList<QueryVector> queries, Func<Segment, ISegmentIndex?> indexOf, CancellationToken cancellationToken)
    {
        var fieldId = p.Field.FieldID;
        var candidates = new List<(int View, int Row, int Element)>();
        var indexed = new List<(int View, EmbListHnswIndex Index, long[][]? Offsets)>();
        for (var v = 0; v < views.Count; v++)
        {
            if (views[v].Segment.Column(fieldId) is not VectorArrayColumn lists) continue;
            var allowedElements = filter is { IsElementLevel: true } ? filter.ElementOffsets(views[v]) : null;
            if (SearchPlanner.IndexFor(views[v], masks[v], p, p.Iterator is not null, indexOf) is EmbListHnswIndex graph)
            {
                indexed.Add((v, graph, allowedElements));
                continue;
            }
            for (var row = 0; row < lists.Length; row++)
            {
                if (!masks[v].Allows(row) || lists.IsNull(row)) continue;
                if (allowedElements is not null)
                    foreach (var element in allowedElements[row]) candidates.Add((v, row, (int)element));
                else
                    for (var element = 0; element < lists.Values[row].Length; element++) candidates.Add((v, row, element));
            }
        }
        var better = Comparer<float>.Create((a, b) => p.Metric.Better(a, b) ? -1 : p.Metric.Better(b, a) ? 1 : 0);
        return [.. queries.Select(query =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scorer = new VectorScorer(query, p.Metric);
            var hits = candidates.Select(c => new ElementHit(
                scorer.Score(((VectorArrayColumn)views[c.View].Segment.Column(fieldId)!).Values[c.Row], c.Element), c.View, c.Row, c.Element)).ToList();
            foreach (var (view, graph, offsets) in indexed)
                hits.AddRange(graph.NearestElements(query, p.TopK + p.Offset, masks[view], offsets, p.IndexOptions, view));
            return hits.OrderBy(h => h.Score, better).ThenBy(h => h.View).ThenBy(h => h.Row).ThenBy(h => h.Element).ToList();
        })];
    }
}
