using Milvus.Local.Columns;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>
/// knowhere's sparse inverted index (SPARSE_INVERTED_INDEX, SPARSE_WAND) over one sealed segment: a posting list
/// per term (rows ascending, with their values), each row's length for BM25, and per list the bounds that let
/// DAAT_MAXSCORE and DAAT_WAND skip rows that cannot enter the top k. BLOCK_MAX_MAXSCORE and BLOCK_MAX_WAND also
/// keep bounds per block of postings (block_max_block_size, 128 by default, as knowhere), so a row is pruned by the
/// bounds of the blocks it could be in rather than of whole lists. TAAT_NAIVE accumulates every list; SINDI
/// accumulates them window by window of rows (sindi_window_size), so the accumulator stays in cache.
/// Scores are computed by <see cref="SparseScorer"/> in ascending term order whatever the algorithm, and bounds
/// are exact (largest value, smallest row length) rather than knowhere's scaled estimates, so every algorithm
/// returns exactly what a brute-force scan returns. Rows that share no term with the query (score 0) are not hits.
/// </summary>
internal sealed class SparseInvertedIndex : ISegmentIndex
{
    public const string MaxScore = "DAAT_MAXSCORE";
    public const string Wand = "DAAT_WAND";
    public const string TaatNaive = "TAAT_NAIVE";
    public const string BlockMaxMaxScore = "BLOCK_MAX_MAXSCORE";
    public const string BlockMaxWand = "BLOCK_MAX_WAND";
    public const string Sindi = "SINDI";

    /// <summary>Milvus 3.0's inverted_index_algo values, in the order its proxy lists them.</summary>
    public static readonly string[] Algorithms = [TaatNaive, Wand, MaxScore, BlockMaxMaxScore, BlockMaxWand, Sindi];
    public const int DefaultBlockSize = 128;
    public const int DefaultWindowSize = 65536;
    private const int FormatVersion = 2;

    private readonly uint[] _terms;
    private readonly int[] _starts;
    private readonly int[] _rows;
    private readonly float[] _values;
    private readonly float[] _rowLengths;
    private readonly float[] _maxValue;
    private readonly float[] _minValue;
    private readonly float[] _minRowLength;
    private readonly PostingBlocks? _blocks;

    private SparseInvertedIndex(string indexType, string algorithm, int blockSize, uint[] terms, int[] starts, int[] rows, float[] values, float[] rowLengths)
    {
        IndexType = indexType;
        Algorithm = algorithm;
        BlockSize = blockSize;
        _terms = terms;
        _starts = starts;
        _rows = rows;
        _values = values;
        _rowLengths = rowLengths;
        _maxValue = new float[terms.Length];
        _minValue = new float[terms.Length];
        _minRowLength = new float[terms.Length];
        for (var t = 0; t < terms.Length; t++)
        {
            float max = float.MinValue, min = float.MaxValue, minLength = float.MaxValue;
            for (var i = starts[t]; i < starts[t + 1]; i++)
            {
                max = Math.Max(max, values[i]);
                min = Math.Min(min, values[i]);
                minLength = Math.Min(minLength, rowLengths[rows[i]]);
            }
            (_maxValue[t], _minValue[t], _minRowLength[t]) = (max, min, minLength);
        }
        if (algorithm is BlockMaxMaxScore or BlockMaxWand) _blocks = new PostingBlocks(blockSize, starts, rows, values, rowLengths);
    }

    public string IndexType { get; }

    /// <summary>inverted_index_algo: one of <see cref="Algorithms"/>.</summary>
    public string Algorithm { get; }

    /// <summary>Postings per block of the block-max algorithms; rows per window for SINDI.</summary>
    public int BlockSize { get; }

    public int RowCount => _rowLengths.Length;

