using Milvus.Local.Indexes;

namespace Milvus.Local.Search;

/// <summary>A search hit: the score and where the row is (index of the segment view in the snapshot, row).</summary>
internal readonly record struct Hit(float Score, int View, int Row);

/// <summary>
/// Keeps the best <c>k</c> hits seen so far: a <see cref="BinaryHeap{T, TOrder}"/> whose root is the worst kept hit (the
/// one the next better hit evicts), compared with <see cref="HitOrder"/> directly. The order is total, so the kept set
/// and its order do not depend on the order hits are offered in.
/// </summary>
internal sealed class TopK
{
    private readonly int _k;
    private readonly HitOrder _order;
    private readonly BinaryHeap<Hit, WorstFirst> _heap;

    public TopK(int k, HitOrder order)
    {
        _k = k;
        _order = order;
        _heap = new BinaryHeap<Hit, WorstFirst>(new WorstFirst(order), Math.Min(k, 4096));
    }

    public int Count => _heap.Count;

    /// <summary>How many hits it keeps.</summary>
    public int Capacity => _k;

    /// <summary>The worst kept hit (the one the next better hit evicts); only when <see cref="Count"/> is above 0.</summary>
    public Hit Worst => _heap.Top;

    public void Offer(Hit hit)
    {
        if (_heap.Count < _k) _heap.Push(hit);
        else if (_k > 0 && _order.Compare(hit, _heap.Top) < 0) _heap.ReplaceTop(hit);
    }

    /// <summary>True when a hit with this score cannot enter (the heap is full and its worst hit scores strictly better).</summary>
    public bool Rejects(float score) => _heap.Count == _k && (_k == 0 || _order.Metric.Better(_heap.Top.Score, score));

    public void Merge(TopK other)
    {
        foreach (var hit in other._heap.Items) Offer(hit);
    }

    /// <summary>The kept hits, best first.</summary>
    public List<Hit> Sorted()
    {
        var list = new List<Hit>(_heap.Count);
        list.AddRange(_heap.Items);
        list.Sort(_order.Compare);
        return list;
    }

    /// <summary>The worse hit on top.</summary>
    private readonly struct WorstFirst(HitOrder order) : IHeapOrder<Hit>
    {
        public bool Above(in Hit a, in Hit b) => order.Compare(a, b) > 0;
    }
}
