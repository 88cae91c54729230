using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Local.Indexes;

namespace Milvus.Local.Search;

/// <summary>
/// Vector search over the snapshot's segments: segments with a built index (see <see cref="SearchPlanner"/>) are
/// searched through it, the others exactly: their rows are split into blocks that run in parallel, each worker (at most
/// one per core) keeping one bounded top-k per query across the blocks it takes. All partial results are then merged per query.
/// </summary>
internal static class SearchExecutor
{
    /// <summary>Rows per block: the workers claim blocks one at a time, so they finish within about one block of each other.</summary>
    private const int BlockRows = 2048;

    /// <summary>Up to this many index searches (segments x queries) run on the calling thread.</summary>
    private const int InlineIndexSearches = 4;

    /// <param name="masks">Per view: rows that may be returned (not deleted, passing the filter).</param>
    /// <param name="keep">Hits kept per query (offset + limit, or every row for group-by).</param>
    /// <param name="order">How hits rank (score, then position or primary key).</param>
    /// <param name="cursor">For a search iterator's later pages: only hits ranked after it are returned.</param>
    /// <param name="indexOf">The built index of a segment for the searched field, if any.</param>
    public static List<Hit>[] Run(SegmentView[] views, RowMask[] masks, SearchParameters p, IReadOnlyList<QueryVector> queries, int keep,
        HitOrder order, IteratorCursor? cursor, Func<Segment, ISegmentIndex?> indexOf, CancellationToken cancellationToken)
    {
        var paging = cursor is not null || p.Iterator is not null;
        var indexes = new ISegmentIndex?[views.Length];
        var blocks = new List<(int View, int Start, int End)>();
        var indexed = new List<(int View, int Query)>();
        for (var v = 0; v < views.Length; v++)
        {
            indexes[v] = SearchPlanner.IndexFor(views[v], masks[v], p, paging, indexOf);
            if (indexes[v] is null)
                for (var start = 0; start < views[v].RowCount; start += BlockRows)
                    blocks.Add((v, start, Math.Min(start + BlockRows, views[v].RowCount)));
            else
                for (var q = 0; q < queries.Count; q++) indexed.Add((v, q));
        }
        var indexHits = new List<Hit>[indexed.Count];
        // A few graph walks take tens of microseconds: handing them to the thread pool costs about as much, and
        // concurrent callers keep the cores busy anyway, so they run on the calling thread.
        if (blocks.Count == 0 && indexed.Count <= InlineIndexSearches)
        {
            for (var i = 0; i < indexed.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (v, q) = indexed[i];
                indexHits[i] = SearchIndex(indexes[v]!, queries[q], keep, masks[v], p, v);
            }
            return MergeIndexHits(queries.Count, indexed, indexHits, keep, order);
        }
        using var batch = PrepareBatch(views, blocks, p, queries, order, cursor);
        // One worker per core, each taking the next task until none is left (so both cores finish together), and each
        // keeping one top-k per query across every block it takes: a heap fills once per worker instead of once per
        // block, and the merge sees one heap per worker and query.
        var tasks = blocks.Count + indexed.Count;
        var workers = new Worker[Math.Min(Environment.ProcessorCount, tasks)];
        for (var w = 0; w < workers.Length; w++) workers[w] = new Worker(queries.Count, keep, order, batch);
        var next = -1;
        Parallel.For(0, workers.Length, new ParallelOptions { CancellationToken = cancellationToken }, w =>
        {
            int task;
            while (!cancellationToken.IsCancellationRequested && (task = Interlocked.Increment(ref next)) < tasks)
            {
                if (task < blocks.Count) ScanBlock(views, masks, p, queries, order, cursor, blocks[task], workers[w]);
                else
                {
                    var (v, q) = indexed[task - blocks.Count];
                    indexHits[task - blocks.Count] = SearchIndex(indexes[v]!, queries[q], keep, masks[v], p, v);
                }
            }
        });
        cancellationToken.ThrowIfCancellationRequested();
        return blocks.Count == 0 ? MergeIndexHits(queries.Count, indexed, indexHits, keep, order) : Merge(queries.Count, [.. workers.Where(w => w.Scanned).Select(w => w.Heaps)], indexed, indexHits, keep, order);
    }

    /// <summary>
    /// The batched scan's shared part (queries packed once per request, the bounds its workers share), when the scanned
    /// field's blocks take that path; null otherwise.
    /// </summary>
    private static BatchedDenseScan.Request? PrepareBatch(SegmentView[] views, List<(int View, int Start, int End)> blocks, SearchParameters p,
        IReadOnlyList<QueryVector> queries, HitOrder order, IteratorCursor? cursor)
    {
        var column = blocks.Select(b => views[b.View].Segment.Column(p.Field.FieldID)).FirstOrDefault(c => c is not null);
        return DenseBlockScan.Applies(column, p.Metric) && BatchedDenseScan.Applies(queries.Count, ((DenseVectorColumn)column!).Dim)
            ? BatchedDenseScan.Request.Prepare(((DenseVectorColumn)column).Dim, queries, p, order, cursor, new SharedBounds(queries.Count, p.Metric))
            : null;
    }

    /// <summary>One worker's state for the exact scan: its heaps (one per query) and, on the batched path, its lanes over them.</summary>
    private sealed class Worker
    {
        private readonly BatchedDenseScan.Request? _batch;
        private readonly int _queries;
        private readonly int _keep;
        private readonly HitOrder _order;
        private TopK[]? _heaps;
        private BatchedDenseScan.Lanes? _lanes;