    public static SparseInvertedIndex Build(string indexType, string algorithm, SparseVectorColumn column, int? blockSize = null)
    {
        var lengths = new float[column.Length];
        var postings = new Dictionary<uint, List<(int Row, float Value)>>();
        for (var row = 0; row < column.Length; row++)
        {
            var vector = column.Values[row];
            lengths[row] = SparseScorer.RowLength(vector);
            for (var i = 0; i < vector.Indices.Length; i++)
            {
                if (!postings.TryGetValue(vector.Indices[i], out var list)) postings[vector.Indices[i]] = list = [];
                list.Add((row, vector.Values[i]));
            }
        }
        var terms = postings.Keys.Order().ToArray();
        var starts = new int[terms.Length + 1];
        var rows = new int[postings.Values.Sum(l => l.Count)];
        var values = new float[rows.Length];
        var at = 0;
        for (var t = 0; t < terms.Length; t++)
        {
            starts[t] = at;
            foreach (var (row, value) in postings[terms[t]])
            {
                rows[at] = row;
                values[at++] = value;
            }
        }
        starts[terms.Length] = at;
        return new SparseInvertedIndex(indexType, algorithm, blockSize ?? DefaultBlockSizeOf(algorithm), terms, starts, rows, values, lengths);
    }

    private static int DefaultBlockSizeOf(string algorithm) => algorithm == Sindi ? DefaultWindowSize : DefaultBlockSize;

    /// <summary>The best <paramref name="k"/> rows for <paramref name="query"/> (terms ascending) among those <paramref name="mask"/> allows, best first.</summary>
    public List<Hit> Search(SparseRow query, SparseScorer scorer, int k, RowMask mask)
    {
        var top = new TopK(k, HitOrder.ByPosition(Metric.IP));
        var lists = new List<PostingCursor>();
        for (var i = 0; i < query.Indices.Length; i++)
        {
            var t = Array.BinarySearch(_terms, query.Indices[i]);
            if (t < 0) continue;
            var factor = scorer.QueryFactor(query.Values[i]);
            var bound = scorer.Bound(factor, _minValue[t], _maxValue[t], _minRowLength[t]);
            lists.Add(new PostingCursor(t, _starts[t], _starts[t + 1], factor, Inflate(bound), lists.Count));
        }
        if (lists.Count == 0 || k == 0) return top.Sorted();
        switch (Algorithm)
        {
            case TaatNaive: SearchTaat(lists, scorer, mask, top); break;
            case Wand or BlockMaxWand: SearchWand(lists, scorer, mask, top); break;
            case Sindi: SearchWindows(lists, scorer, mask, top); break;
            default: SearchMaxScore(lists, scorer, mask, top); break;
        }
        return top.Sorted();
    }

    /// <summary>Term at a time: every list accumulated into a score per row.</summary>
    private void SearchTaat(List<PostingCursor> lists, SparseScorer scorer, RowMask mask, TopK top)
    {
        var scores = new float[RowCount];
        foreach (var list in lists)
            for (var i = list.Start; i < list.End; i++)
                scores[_rows[i]] += scorer.Term(list.Factor, _values[i], _rowLengths[_rows[i]]);
        for (var row = 0; row < scores.Length; row++)
            if (scores[row] != 0 && mask.Allows(row)) top.Offer(new Hit(scores[row], 0, row));
    }

    /// <summary>
    /// SINDI: term at a time within fixed windows of rows, each window's scores accumulated in one small array (lists in
    /// ascending term order, as a brute-force scan sums them) and offered before the next window starts.
    /// </summary>
    private void SearchWindows(List<PostingCursor> lists, SparseScorer scorer, RowMask mask, TopK top)
    {
        var window = Math.Min(BlockSize, Math.Max(RowCount, 1));
        var scores = new float[window];
        for (var first = 0; first < RowCount; first += window)
        {
            var end = Math.Min(first + window, RowCount);
            foreach (var list in lists)
                for (; list.Valid && _rows[list.Position] < end; list.Position++)
                    scores[_rows[list.Position] - first] += scorer.Term(list.Factor, _values[list.Position], _rowLengths[_rows[list.Position]]);
            for (var row = first; row < end; row++)
            {
                if (scores[row - first] != 0 && mask.Allows(row)) top.Offer(new Hit(scores[row - first], 0, row));
                scores[row - first] = 0;
            }
        }
    }

