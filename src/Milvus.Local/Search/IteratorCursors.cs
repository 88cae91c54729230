namespace Milvus.Local.Search;

/// <summary>Where the next page of a search iterator starts: hits ranked strictly after this score (and, on a tie, key).</summary>
/// <param name="LastKey">The primary key of the last hit returned at <paramref name="Bound"/>; null to skip every tie.</param>
internal sealed record IteratorCursor(float Bound, object? LastKey);

/// <summary>
/// The last hit each search iterator token returned, so that the next page can resume inside a run of equal
/// scores without repeats or gaps. Milvus itself keeps only last_bound (hits strictly beyond it); when the
/// client's last_bound is not the one recorded here (unknown token, restarted engine) that is what happens.
/// Bounded: the oldest tokens are forgotten first.
/// </summary>
internal sealed class IteratorCursors
{
    public const int Capacity = 4096;

    private sealed record Entry(float SentBound, float ExactBound, object LastKey);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _age = new();
    private readonly object _gate = new();

    /// <summary>The cursor of a page request: none on the first page, else the recorded one or last_bound alone.</summary>
    public IteratorCursor? Resume(SearchIteratorV2 page)
    {
        if (page.LastBound is not { } sent) return null;
        lock (_gate)
        {
            return _entries.TryGetValue(page.Token, out var e) && e.SentBound == sent
                ? new IteratorCursor(e.ExactBound, e.LastKey)
                : new IteratorCursor(sent, null);
        }
    }

    /// <summary>Records the last hit of a page: the bound the client was sent, the exact score and the key.</summary>
    public void Record(string token, float sentBound, float exactBound, object lastKey)
    {
        lock (_gate)
        {
            if (!_entries.ContainsKey(token))
            {
                if (_entries.Count >= Capacity) _entries.Remove(_age.Dequeue());
                _age.Enqueue(token);
            }
            _entries[token] = new Entry(sentBound, exactBound, lastKey);
        }
    }
}
