using System.Runtime.CompilerServices;

namespace Milvus.Local.Indexes;

/// <summary>A graph node with its distance to the query.</summary>
internal readonly record struct Candidate(float Distance, int Id);

/// <summary>
/// A binary heap of candidates ordered by distance: the nearest on top (<c>nearestFirst</c>) for the walk's
/// frontier, the farthest on top for the bounded result set. Reused across searches (no allocation per query).
/// </summary>
internal sealed class NodeHeap(bool nearestFirst, int capacity = 64)
{
    private Candidate[] _items = new Candidate[capacity];

    public int Count { get; private set; }

    public Candidate Top => _items[0];

    public void Clear() => Count = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Above(in Candidate a, in Candidate b) => nearestFirst ? a.Distance < b.Distance : a.Distance > b.Distance;

    public void Push(Candidate item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Count * 2);
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Above(item, _items[parent])) break;
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = item;
    }

    public Candidate Pop()
    {
        var top = _items[0];
        var last = _items[--Count];
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count) break;
            if (child + 1 < Count && Above(_items[child + 1], _items[child])) child++;
            if (!Above(_items[child], last)) break;
            _items[i] = _items[child];
            i = child;
        }
        if (Count > 0) _items[i] = last;
        return top;
    }

    /// <summary>The items in heap order (unsorted).</summary>
    public ReadOnlySpan<Candidate> Items => _items.AsSpan(0, Count);
}

/// <summary>Marks of visited nodes, reset in O(1) by bumping a generation (one per thread, reused).</summary>
internal sealed class VisitedSet(int size)
{
    private readonly int[] _marks = new int[size];
    private int _generation;

    public int Size => _marks.Length;

    public void Reset()
    {
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_marks);
            _generation = 1;
        }
    }

    /// <summary>Marks the node; false when it was already marked in this generation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(int id)
    {
        ref var mark = ref _marks[id];
        if (mark == _generation) return false;
        mark = _generation;
        return true;
    }
}