    /// <summary>
    /// MaxScore: lists sorted by bound; those whose summed bounds cannot beat the k-th score are non-essential, so
    /// only rows of the essential lists are candidates, and a candidate stops as soon as its bound falls short.
    /// </summary>
    private void SearchMaxScore(List<PostingCursor> lists, SparseScorer scorer, RowMask mask, TopK top)
    {
        var byBound = lists.OrderBy(l => l.Bound).ToArray();
        var prefix = new float[byBound.Length + 1];
        for (var i = 0; i < byBound.Length; i++) prefix[i + 1] = prefix[i] + byBound[i].Bound;
        var contributions = new float[lists.Count];
        var blockReach = _blocks is null ? null : new float[byBound.Length + 1];
        var firstEssential = 0;
        while (true)
        {
            var threshold = Threshold(top);
            while (firstEssential < byBound.Length && prefix[firstEssential + 1] <= threshold) firstEssential++;
            if (firstEssential == byBound.Length) return;
            var row = int.MaxValue;
            for (var i = firstEssential; i < byBound.Length; i++) if (byBound[i].Valid) row = Math.Min(row, _rows[byBound[i].Position]);
            if (row == int.MaxValue) return;
            Array.Clear(contributions);
            float partial = 0;
            for (var i = firstEssential; i < byBound.Length; i++)
            {
                var list = byBound[i];
                if (!list.Valid || _rows[list.Position] != row) continue;
                partial += contributions[list.Order] = scorer.Term(list.Factor, _values[list.Position], _rowLengths[row]);
                list.Position++;
            }
            if (!mask.Allows(row)) continue;
            var reach = blockReach is null ? prefix : BlockPrefix(byBound, firstEssential, row, scorer, blockReach);
            var pruned = false;
            for (var i = firstEssential - 1; i >= 0; i--)
            {
                if (partial + reach[i + 1] <= threshold) { pruned = true; break; }
                var list = byBound[i];
                if (SeekTo(list, row)) partial += contributions[list.Order] = scorer.Term(list.Factor, _values[list.Position], _rowLengths[row]);
            }
            if (!pruned) OfferExact(row, contributions, top);
        }
    }

    /// <summary>
    /// BLOCK_MAX_MAXSCORE: for one candidate row, the running sums of the non-essential lists' bounds where each list
    /// counts only the bound of the block the row would be in (0 when the row falls between its blocks or past its end),
    /// written into <paramref name="reach"/> (one buffer per search, not one per candidate row).
    /// </summary>
    private float[] BlockPrefix(PostingCursor[] byBound, int count, int row, SparseScorer scorer, float[] reach)
    {
        for (var i = 0; i < count; i++)
        {
            var list = byBound[i];
            var block = _blocks!.Find(list.Term, list.Position, list.End, row);
            var bound = block >= 0 && _blocks.FirstRow(block, _rows) <= row ? _blocks.Bound(block, scorer, list.Factor) : 0;
            reach[i + 1] = reach[i] + Math.Min(bound, list.Bound);
        }
        return reach;
    }

    /// <summary>WAND: lists sorted by their current row; the pivot is the first row whose summed bounds can beat the k-th score.</summary>
    private void SearchWand(List<PostingCursor> lists, SparseScorer scorer, RowMask mask, TopK top)
    {
        var live = lists.ToList();
        var contributions = new float[lists.Count];
        while (true)
        {
            live.RemoveAll(l => !l.Valid);
            if (live.Count == 0) return;
            live.Sort((a, b) => _rows[a.Position].CompareTo(_rows[b.Position]));
            var threshold = Threshold(top);
            float reach = 0;
            var pivot = -1;
            for (var i = 0; i < live.Count; i++)
            {
                reach += live[i].Bound;
                if (reach > threshold) { pivot = i; break; }
            }
            if (pivot < 0) return;
            var row = _rows[live[pivot].Position];
            if (_blocks is not null && SkipByBlocks(live, pivot, row, threshold, scorer)) continue;
            if (_rows[live[0].Position] == row)
            {
                Array.Clear(contributions);
                foreach (var list in live.Where(l => _rows[l.Position] == row))
                {
                    contributions[list.Order] = scorer.Term(list.Factor, _values[list.Position], _rowLengths[row]);
                    list.Position++;
                }
                if (mask.Allows(row)) OfferExact(row, contributions, top);
            }
            else
                for (var i = 0; i < pivot; i++) SeekTo(live[i], row);
        }
    }

