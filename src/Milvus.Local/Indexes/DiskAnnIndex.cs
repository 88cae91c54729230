using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Milvus.Local.Indexes.Quantization;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>DISKANN's settings: build (max_degree, search_list_size, pq_code_budget_gb_ratio) and load (the beam width).</summary>
internal sealed record DiskAnnOptions(int MaxDegree, int SearchListSize, float PqCodeBudgetRatio, int BeamWidth);

/// <summary>
/// DISKANN (Subramanya et al. 2019, as knowhere builds it): a Vamana graph of at most <c>max_degree</c> out-links per
/// row, built in two passes over the rows in random order (alpha 1, then alpha 1.2), each row linked to the
/// RobustPrune of the rows a greedy search with <c>search_list_size</c> candidates expanded, back-links pruned the
/// same way when they overflow. A search is DiskANN's beam search from the medoid: the <c>search_list</c> nearest
/// candidates are kept, ranked by product-quantized codes (8-bit, as many sub-quantizers as pq_code_budget_gb_ratio
/// buys: dim x 4 x ratio bytes per row, as knowhere sizes them), the beam-width nearest unexpanded ones are expanded
/// per round, and every expanded row is re-scored at full precision. This engine has no separate disk tier: the full
/// vectors stay in the segment's column and the graph in memory. IP is built in the MIPS-to-L2 transformed space (the rows padded with one coordinate
/// to a common norm), so RobustPrune works on a metric; COSINE on normalized rows.
/// </summary>
internal sealed class DiskAnnIndex : IVectorIndex
{
    public const string TypeName = "DISKANN";

    /// <summary>knowhere's search list when a search gives none: max(k, 16).</summary>
    public const int MinSearchList = 16;

    private const int Magic = 0x314E4B44; // "DKN1"
    private const float Alpha = 1.2f;
    private const int LockStripes = 4096;
    private const int Seed = 42;

    /// <summary>DiskANN's GRAPH_SLACK_FACTOR: a list may grow this much past max_degree before it is pruned again.</summary>
    private const double Slack = 1.3;

    private readonly int _degree;
    private readonly int _stride;    // room per row: max_degree, or max_degree x slack while building
    private readonly int[] _links;   // row r's out-links: _links[r * _stride .. + _counts[r]]
    private readonly int[] _counts;
    private readonly int _medoid;
    private readonly int _beamWidth;
    private readonly ConcurrentBag<Scratch> _scratch = new();
    private readonly ProductQuantizer? _quantizer; // navigation codes; none below 256 rows (too few to train)
    private readonly byte[] _codes;
    private float[]? _norms2;        // IP build: squared norms, for the transformed distance
    private float _maxNorm2;

    private DiskAnnIndex(VectorSpace space, int degree, int stride, int[] links, int[] counts, int medoid, int beamWidth, ProductQuantizer? quantizer, byte[] codes)
    {
        Space = space;
        _quantizer = quantizer;
        _codes = codes;
        _degree = degree;
        _stride = stride;
        _links = links;
        _counts = counts;
        _medoid = medoid;
        _beamWidth = beamWidth;
    }

    public string IndexType => TypeName;
    public VectorSpace Space { get; }
    public int MaxDegree => _degree;

    /// <summary>A row's out-links.</summary>
    public ReadOnlySpan<int> Links(int row) => _links.AsSpan(row * _stride, _counts[row]);

    /// <summary>Rows no walk from the medoid can reach.</summary>
    internal int Unreachable() => GraphReachability.Unreachable(new PackedLinks(_links, _counts, _degree, BuildDistance), _medoid);

    /// <summary>Sub-quantizers of the navigation codes (0: navigation at full precision).</summary>
    public int PqChunks => _quantizer?.M ?? 0;

    /// <summary>Bytes held per row: the fixed-size link list, its count and the PQ code (the vectors stay in the column).</summary>
    public int BytesPerRow => (_degree + 1) * sizeof(int) + (_quantizer?.CodeSize ?? 0);

