namespace Milvus.Local.Search;

/// <summary>A search hit: the score and where the row is (index of the segment view in the snapshot, row).</summary>
internal readonly record struct Hit(float Score, int View, int Row);

/// <summary>Keeps the best <c>k</c> hits seen so far (a heap whose top is the worst kept hit).</summary>
internal sealed class TopK
{
    private readonly PriorityQueue<Hit, Hit> _heap;
    private readonly int _k;
    private readonly HitOrder _order;

    public TopK(int k, HitOrder order)
    {
        _k = k;
        _order = order;
        // The comparer puts the worst hit first, so the heap's top is the one to evict.
        _heap = new PriorityQueue<Hit, Hit>(Math.Min(k, 4096) + 1, Comparer<Hit>.Create((a, b) => -order.Compare(a, b)));
    }

    public int Count => _heap.Count;

    /// <summary>How many hits it keeps.</summary>
    public int Capacity => _k;

    /// <summary>The worst kept hit (the one the next better hit evicts); only when <see cref="Count"/> is above 0.</summary>
    public Hit Worst => _heap.Peek();

    public void Offer(Hit hit)
    {
        if (_heap.Count < _k) _heap.Enqueue(hit, hit);
        else if (_k > 0 && _order.Compare(hit, _heap.Peek()) < 0) _heap.EnqueueDequeue(hit, hit);
    }

    /// <summary>True when a hit with this score cannot enter (the heap is full and its worst hit scores strictly better).</summary>
    public bool Rejects(float score) => _heap.Count == _k && (_k == 0 || _order.Metric.Better(_heap.Peek().Score, score));

    public void Merge(TopK other)
    {
        foreach (var (hit, _) in other._heap.UnorderedItems) Offer(hit);
    }

    /// <summary>The kept hits, best first.</summary>
    public List<Hit> Sorted()
    {
        var list = _heap.UnorderedItems.Select(x => x.Element).ToList();
        list.Sort(_order.Compare);
        return list;
    }
}