    /// <summary>
    /// BLOCK_MAX_WAND's shallow check: when the bounds of the blocks holding the pivot row in the lists up to the pivot
    /// (and any other list on that row) cannot beat the threshold, no row before the end of the first of those blocks
    /// (or the next list's row) can, so those lists move past it. True when they moved.
    /// </summary>
    private bool SkipByBlocks(List<PostingCursor> live, int pivot, int row, float threshold, SparseScorer scorer)
    {
        // Every list standing on the pivot row takes part, also those sorted after the pivot.
        var last = pivot;
        while (last + 1 < live.Count && _rows[live[last + 1].Position] == row) last++;
        float sum = 0;
        var next = last + 1 < live.Count ? _rows[live[last + 1].Position] : int.MaxValue;
        for (var i = 0; i <= last; i++)
        {
            var list = live[i];
            var block = _blocks!.Find(list.Term, list.Position, list.End, row);
            sum += Math.Min(_blocks.Bound(block, scorer, list.Factor), list.Bound);
            next = Math.Min(next, _blocks.LastRow(block) + 1);
        }
        if (sum > threshold) return false;
        next = Math.Max(next, row + 1);
        for (var i = 0; i <= last; i++) SeekTo(live[i], next);
        return true;
    }

    /// <summary>The score a row must beat: the k-th best so far (rows come in ascending order, so a tie never enters).</summary>
    private static float Threshold(TopK top) => top.Count < top.Capacity ? float.NegativeInfinity : top.Worst.Score;

    /// <summary>The row's score summed in ascending term order (as a brute-force scan sums it), offered to the top k.</summary>
    private static void OfferExact(int row, float[] contributions, TopK top)
    {
        float score = 0;
        foreach (var c in contributions) score += c;
        if (score != 0) top.Offer(new Hit(score, 0, row));
    }

    /// <summary>
    /// A bound never below 0 (a negative IP bound must not lower a sum of bounds), inflated a little so float rounding
    /// in a sum of bounds never prunes a row that would tie or win.
    /// </summary>
    private static float Inflate(float bound) => Math.Max(0, bound + Math.Abs(bound) * 1e-4f + 1e-6f);

    /// <summary>Moves the cursor to its first row at or after <paramref name="row"/>; true when it lands on it.</summary>
    private bool SeekTo(PostingCursor list, int row)
    {
        if (!list.Valid || _rows[list.Position] >= row) return list.Valid && _rows[list.Position] == row;
        var found = Array.BinarySearch(_rows, list.Position, list.End - list.Position, row);
        list.Position = found >= 0 ? found : ~found;
        return found >= 0;
    }

    private sealed class PostingCursor(int term, int start, int end, float factor, float bound, int order)
    {
        public int Term { get; } = term;
        public int Start { get; } = start;
        public int End { get; } = end;
        public float Factor { get; } = factor;
        public float Bound { get; } = bound;

        /// <summary>The list's place among the query's terms (ascending term order), where its contribution is summed.</summary>
        public int Order { get; } = order;

