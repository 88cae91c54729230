namespace Milvus.Local.Search;

/// <summary>A search hit: the score and where the row is (index of the segment view in the snapshot, row).</summary>
internal readonly record struct Hit(float Score, int View, int Row);

/// <summary>Keeps the best <c>k</c> hits seen so far (a heap whose top is the worst kept hit).</summary>
internal sealed class TopK
{
    private readonly PriorityQueue<Hit, Hit> _heap;
    private readonly int _k;

    public TopK(int k, Metric metric)
    {
        _k = k;
        Metric = metric;
        // The comparer puts the worst hit first; ties prefer keeping the earlier row.
        _heap = new PriorityQueue<Hit, Hit>(Math.Min(k, 4096) + 1, Comparer<Hit>.Create((a, b) => -Compare(metric, a, b)));
    }

    public Metric Metric { get; }

    public int Count => _heap.Count;

    public void Offer(Hit hit)
    {
        if (_heap.Count < _k) _heap.Enqueue(hit, hit);
        else if (_k > 0 && Compare(Metric, hit, _heap.Peek()) < 0) _heap.EnqueueDequeue(hit, hit);
    }

    public void Merge(TopK other)
    {
        foreach (var (hit, _) in other._heap.UnorderedItems) Offer(hit);
    }

    /// <summary>The kept hits, best first.</summary>
    public List<Hit> Sorted()
    {
        var list = _heap.UnorderedItems.Select(x => x.Element).ToList();
        list.Sort((a, b) => Compare(Metric, a, b));
        return list;
    }

    /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/>: better score, then earlier view and row.</summary>
    public static int Compare(Metric metric, Hit a, Hit b)
    {
        if (a.Score != b.Score) return metric.Better(a.Score, b.Score) ? -1 : 1;
        return a.View != b.View ? a.View.CompareTo(b.View) : a.Row.CompareTo(b.Row);
    }
}
