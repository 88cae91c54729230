namespace Milvus.Local.Indexes;

/// <summary>
/// A graph search's candidate list (DiskANN's NeighborPriorityQueue): the best <c>capacity</c> candidates seen so far,
/// kept sorted, each marked once expanded. The search repeatedly expands the nearest unexpanded candidates and stops
/// when every candidate in the list has been expanded. Reused across searches.
/// </summary>
internal sealed class CandidateList
{
    private Candidate[] _items = new Candidate[64];
    private bool[] _expanded = new bool[64];
    private int _capacity;
    private int _cursor; // no unexpanded candidate before this position

    public int Count { get; private set; }

    public void Reset(int capacity)
    {
        _capacity = capacity;
        Count = 0;
        _cursor = 0;
        if (_items.Length < capacity + 1)
        {
            _items = new Candidate[capacity + 1];
            _expanded = new bool[capacity + 1];
        }
    }

    public bool HasUnexpanded => _cursor < Count;

    /// <summary>Adds a candidate unless the list is full of nearer ones.</summary>
    public void Insert(Candidate candidate)
    {
        if (Count == _capacity && candidate.Distance >= _items[Count - 1].Distance) return;
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (_items[mid].Distance <= candidate.Distance) lo = mid + 1;
            else hi = mid;
        }
        var moved = Math.Min(Count, _capacity - 1) - lo;
        if (moved > 0)
        {
            Array.Copy(_items, lo, _items, lo + 1, moved);
            Array.Copy(_expanded, lo, _expanded, lo + 1, moved);
        }
        _items[lo] = candidate;
        _expanded[lo] = false;
        if (Count < _capacity) Count++;
        if (lo < _cursor) _cursor = lo;
    }

    /// <summary>Marks the nearest unexpanded candidate expanded and returns it.</summary>
    public Candidate ExpandNext()
    {
        var candidate = _items[_cursor];
        _expanded[_cursor] = true;
        while (_cursor < Count && _expanded[_cursor]) _cursor++;
        return candidate;
    }
}
