using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>Builds and loads HNSW graphs over the segment's own vectors (HNSW, AUTOINDEX).</summary>
internal static class HnswIndex
{
    /// <summary>Builds the graph over every row of the space, using <paramref name="threads"/> cores.</summary>
    public static HnswIndex<FloatGraph> Build(VectorSpace space, int m, int efConstruction, int threads, CancellationToken cancellationToken)
        => HnswIndex<FloatGraph>.Build("HNSW", space, new FloatGraph(space), m, efConstruction, threads, cancellationToken);

    /// <summary>Restores a graph stored by <see cref="HnswIndex{TSpace}.Serialize"/> over the same rows.</summary>
    public static HnswIndex<FloatGraph> Load(ReadOnlySpan<byte> bytes, VectorSpace space)
        => HnswIndex<FloatGraph>.Load("HNSW", bytes, space, new FloatGraph(space));
}

/// <summary>
/// Hierarchical navigable small-world graph (Malkov &amp; Yashunin): each row gets a random level; every level
/// links a row to its nearest neighbours chosen by the diversity heuristic (M per upper level, 2M on level 0).
/// Built by all cores at once (rows are inserted in parallel, neighbour lists guarded by striped locks).
/// Filtered search walks the whole graph but only collects rows the mask allows, so recall holds at any
/// selectivity; the planner sends very selective filters to the exact scan instead.
/// The graph is built and walked over <typeparamref name="TSpace"/> (the segment's floats or quantized codes, see
/// <see cref="IGraphSpace"/>); an optional <c>refine</c> space re-ranks the walk's best refine_k x k candidates
/// with more precise distances (knowhere's refine for HNSW_SQ / HNSW_PQ / HNSW_PRQ).
/// </summary>
internal sealed class HnswIndex<TSpace> : IVectorIndex where TSpace : struct, IGraphSpace
{
    private const int Magic = 0x57534E48; // "HNSW"
    private const int LockStripes = 4096;

    private readonly TSpace _graph;
    private readonly IGraphSpace? _refine;
    private readonly int _m;
    private readonly int _m0;
    private readonly int[] _levels;
    private readonly int[] _links0;          // per row: count, then up to _m0 neighbour ids
    private readonly int[]?[] _upper;        // per row with level > 0: for each level 1..L, count then _m ids
    private int _entry;
    private int _maxLevel;
    private readonly ConcurrentBag<Scratch> _scratch = new();

    private HnswIndex(string indexType, VectorSpace? space, TSpace graph, IGraphSpace? refine, int m, int efConstruction)
        : this(indexType, space, graph, refine, m, efConstruction, new int[graph.Count], new int[graph.Count * (2 * m + 1)], new int[graph.Count][])
    {
        _entry = -1;
    }

    private HnswIndex(string indexType, VectorSpace? space, TSpace graph, IGraphSpace? refine, int m, int efConstruction, int[] levels, int[] links0, int[]?[] upper)
    {
        IndexType = indexType;
        _space = space;
        _graph = graph;
        _refine = refine;
        _m = m;
        _m0 = 2 * m;
        EfConstruction = efConstruction;
        _levels = levels;
        _links0 = links0;
        _upper = upper;
    }

    private readonly VectorSpace? _space;

    public string IndexType { get; }

    /// <summary>The float vectors the graph's rows are; a graph over binary rows (<see cref="BinaryHnswIndex"/>) has none.</summary>
    public VectorSpace Space => _space ?? throw new InvalidOperationException("a graph over binary vectors has no float space");

    public int EfConstruction { get; }

    /// <summary>Rows in the graph.</summary>
    public int Count => _graph.Count;

    /// <summary>The space the graph is walked over.</summary>
    public TSpace Graph => _graph;

    /// <summary>The space that re-ranks the walk's candidates, if any.</summary>
    public IGraphSpace? Refine => _refine;