        public int Position { get; set; } = start;
        public bool Valid => Position < End;
    }

    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(FormatVersion);
            w.Write(IndexType);
            w.Write(Algorithm);
            w.Write(BlockSize);
            w.Write(_rowLengths.Length);
            w.Write(_terms.Length);
            w.Write(_rows.Length);
            foreach (var t in _terms) w.Write(t);
            foreach (var s in _starts) w.Write(s);
            foreach (var r in _rows) w.Write(r);
            foreach (var v in _values) w.Write(v);
            foreach (var l in _rowLengths) w.Write(l);
        }
        return stream.ToArray();
    }

    public static SparseInvertedIndex Load(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        var version = r.ReadInt32();
        if (version is not (1 or FormatVersion)) throw new InvalidDataException("unknown sparse index format");
        var indexType = r.ReadString();
        var algorithm = r.ReadString();
        var blockSize = version >= 2 ? r.ReadInt32() : DefaultBlockSizeOf(algorithm);
        var rowCount = r.ReadInt32();
        var termCount = r.ReadInt32();
        var postingCount = r.ReadInt32();
        var terms = new uint[termCount];
        for (var i = 0; i < termCount; i++) terms[i] = r.ReadUInt32();
        var starts = new int[termCount + 1];
        for (var i = 0; i <= termCount; i++) starts[i] = r.ReadInt32();
        var rows = new int[postingCount];
        for (var i = 0; i < postingCount; i++) rows[i] = r.ReadInt32();
        var values = new float[postingCount];
        for (var i = 0; i < postingCount; i++) values[i] = r.ReadSingle();
        var lengths = new float[rowCount];
        for (var i = 0; i < rowCount; i++) lengths[i] = r.ReadSingle();
        return new SparseInvertedIndex(indexType, algorithm, blockSize, terms, starts, rows, values, lengths);
    }

    /// <summary>
    /// The blocks of every posting list (<c>size</c> postings each, the last one shorter): for each, its last row and
    /// the extremes its bound is computed from, so that a block's bound is exact for any query factor and BM25 scorer.
    /// </summary>
    private sealed class PostingBlocks
    {
        private readonly int _size;
        private readonly int[] _firstBlock;
        private readonly int[] _start;
        private readonly int[] _lastRow;
        private readonly float[] _max, _min, _minLength;

        public PostingBlocks(int size, int[] starts, int[] rows, float[] values, float[] rowLengths)
        {
            _size = size;
            var terms = starts.Length - 1;
            _firstBlock = new int[terms + 1];
            for (var t = 0; t < terms; t++) _firstBlock[t + 1] = _firstBlock[t] + (starts[t + 1] - starts[t] + size - 1) / size;
            var count = _firstBlock[terms];
            (_start, _lastRow, _max, _min, _minLength) = (new int[count], new int[count], new float[count], new float[count], new float[count]);
            for (var t = 0; t < terms; t++)
                for (var b = _firstBlock[t]; b < _firstBlock[t + 1]; b++)
                {
                    var from = starts[t] + (b - _firstBlock[t]) * size;
                    var to = Math.Min(from + size, starts[t + 1]);
                    float max = float.MinValue, min = float.MaxValue, minLength = float.MaxValue;
                    for (var i = from; i < to; i++)
                    {
                        max = Math.Max(max, values[i]);
                        min = Math.Min(min, values[i]);
                        minLength = Math.Min(minLength, rowLengths[rows[i]]);
                    }
                    (_start[b], _lastRow[b], _max[b], _min[b], _minLength[b]) = (from, rows[to - 1], max, min, minLength);
                }
        }

        /// <summary>The block of term <paramref name="term"/> that holds the first posting at or after <paramref name="row"/>, searching from the cursor's position; -1 when none does.</summary>
        public int Find(int term, int position, int end, int row)
        {
            if (position >= end) return -1;
            var lo = _firstBlock[term] + (position - _start[_firstBlock[term]]) / _size;
            var hi = _firstBlock[term + 1] - 1;
            if (_lastRow[hi] < row) return -1;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_lastRow[mid] < row) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        public int FirstRow(int block, int[] rows) => rows[_start[block]];

        public int LastRow(int block) => block < 0 ? int.MaxValue - 1 : _lastRow[block];

        /// <summary>The block's bound for this query term, inflated as the list bounds are; 0 for no block.</summary>
        public float Bound(int block, SparseScorer scorer, float factor) =>
            block < 0 ? 0 : Inflate(scorer.Bound(factor, _min[block], _max[block], _minLength[block]));
    }
}
