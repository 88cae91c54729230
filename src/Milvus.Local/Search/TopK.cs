namespace Milvus.Local.Search;

/// <summary>A search hit: the score and where the row is (index of the segment view in the snapshot, row).</summary>
internal readonly record struct Hit(float Score, int View, int Row);

/// <summary>
/// Keeps the best <c>k</c> hits seen so far: a binary heap over a plain array whose root is the worst kept hit (the one
/// the next better hit evicts), compared with <see cref="HitOrder"/> directly instead of through a
/// <see cref="PriorityQueue{TElement, TPriority}"/>'s delegate comparer.
/// </summary>
internal sealed class TopK
{
    private readonly int _k;
    private readonly HitOrder _order;
    private Hit[] _items;
    private int _count;

    public TopK(int k, HitOrder order)
    {
        _k = k;
        _order = order;
        _items = new Hit[Math.Min(k, 4096)];
    }

    public int Count => _count;

    /// <summary>How many hits it keeps.</summary>
    public int Capacity => _k;

    /// <summary>The worst kept hit (the one the next better hit evicts); only when <see cref="Count"/> is above 0.</summary>
    public Hit Worst => _items[0];

    public void Offer(Hit hit)
    {
        if (_count < _k)
        {
            if (_count == _items.Length) Array.Resize(ref _items, (int)Math.Min((long)_k, 2L * _items.Length));
            SiftUp(_count++, hit);
        }
        else if (_k > 0 && _order.Compare(hit, _items[0]) < 0) SiftDown(hit);
    }

    /// <summary>True when a hit with this score cannot enter (the heap is full and its worst hit scores strictly better).</summary>
    public bool Rejects(float score) => _count == _k && (_k == 0 || _order.Metric.Better(_items[0].Score, score));

    public void Merge(TopK other)
    {
        for (var i = 0; i < other._count; i++) Offer(other._items[i]);
    }

    /// <summary>The kept hits, best first.</summary>
    public List<Hit> Sorted()
    {
        var list = new List<Hit>(_count);
        list.AddRange(_items.AsSpan(0, _count));
        list.Sort(_order.Compare);
        return list;
    }

    /// <summary>Places <paramref name="hit"/> at slot <paramref name="i"/> (the end of the heap), moving worse parents down.</summary>
    private void SiftUp(int i, Hit hit)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_order.Compare(hit, _items[parent]) <= 0) break;
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = hit;
    }

    /// <summary>Replaces the root (the worst) with <paramref name="hit"/>, moving the worse child up until it fits.</summary>
    private void SiftDown(Hit hit)
    {
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= _count) break;
            if (child + 1 < _count && _order.Compare(_items[child + 1], _items[child]) > 0) child++;
            if (_order.Compare(_items[child], hit) <= 0) break;
            _items[i] = _items[child];
            i = child;
        }
        _items[i] = hit;
    }
}