        public Worker(int queries, int keep, HitOrder order, BatchedDenseScan.Request? batch)
        {
            _queries = queries;
            _keep = keep;
            _order = order;
            _batch = batch;
        }

        /// <summary>True once the worker has scanned a block (a worker that only ran index searches has no heaps).</summary>
        public bool Scanned => _heaps is not null;

        public TopK[] Heaps => _heaps ??= CreateHeaps();

        /// <summary>The batched scan's per-worker lanes over <see cref="Heaps"/>; null when the request does not take that path.</summary>
        public BatchedDenseScan.Lanes? Lanes => _batch is null ? null : _lanes ??= new BatchedDenseScan.Lanes(_batch, Heaps);

        private TopK[] CreateHeaps()
        {
            var heaps = new TopK[_queries];
            for (var q = 0; q < heaps.Length; q++) heaps[q] = new TopK(_keep, _order);
            return heaps;
        }
    }

    /// <summary>
    /// Every segment went through its index: each query's hits (at most <paramref name="keep"/> per segment) are sorted
    /// once and cut to <paramref name="keep"/>, which is what a bounded heap of them would hold (the order is total), without
    /// the heap. With one segment the index's own list is reused.
    /// </summary>
    internal static List<Hit>[] MergeIndexHits(int queries, List<(int View, int Query)> indexed, List<Hit>[] indexHits, int keep, HitOrder order)
    {
        var merged = new List<Hit>?[queries];
        for (var i = 0; i < indexed.Count; i++)
        {
            var q = indexed[i].Query;
            if (merged[q] is null) merged[q] = indexHits[i];
            else merged[q]!.AddRange(indexHits[i]);
        }
        var sorted = new List<Hit>[queries];
        for (var q = 0; q < queries; q++)
        {
            var hits = merged[q] ?? [];
            hits.Sort(order.Compare);
            if (hits.Count > keep) hits.RemoveRange(keep, hits.Count - keep);
            sorted[q] = hits;
        }
        return sorted;
    }

    /// <summary>Each query's best <paramref name="keep"/> hits of the scan's per-worker heaps and the index searches, best first.</summary>
    internal static List<Hit>[] Merge(int queries, TopK[][] blocks, List<(int View, int Query)> indexed, List<Hit>[] indexHits, int keep, HitOrder order)
    {
        var totals = new TopK[queries];
        for (var q = 0; q < queries; q++)
        {
            // The first worker's heap takes the others' hits (the heaps are the executor's own, used once).
            totals[q] = blocks.Length > 0 ? blocks[0][q] : new TopK(keep, order);
            for (var b = 1; b < blocks.Length; b++) totals[q].Merge(blocks[b][q]);
        }
        for (var i = 0; i < indexed.Count; i++)
            foreach (var hit in indexHits[i]) totals[indexed[i].Query].Offer(hit);
        var merged = new List<Hit>[queries];
        for (var q = 0; q < queries; q++) merged[q] = totals[q].Sorted();
        return merged;
    }

    /// <summary>One query's hits from one segment's built index, as hits of view <paramref name="view"/>.</summary>
    private static List<Hit> SearchIndex(ISegmentIndex index, QueryVector query, int keep, RowMask mask, SearchParameters p, int view)
    {
        if (index is SparseInvertedIndex sparse)
            return sparse.Search(query.Sparse!.Value, query.Scorer ?? SparseScorer.InnerProduct, keep, mask).Select(h => h with { View = view }).ToList();
        if (index is IScoredIndex scored) return scored.Search(query, keep, mask, p.IndexOptions, view);
        var dense = (IVectorIndex)index;
        var found = dense.Search(dense.Space.PrepareReadOnly(query.Dense!), keep, mask, p.IndexOptions);
        var hits = new List<Hit>(found.Length);
        foreach (var c in found) hits.Add(new Hit(dense.Space.Score(c.Distance), view, c.Id));
        return hits;
    }

    private static void ScanBlock(SegmentView[] views, RowMask[] masks, SearchParameters p, IReadOnlyList<QueryVector> queries,
        HitOrder order, IteratorCursor? cursor, (int View, int Start, int End) block, Worker worker)
    {
        var (v, start, end) = block;
        var column = views[v].Segment.Column(p.Field.FieldID);
        var heaps = worker.Heaps;
        if (column is null) return;
        var allowed = masks[v];
        if (DenseBlockScan.Applies(column, p.Metric))
        {
            if (worker.Lanes is { } lanes) BatchedDenseScan.Run(lanes, (DenseVectorColumn)column, allowed, v, start, end);
            else DenseBlockScan.Run((DenseVectorColumn)column, queries, p, allowed, v, start, end, heaps, order, cursor);
            return;
        }
        var scorers = queries.Select(q => new VectorScorer(q, p.Metric)).ToArray();
        // A sparse row sharing no term with the query scores 0 and is no hit (knowhere's sparse search drops it).
        var dropZero = column is SparseVectorColumn;
        // Rows outer, queries inner: each row is read from memory once for all query vectors.
        for (var row = start; row < end; row++)
        {
            if (!allowed.Allows(row)) continue;
            for (var q = 0; q < scorers.Length; q++)
            {
                var score = scorers[q].Score(column, row);
                if (float.IsNaN(score) || !p.InRange(score) || (dropZero && score == 0)) continue;
                var hit = new Hit(score, v, row);
                if (cursor is null || order.IsAfter(hit, cursor)) heaps[q].Offer(hit);
            }
        }
    }
}