    /// <summary>
    /// Builds the graph over every row of <paramref name="graph"/> (the rows of <paramref name="space"/>, if any), using
    /// <paramref name="threads"/> cores; <paramref name="refine"/>, when given, re-ranks search candidates.
    /// </summary>
    public static HnswIndex<TSpace> Build(string indexType, VectorSpace? space, TSpace graph, int m, int efConstruction, int threads,
        CancellationToken cancellationToken, IGraphSpace? refine = null)
    {
        var index = new HnswIndex<TSpace>(indexType, space, graph, refine, m, efConstruction);
        var random = new Random(100);
        var scale = 1 / Math.Log(Math.Max(m, 2));
        for (var i = 0; i < graph.Count; i++)
        {
            index._levels[i] = Math.Min((int)(-Math.Log(1 - random.NextDouble()) * scale), 16);
            if (index._levels[i] > 0) index._upper[i] = new int[index._levels[i] * (m + 1)];
        }
        if (graph.Count == 0) return index;
        index._entry = 0;
        index._maxLevel = index._levels[0];
        var locks = Enumerable.Range(0, LockStripes).Select(_ => new object()).ToArray();
        var global = new object();
        Parallel.For(1, graph.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken },
            () => new Scratch(graph.Count), (row, _, scratch) =>
            {
                index.Insert(row, scratch, locks, global);
                return scratch;
            }, _ => { });
        index.LinkUnreachable();
        return index;
    }

    /// <summary>
    /// This graph's links walked over another space of the same rows: knowhere builds HNSW_PQ / HNSW_PRQ on the full
    /// vectors and then swaps the storage for the codes (a graph built on the codes has poor recall, and compares
    /// decoded rows while it is built). The links are shared, not copied.
    /// </summary>
    public HnswIndex<TOther> WalkedOver<TOther>(string indexType, TOther graph, IGraphSpace? refine) where TOther : struct, IGraphSpace
        => new(indexType, _space, graph, refine, _m, EfConstruction, _levels, _links0, _upper) { _entry = _entry, _maxLevel = _maxLevel };

    // ---- construction --------------------------------------------------------------------------------

    private void Insert(int row, Scratch scratch, object[] locks, object global)
    {
        var level = _levels[row];
        int entry, top;
        lock (global) { entry = _entry; top = _maxLevel; }
        var query = _graph.RowAsQuery(row);
        var current = new Candidate(_graph.Distance(row, entry), entry);
        for (var l = top; l > level; l--) current = Greedy(query, current, l, locks);
        for (var l = Math.Min(level, top); l >= 0; l--)
        {
            var found = SearchLayer(query, current, EfConstruction, l, scratch, locks);
            var neighbours = SelectNeighbours(found, _m, scratch);
            current = neighbours[0];
            lock (locks[row % LockStripes]) WriteLinks(row, l, neighbours);
            foreach (var n in neighbours) Connect(n.Id, row, n.Distance, l, locks, scratch);
        }
        if (level > top)
            lock (global)
                if (level > _maxLevel) { _maxLevel = level; _entry = row; }
    }

    private Candidate Greedy(float[] query, Candidate current, int level, object[]? locks)
    {
        Span<int> buffer = stackalloc int[_m0];
        for (var changed = true; changed;)
        {
            changed = false;
            var neighbours = ReadLinks(current.Id, level, locks, buffer);
            foreach (var n in neighbours)
            {
                var d = _graph.Distance(query, n);
                if (d < current.Distance) { current = new Candidate(d, n); changed = true; }
            }
        }
        return current;
    }

    /// <summary>The best-first beam search of one level (construction: no mask).</summary>
    private List<Candidate> SearchLayer(float[] query, Candidate start, int ef, int level, Scratch s, object[] locks)
    {
        s.Visited.Reset();
        s.Frontier.Clear();
        s.Results.Clear();
        s.Visited.Add(start.Id);
        s.Frontier.Push(start);
        s.Results.Push(start);
        Span<int> buffer = stackalloc int[_m0];
        while (s.Frontier.Count > 0)
        {
            var c = s.Frontier.Pop();
            if (c.Distance > s.Results.Top.Distance && s.Results.Count >= ef) break;
            foreach (var n in ReadLinks(c.Id, level, locks, buffer))
            {
                if (!s.Visited.Add(n)) continue;
                var d = _graph.Distance(query, n);
                if (s.Results.Count < ef || d < s.Results.Top.Distance)
                {
                    s.Frontier.Push(new Candidate(d, n));
                    s.Results.Push(new Candidate(d, n));
                    if (s.Results.Count > ef) s.Results.Pop();
                }
            }
        }
        var list = new List<Candidate>(s.Results.Count);
        list.AddRange(s.Results.Items);
        list.Sort((a, b) => a.Distance.CompareTo(b.Distance));
        return list;
    }

    /// <summary>hnswlib's heuristic: keep a candidate only if it is closer to the new row than to every kept one.</summary>
    private List<Candidate> SelectNeighbours(List<Candidate> sorted, int max, Scratch s)
    {
        if (sorted.Count <= max) return sorted;
        var kept = new List<Candidate>(max);
        foreach (var c in sorted)
        {
            var diverse = true;
            foreach (var k in kept)
                if (_graph.Distance(c.Id, k.Id) < c.Distance) { diverse = false; break; }
            if (diverse) kept.Add(c);
            if (kept.Count >= max) break;
        }
        return kept;
    }

    /// <summary>Adds the back link <paramref name="from"/> → <paramref name="to"/>, pruning with the heuristic when full.</summary>
    private void Connect(int from, int to, float distance, int level, object[] locks, Scratch s)
    {
        var max = level == 0 ? _m0 : _m;
        lock (locks[from % LockStripes])
        {
            var (array, offset) = Slot(from, level);
            var count = array[offset];
            if (count < max)
            {
                array[offset + 1 + count] = to;
                array[offset] = count + 1;
                return;
            }
            var candidates = new List<Candidate>(count + 1) { new(distance, to) };
            for (var i = 0; i < count; i++)
            {
                var n = array[offset + 1 + i];
                candidates.Add(new Candidate(_graph.Distance(from, n), n));
            }
            candidates.Sort((a, b) => a.Distance.CompareTo(b.Distance));
            var kept = SelectNeighbours(candidates, max, s);
            for (var i = 0; i < kept.Count; i++) array[offset + 1 + i] = kept[i].Id;
            array[offset] = kept.Count;
        }
    }

    private void WriteLinks(int row, int level, List<Candidate> neighbours)
    {
        var (array, offset) = Slot(row, level);
        for (var i = 0; i < neighbours.Count; i++) array[offset + 1 + i] = neighbours[i].Id;
        array[offset] = neighbours.Count;
    }

    private (int[] Array, int Offset) Slot(int row, int level)
        => level == 0 ? (_links0, row * (_m0 + 1)) : (_upper[row]!, (level - 1) * (_m + 1));

    /// <summary>A row's neighbours on a level (copied under its lock while the graph is being built).</summary>
    private ReadOnlySpan<int> ReadLinks(int row, int level, object[]? locks, Span<int> buffer)
    {
        var (array, offset) = Slot(row, level);
        if (locks is null) return array.AsSpan(offset + 1, array[offset]);
        lock (locks[row % LockStripes])
        {
            var count = array[offset];
            array.AsSpan(offset + 1, count).CopyTo(buffer);
            return buffer[..count];
        }
    }

    /// <summary>Rows the level-0 walk cannot reach from the entry point: every link to them was pruned.</summary>
    internal int Unreachable() => GraphReachability.Unreachable(new Level0Links(this), _entry);

    /// <summary>Links back every row the build left unreachable at level 0 (<see cref="GraphReachability"/>).</summary>
    private void LinkUnreachable() => GraphReachability.LinkUnreachable(new Level0Links(this), _entry);

    /// <summary>The level-0 lists: per row a count, then up to 2M neighbour ids.</summary>
    private readonly struct Level0Links(HnswIndex<TSpace> index) : IOutLinks
    {
        public int Rows => index.Count;
        public int Capacity => index._m0;
        public int Count(int row) => index._links0[row * (index._m0 + 1)];
        public int Link(int row, int i) => index._links0[row * (index._m0 + 1) + 1 + i];
        public void SetLink(int row, int i, int target) => index._links0[row * (index._m0 + 1) + 1 + i] = target;
        public void SetCount(int row, int count) => index._links0[row * (index._m0 + 1)] = count;
        public float Distance(int a, int b) => index._graph.Distance(a, b);
    }

    // ---- search --------------------------------------------------------------------------------------

    public Candidate[] Search(float[] query, int k, RowMask mask, IndexSearchOptions options)
    {
        if (_entry < 0 || k <= 0) return [];
        // With a refine space the walk keeps refine_k x k candidates, which the refine distances then re-rank.
        var candidates = _refine is null ? k : (int)Math.Min(Math.Ceiling(k * Math.Max(options.RefineK ?? 1, 1)), Math.Max(k, Count));
        var ef = Math.Max(options.Ef ?? Math.Max(k, 16), candidates);
        var encoded = _graph.Encode(query);
        var s = _scratch.TryTake(out var taken) ? taken : new Scratch(Count);
        Candidate[] hits;
        try
        {
            var current = new Candidate(_graph.Distance(encoded, _entry), _entry);
            for (var l = _maxLevel; l > 0; l--) current = Greedy(encoded, current, l, null);
            hits = SearchBase(encoded, current, ef, candidates, mask, s);
        }
        finally { _scratch.Add(s); }
        return _refine is null ? hits : Rerank(_refine, query, hits, k);
    }

    /// <summary>The best <paramref name="k"/> of the walk's candidates by the refine space's distances.</summary>
    private static Candidate[] Rerank(IGraphSpace refine, float[] query, Candidate[] hits, int k)
    {
        var encoded = refine.Encode(query);
        for (var i = 0; i < hits.Length; i++) hits[i] = new Candidate(refine.Distance(encoded, hits[i].Id), hits[i].Id);
        SortHits(hits);
        return hits.Length > k ? hits[..k] : hits;
    }

    private static void SortHits(Candidate[] hits)
        => Array.Sort(hits, (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));

    /// <summary>Level-0 beam search: every reached row steers the walk, only allowed rows enter the results.</summary>
    private Candidate[] SearchBase(float[] query, Candidate start, int ef, int k, RowMask mask, Scratch s)
    {
        s.Visited.Reset();
        s.Frontier.Clear();
        s.Results.Clear();
        s.Visited.Add(start.Id);
        s.Frontier.Push(start);
        if (mask.Allows(start.Id)) s.Results.Push(start);
        // With nothing deleted or filtered out the mask is not read at all (one memory access less per scored row).
        var filtered = !mask.All;
        var links = _links0;
        var stride = _m0 + 1;
        Span<int> fresh = stackalloc int[_m0];
        // The farthest kept result while the results are full (hnswlib's lowerBound), kept in a local.
        var bound = s.Results.Count >= ef ? s.Results.Top.Distance : float.PositiveInfinity;
        while (s.Frontier.Count > 0)
        {
            var c = s.Frontier.Pop();
            if (c.Distance > bound) break;
            var offset = c.Id * stride;
            var count = links[offset];
            var unvisited = 0;
            for (var i = 1; i <= count; i++)
            {
                var n = links[offset + i];
                if (!s.Visited.Add(n)) continue;
                _graph.Prefetch(n);
                fresh[unvisited++] = n;
            }
            for (var i = 0; i < unvisited; i++)
            {
                var n = fresh[i];
                var d = _graph.Distance(query, n);
                if (d < bound || s.Results.Count < ef)
                {
                    s.Frontier.Push(new Candidate(d, n));
                    if (filtered && !mask.Allows(n)) continue;
                    s.Results.Push(new Candidate(d, n));
                    if (s.Results.Count > ef) s.Results.Pop();
                    if (s.Results.Count >= ef) bound = s.Results.Top.Distance;
                }
            }
            // The next node to expand: its links start loading while this one's bookkeeping finishes (hnswlib does the same).
            if (s.Frontier.Count > 0) PrefetchLinks(links, s.Frontier.Top.Id * stride);
        }
        return s.Best(k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchLinks(int[] links, int offset)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref links[offset]));
    }

    // ---- storage -------------------------------------------------------------------------------------

    /// <summary>
    /// The graph space's data (<see cref="IGraphSpace.Write"/>), the refine space's, then the graph. With the segment's
    /// own vectors and no refine both write nothing, so the bytes are the plain HNSW graph format of earlier versions.
    /// </summary>
    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        _graph.Write(w);
        _refine?.Write(w);
        w.Write(Magic);
        w.Write(Count);
        w.Write(_m);
        w.Write(EfConstruction);
        w.Write(_entry);
        w.Write(_maxLevel);
        w.Write(MemoryMarshal.AsBytes(_levels.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(_links0.AsSpan()));
        foreach (var upper in _upper)
            if (upper is not null) w.Write(MemoryMarshal.AsBytes(upper.AsSpan()));
        w.Flush();
        return stream.ToArray();
    }

    /// <summary>
    /// Restores a graph stored by <see cref="Serialize"/> over the same rows: <paramref name="bytes"/> start at the graph,
    /// after the spaces' data, which their owner has read back into <paramref name="graph"/> and <paramref name="refine"/>.
    /// </summary>
    public static HnswIndex<TSpace> Load(string indexType, ReadOnlySpan<byte> bytes, VectorSpace? space, TSpace graph, IGraphSpace? refine = null)
    {
        var header = MemoryMarshal.Cast<byte, int>(bytes[..24]);
        if (header[0] != Magic || header[1] != graph.Count) throw new InvalidDataException("the stored HNSW graph does not match the segment");
        var index = new HnswIndex<TSpace>(indexType, space, graph, refine, header[2], header[3]) { _entry = header[4], _maxLevel = header[5] };
        var position = 24;
        position += Copy(bytes, position, index._levels);
        position += Copy(bytes, position, index._links0);
        for (var row = 0; row < graph.Count; row++)
        {
            if (index._levels[row] == 0) continue;
            index._upper[row] = new int[index._levels[row] * (index._m + 1)];
            position += Copy(bytes, position, index._upper[row]!);
        }
        return index;
    }

    private static int Copy(ReadOnlySpan<byte> source, int position, int[] destination)
    {
        var length = destination.Length * sizeof(int);
        source.Slice(position, length).CopyTo(MemoryMarshal.AsBytes(destination.AsSpan()));
        return length;
    }

    /// <summary>Per-thread search state: visited marks, frontier and results.</summary>
    private sealed class Scratch(int size)
    {
        private Candidate[] _sorted = new Candidate[64];

        public VisitedSet Visited { get; } = new(size);
        public BinaryHeap<Candidate, NearestFirst> Frontier { get; } = new();
        public BinaryHeap<Candidate, FarthestFirst> Results { get; } = new();

        /// <summary>
        /// The best <paramref name="k"/> results, nearest first and equal distances by row (<see cref="SortHits"/>'s
        /// order), sorted in a reused buffer with a struct comparer: the one array allocated is the answer.
        /// </summary>
        public Candidate[] Best(int k)
        {
            var items = Results.Items;
            if (_sorted.Length < items.Length) _sorted = new Candidate[items.Length];
            var sorted = _sorted.AsSpan(0, items.Length);
            items.CopyTo(sorted);
            sorted.Sort(new DistanceThenRow());
            return sorted[..Math.Min(k, sorted.Length)].ToArray();
        }
    }

    private readonly struct DistanceThenRow : IComparer<Candidate>
    {
        public int Compare(Candidate a, Candidate b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id);
    }
}
