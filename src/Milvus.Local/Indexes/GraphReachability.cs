namespace Milvus.Local.Indexes;

/// <summary>A proximity graph's out-links per row, as <see cref="GraphReachability"/> reads and repairs them.</summary>
internal interface IOutLinks
{
    int Rows { get; }

    /// <summary>The most links a row holds.</summary>
    int Capacity { get; }

    int Count(int row);

    int Link(int row, int i);

    void SetLink(int row, int i, int target);

    void SetCount(int row, int count);

    /// <summary>The build's distance between two rows (smaller is closer).</summary>
    float Distance(int a, int b);
}

/// <summary>
/// Which rows a walk from the entry point can reach, and the repair for those it cannot. A graph's neighbour pruning
/// (HNSW's heuristic, Vamana's robust prune) can drop every link to a row, and then no search through the index
/// returns it: a few rows per 10,000 at HNSW's M 16, dozens at M 8 or DISKANN's max_degree 16. The repair links each
/// such row from its nearest reached neighbour: in a free slot, or in place of that neighbour's farthest link whose
/// target another link keeps reachable, until a pass reaches nothing more.
/// </summary>
internal static class GraphReachability
{
    public static int Unreachable<T>(T graph, int entry) where T : IOutLinks => graph.Rows - Reached(graph, entry).Count(r => r);

    public static void LinkUnreachable<T>(T graph, int entry) where T : IOutLinks
    {
        if (entry < 0) return;
        var reached = Reached(graph, entry);
        var incoming = new int[graph.Rows];
        for (var row = 0; row < graph.Rows; row++)
            for (var i = 0; i < graph.Count(row); i++) incoming[graph.Link(row, i)]++;
        // A row whose own links all lead to unreached rows waits for a later pass (each pass reaches more, so this ends).
        for (var progress = true; progress;)
        {
            progress = false;
            for (var row = 0; row < graph.Rows; row++)
                for (var i = 0; i < graph.Count(row) && !reached[row]; i++)
                {
                    var n = graph.Link(row, i);
                    if (!reached[n] || !TryLinkFrom(graph, n, row, incoming)) continue;
                    Reach(graph, row, reached);
                    progress = true;
                }
        }
    }

    private static bool[] Reached<T>(T graph, int entry) where T : IOutLinks
    {
        var reached = new bool[graph.Rows];
        if (entry >= 0) Reach(graph, entry, reached);
        return reached;
    }

    /// <summary>Marks <paramref name="from"/> and every row its links lead to.</summary>
    private static void Reach<T>(T graph, int from, bool[] reached) where T : IOutLinks
    {
        var pending = new Stack<int>();
        reached[from] = true;
        pending.Push(from);
        while (pending.Count > 0)
        {
            var row = pending.Pop();
            for (var i = 0; i < graph.Count(row); i++)
            {
                var n = graph.Link(row, i);
                if (!reached[n]) { reached[n] = true; pending.Push(n); }
            }
        }
    }

    /// <summary>Adds <paramref name="row"/> to <paramref name="from"/>'s links, in place of its farthest link that another link keeps reachable when full.</summary>
    private static bool TryLinkFrom<T>(T graph, int from, int row, int[] incoming) where T : IOutLinks
    {
        var count = graph.Count(from);
        var slot = count;
        if (count >= graph.Capacity)
        {
            slot = -1;
            var farthest = float.NegativeInfinity;
            for (var i = 0; i < count; i++)
            {
                var n = graph.Link(from, i);
                if (incoming[n] < 2) continue;
                var d = graph.Distance(from, n);
                if (d > farthest) { farthest = d; slot = i; }
            }
            if (slot < 0) return false;
            incoming[graph.Link(from, slot)]--;
        }
        else graph.SetCount(from, count + 1);
        graph.SetLink(from, slot, row);
        incoming[row]++;
        return true;
    }
}