    public static DiskAnnIndex Build(VectorSpace space, DiskAnnOptions options, int threads, CancellationToken cancellationToken)
    {
        var n = space.Count;
        var degree = Math.Max(1, Math.Min(options.MaxDegree, n - 1));
        var stride = (int)Math.Ceiling(degree * Slack);
        var (quantizer, codes) = Quantize(space, options.PqCodeBudgetRatio, cancellationToken);
        var index = new DiskAnnIndex(space, degree, stride, new int[n * stride], new int[n], Medoid(space), options.BeamWidth, quantizer, codes);
        if (n <= 1) return index.Compact(new Scratch(n));
        index.PrepareBuildMetric();
        index.RandomGraph();
        var order = Enumerable.Range(0, n).ToArray();
        new Random(Seed).Shuffle(order);
        var locks = Enumerable.Range(0, LockStripes).Select(_ => new object()).ToArray();
        var list = Math.Max(options.SearchListSize, 1);
        foreach (var alpha in new[] { 1f, Alpha })
        {
            Parallel.ForEach(Partitioner.Create(0, n, 256), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken },
                () => new Scratch(n), (range, _, scratch) =>
                {
                    for (var i = range.Item1; i < range.Item2; i++) index.Insert(order[i], alpha, list, scratch, locks);
                    return scratch;
                }, _ => { });
        }
        return index.Compact(new Scratch(n));
    }

    /// <summary>Out-links packed at max_degree per row with a count beside them.</summary>
    private readonly struct PackedLinks(int[] links, int[] counts, int degree, Func<int, int, float> distance) : IOutLinks
    {
        public int Rows => counts.Length;
        public int Capacity => degree;
        public int Count(int row) => counts[row];
        public int Link(int row, int i) => links[row * degree + i];
        public void SetLink(int row, int i, int target) => links[row * degree + i] = target;
        public void SetCount(int row, int count) => counts[row] = count;
        public float Distance(int a, int b) => distance(a, b);
    }

    /// <summary>Prunes the lists that grew into their slack back to max_degree and packs them at max_degree per row; links back unreachable rows.</summary>
    private DiskAnnIndex Compact(Scratch s)
    {
        var n = Space.Count;
        var links = new int[n * _degree];
        var counts = new int[n];
        for (var row = 0; row < n; row++)
        {
            var current = _links.AsSpan(row * _stride, _counts[row]);
            if (current.Length > _degree)
            {
                var pool = new List<Candidate>(current.Length);
                foreach (var other in current) pool.Add(new Candidate(BuildDistance(row, other), other));
                current = CollectionsMarshal.AsSpan(RobustPrune(pool, Alpha, s));
            }
            current.CopyTo(links.AsSpan(row * _degree, _degree));
            counts[row] = current.Length;
        }
        // Robust prune can drop every link to a row (dozens per 10,000 at max_degree 16): link those back.
        GraphReachability.LinkUnreachable(new PackedLinks(links, counts, _degree, BuildDistance), _medoid);
        return new DiskAnnIndex(Space, _degree, _degree, links, counts, _medoid, _beamWidth, _quantizer, _codes);
    }

    /// <summary>
    /// The navigation codes: knowhere gives PQ pq_code_budget_gb = data bytes x ratio, i.e. dim x 4 x ratio bytes per
    /// row, one 8-bit sub-quantizer per byte (the largest count that divides dim, at most dim).
    /// </summary>
    private static (ProductQuantizer?, byte[]) Quantize(VectorSpace space, float ratio, CancellationToken cancellationToken)
    {
        if (space.Count < 1 << ProductQuantizer.DefaultNbits) return (null, []);
        var budget = Math.Clamp((int)(space.Dim * sizeof(float) * ratio), 1, space.Dim);
        var m = Enumerable.Range(1, budget).Last(c => space.Dim % c == 0);
        var rows = new float[space.Count * space.Dim];
        Parallel.For(0, space.Count, row => space.RowAsQuery(row).CopyTo(rows.AsSpan(row * space.Dim, space.Dim)));
        var quantizer = ProductQuantizer.Train(rows, space.Count, space.Dim, m, ProductQuantizer.DefaultNbits, cancellationToken);
        return (quantizer, quantizer.EncodeAll(rows, space.Count, cancellationToken));
    }

    /// <summary>The row nearest the mean of the prepared rows: every search starts there.</summary>
    private static int Medoid(VectorSpace space)
    {
        if (space.Count == 0) return -1;
        var mean = new double[space.Dim];
        for (var row = 0; row < space.Count; row++)
        {
            var v = space.RowAsQuery(row);
            for (var d = 0; d < mean.Length; d++) mean[d] += v[d];
        }
        var centre = mean.Select(m => (float)(m / space.Count)).ToArray();
        var best = 0;
        var bestDistance = float.MaxValue;
        for (var row = 0; row < space.Count; row++)
        {
            var v = space.RowAsQuery(row);
            var d = Kernels.L2Squared(ref MemoryMarshal.GetArrayDataReference(centre), ref MemoryMarshal.GetArrayDataReference(v), v.Length);
            if (d < bestDistance) { bestDistance = d; best = row; }
        }
        return best;
    }

    private void PrepareBuildMetric()
    {
        if (Space.Metric != Metric.IP) return;
        _norms2 = new float[Space.Count];
        for (var row = 0; row < Space.Count; row++) _norms2[row] = -Space.Distance(row, row);
        _maxNorm2 = _norms2.Max();
    }

    /// <summary>
    /// The squared L2 distance between two rows in the space the graph is built in: L2 as is; COSINE between the
    /// normalized rows (2 - 2 cos); IP between the rows padded to a common norm M with sqrt(M^2 - |x|^2).
    /// </summary>
    private float BuildDistance(int a, int b)
    {
        var d = Space.Distance(a, b);
        return Space.Metric switch
        {
            Metric.L2 => d,
            Metric.Cosine => 2 + 2 * d,
            _ => MathF.Max(0, 2 * _maxNorm2 + 2 * d - 2 * MathF.Sqrt(MathF.Max(0, _maxNorm2 - _norms2![a]) * MathF.Max(0, _maxNorm2 - _norms2[b]))),
        };
    }

    /// <summary>Vamana starts from a random graph of full degree (seeded, so a build is reproducible).</summary>
    private void RandomGraph()
    {
        var n = Space.Count;
        Parallel.For(0, n, row =>
        {
            var random = new Random(Seed + row);
            var links = _links.AsSpan(row * _stride, _degree);
            var count = 0;
            while (count < _degree)
            {
                var other = random.Next(n);
                if (other == row || links[..count].Contains(other)) continue;
                links[count++] = other;
            }
            _counts[row] = count;
        });
    }

    private void Insert(int row, float alpha, int list, Scratch s, object[] locks)
    {
        var pool = GreedySearch(row, list, s, locks);
        foreach (var n in ReadLinks(row, s.Links, locks))
            if (n != row) pool.Add(new Candidate(BuildDistance(row, n), n));
        var chosen = RobustPrune(pool, alpha, s);
        lock (locks[row % LockStripes]) WriteLinks(row, chosen);
        foreach (var target in chosen)
        {
            lock (locks[target % LockStripes])
            {
                var links = _links.AsSpan(target * _stride, _counts[target]);
                if (links.Contains(row)) continue;
                if (_counts[target] < _stride)
                {
                    _links[target * _stride + _counts[target]++] = row;
                    continue;
                }
                var overflow = new List<Candidate>(_stride + 1) { new(BuildDistance(target, row), row) };
                foreach (var n in links) overflow.Add(new Candidate(BuildDistance(target, n), n));
                WriteLinks(target, RobustPrune(overflow, alpha, s));
            }
        }
    }

    /// <summary>The rows a greedy search toward a row expanded, with their distances to it (the prune's pool).</summary>
    private List<Candidate> GreedySearch(int row, int list, Scratch s, object[] locks)
    {
        var expanded = new List<Candidate>(list * 2);
        s.Visited.Reset();
        s.List.Reset(list);
        s.Visited.Add(_medoid);
        s.Visited.Add(row);
        if (_medoid != row) s.List.Insert(new Candidate(BuildDistance(row, _medoid), _medoid));
        while (s.List.HasUnexpanded)
        {
            var c = s.List.ExpandNext();
            expanded.Add(c);
            foreach (var n in ReadLinks(c.Id, s.Links, locks))
                if (s.Visited.Add(n)) s.List.Insert(new Candidate(BuildDistance(row, n), n));
        }
        return expanded;
    }

    /// <summary>
    /// RobustPrune: nearest first, a candidate is kept unless an already kept neighbour p' is alpha times closer to it
    /// than the row is (alpha &gt; 1 keeps some longer links, which shortens searches); at most max_degree kept.
    /// </summary>
    private List<int> RobustPrune(List<Candidate> pool, float alpha, Scratch s)
    {
        pool.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));
        var kept = new List<int>(_degree);
        s.Removed.Clear();
        for (var i = 0; i < pool.Count && kept.Count < _degree; i++)
        {
            var candidate = pool[i];
            if (s.Removed.Contains(candidate.Id) || kept.Contains(candidate.Id)) continue;
            kept.Add(candidate.Id);
            for (var j = i + 1; j < pool.Count; j++)
            {
                var other = pool[j];
                if (other.Id != candidate.Id && !s.Removed.Contains(other.Id) && alpha * BuildDistance(candidate.Id, other.Id) <= other.Distance)
                    s.Removed.Add(other.Id);
            }
        }
        return kept;
    }

    private ReadOnlySpan<int> ReadLinks(int row, int[] buffer, object[] locks)
    {
        lock (locks[row % LockStripes])
        {
            var count = _counts[row];
            _links.AsSpan(row * _stride, count).CopyTo(buffer);
            return buffer.AsSpan(0, count);
        }
    }

    private void WriteLinks(int row, List<int> links)
    {
        CollectionsMarshal.AsSpan(links).CopyTo(_links.AsSpan(row * _stride, _stride));
        _counts[row] = links.Count;
    }

    // ---- search --------------------------------------------------------------------------------------

    public Candidate[] Search(float[] query, int k, RowMask mask, IndexSearchOptions options)
    {
        if (k <= 0 || _medoid < 0 || mask.Passing == 0) return [];
        var list = Math.Max(options.SearchList ?? Math.Max(k, MinSearchList), k);
        // A filter hides rows from the results, not from the walk: widen the list so enough allowed rows get expanded.
        if (mask.Passing < mask.Length) list = (int)Math.Min(Space.Count, Math.Ceiling((double)list * mask.Length / mask.Passing));
        var s = _scratch.TryTake(out var taken) ? taken : new Scratch(Space.Count);
        try
        {
            s.Visited.Reset();
            s.List.Reset(list);
            s.Results.Clear();
            var table = _quantizer is null ? [] : s.Table(_quantizer.TableLength);
            _quantizer?.ComputeTable(query, Space.Metric, table.AsSpan(0, _quantizer.TableLength));
            s.Visited.Add(_medoid);
            s.List.Insert(new Candidate(Navigate(query, table, _medoid), _medoid));
            Span<int> beam = stackalloc int[_beamWidth];
            while (s.List.HasUnexpanded)
            {
                var width = 0;
                while (width < _beamWidth && s.List.HasUnexpanded)
                {
                    var next = s.List.ExpandNext();
                    beam[width++] = next.Id;
                    // The expanded row's full vector is read (DiskANN's sector read) and scored at full precision.
                    if (!mask.Allows(next.Id)) continue;
                    var c = _quantizer is null ? next : new Candidate(Space.Distance(query, next.Id), next.Id);
                    s.Results.Offer(k, c.Distance, c.Id);
                }
                foreach (var id in beam[..width])
                {
                    var offset = id * _stride;
                    for (var i = 0; i < _counts[id]; i++)
                    {
                        var n = _links[offset + i];
                        if (s.Visited.Add(n)) s.List.Insert(new Candidate(Navigate(query, table, n), n));
                    }
                }
            }
            var hits = s.Results.Items.ToArray();
            Array.Sort(hits, (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));
            return hits;
        }
        finally { _scratch.Add(s); }
    }

    /// <summary>A row's navigation distance: from its PQ code through the query's table, or exact without codes.</summary>
    private float Navigate(float[] query, float[] table, int row)
        => _quantizer is null ? Space.Distance(query, row) : _quantizer.Distance(table, _codes.AsSpan(row * _quantizer.CodeSize, _quantizer.CodeSize));

    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write(Magic);
        w.Write(Space.Count);
        w.Write(_degree);
        w.Write(_medoid);
        w.Write(MemoryMarshal.AsBytes(_counts.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(_links.AsSpan()));
        w.Write(_quantizer is null ? 0 : 1);
        if (_quantizer is not null)
        {
            _quantizer.Write(w);
            w.Write(_codes);
        }
        w.Flush();
        return stream.ToArray();
    }

    public static DiskAnnIndex Load(ReadOnlySpan<byte> bytes, VectorSpace space, DiskAnnOptions options)
    {
        var header = MemoryMarshal.Cast<byte, int>(bytes[..16]);
        if (header[0] != Magic || header[1] != space.Count) throw new InvalidDataException("the stored DISKANN graph does not match the segment");
        var degree = header[2];
        var reader = new SpanReader(bytes[16..]);
        var counts = reader.Ints(space.Count);
        var links = reader.Ints(space.Count * degree);
        var quantizer = reader.Ints(1)[0] == 1 ? ProductQuantizer.Read(ref reader) : null;
        var codes = quantizer is null ? [] : reader.Bytes(space.Count * quantizer.CodeSize);
        return new DiskAnnIndex(space, degree, degree, links, counts, header[3], options.BeamWidth, quantizer, codes);
    }

    private sealed class Scratch(int size)
    {
        public VisitedSet Visited { get; } = new(size);
        public CandidateList List { get; } = new();
        public BinaryHeap<Candidate, FarthestFirst> Results { get; } = new();
        public int[] Links { get; } = new int[(int)Math.Ceiling(2048 * Slack) + 1];
        public HashSet<int> Removed { get; } = [];

        private float[] _table = [];

        /// <summary>The query's PQ distance table (reused).</summary>
        public float[] Table(int length) => _table.Length >= length ? _table : _table = new float[length];
    }
}
