namespace Milvus.Local.Indexes;

/// <summary>
/// The order of a <see cref="BinaryHeap{T, TOrder}"/>. Implemented by structs, so the JIT compiles each heap for its own
/// order: the compare is inlined, with no delegate, no virtual call and no branch on a direction flag.
/// </summary>
internal interface IHeapOrder<T>
{
    /// <summary>True when <paramref name="a"/> belongs strictly nearer the root than <paramref name="b"/>.</summary>
    bool Above(in T a, in T b);
}

/// <summary>
/// A binary heap over a plain array: the root (<see cref="Top"/>) is an item no other item is <see cref="IHeapOrder{T}.Above"/>.
/// It grows by doubling and keeps its array on <see cref="Clear"/>, so a heap reused across searches allocates nothing.
/// </summary>
internal sealed class BinaryHeap<T, TOrder>
    where TOrder : struct, IHeapOrder<T>
{
    private readonly TOrder _order;
    private T[] _items;

    public BinaryHeap(int capacity = 64)
        : this(default, capacity)
    {
    }

    public BinaryHeap(TOrder order, int capacity)
    {
        _order = order;
        _items = new T[capacity];
    }

    public int Count { get; private set; }

    /// <summary>The root; only when <see cref="Count"/> is above 0.</summary>
    public T Top => _items[0];

    /// <summary>The items in heap order (unsorted).</summary>
    public ReadOnlySpan<T> Items => _items.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Push(T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Math.Max(4, 2 * Count));
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!_order.Above(item, _items[parent])) break;
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = item;
    }

    /// <summary>Removes and returns the root; only when <see cref="Count"/> is above 0.</summary>
    public T Pop()
    {
        var top = _items[0];
        var last = _items[--Count];
        if (Count > 0) ReplaceTop(last);
        return top;
    }

    /// <summary>Replaces the root with <paramref name="item"/> (one sift-down instead of a pop and a push); only when <see cref="Count"/> is above 0.</summary>
    public void ReplaceTop(T item)
    {
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count) break;
            if (child + 1 < Count && _order.Above(_items[child + 1], _items[child])) child++;
            if (!_order.Above(_items[child], item)) break;
            _items[i] = _items[child];
            i = child;
        }
        _items[i] = item;
    }
}
