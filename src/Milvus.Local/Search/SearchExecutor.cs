using Milvus.Local.Data;

namespace Milvus.Local.Search;

/// <summary>
/// Exact (brute-force) vector search over the snapshot's segments: rows are split into blocks that run in
/// parallel, each keeping a bounded top-k per query; the blocks' heaps are then merged.
/// </summary>
internal static class SearchExecutor
{
    private const int BlockRows = 8192;

    /// <param name="eligible">Per view: rows that may be returned (not deleted, passing the filter).</param>
    /// <param name="keep">Hits kept per query (offset + limit, or every row for group-by).</param>
    /// <param name="order">How hits rank (score, then position or primary key).</param>
    /// <param name="cursor">For a search iterator's later pages: only hits ranked after it are returned.</param>
    public static List<Hit>[] Run(SegmentView[] views, bool[][] eligible, SearchParameters p, IReadOnlyList<QueryVector> queries, int keep,
        HitOrder order, IteratorCursor? cursor, CancellationToken cancellationToken)
    {
        var blocks = new List<(int View, int Start, int End)>();
        for (var v = 0; v < views.Length; v++)
            for (var start = 0; start < views[v].RowCount; start += BlockRows)
                blocks.Add((v, start, Math.Min(start + BlockRows, views[v].RowCount)));
        var results = new TopK[blocks.Count][];
        Parallel.For(0, blocks.Count, new ParallelOptions { CancellationToken = cancellationToken }, b =>
        {
            var (v, start, end) = blocks[b];
            var column = views[v].Segment.Column(p.Field.FieldID);
            var heaps = new TopK[queries.Count];
            var scorers = new VectorScorer[queries.Count];
            for (var q = 0; q < queries.Count; q++)
            {
                heaps[q] = new TopK(keep, order);
                scorers[q] = new VectorScorer(queries[q], p.Metric);
            }
            if (column is not null)
            {
                var allowed = eligible[v];
                // Rows outer, queries inner: each row is read from memory once for all query vectors.
                for (var row = start; row < end; row++)
                {
                    if (!allowed[row]) continue;
                    for (var q = 0; q < scorers.Length; q++)
                    {
                        var score = scorers[q].Score(column, row);
                        if (float.IsNaN(score) || !p.InRange(score)) continue;
                        var hit = new Hit(score, v, row);
                        if (cursor is null || order.IsAfter(hit, cursor)) heaps[q].Offer(hit);
                    }
                }
            }
            results[b] = heaps;
        });
        var merged = new List<Hit>[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            var total = new TopK(keep, order);
            foreach (var block in results) total.Merge(block[q]);
            merged[q] = total.Sorted();
        }
        return merged;
    }
}
