namespace Milvus.Local.Search;

/// <summary>
/// The order hits rank in: better score first, ties broken by position (view, row) for plain searches, or by
/// primary key for search iterators (so a page boundary inside a run of equal scores is reproducible).
/// </summary>
internal sealed class HitOrder
{
    private readonly Func<Hit, object>? _keyOf;

    private HitOrder(Metric metric, Func<Hit, object>? keyOf)
    {
        Metric = metric;
        _keyOf = keyOf;
    }

    public Metric Metric { get; }

    public static HitOrder ByPosition(Metric metric) => new(metric, null);

    /// <param name="keyOf">The primary key (long or string) of a hit's row.</param>
    public static HitOrder ByPrimaryKey(Metric metric, Func<Hit, object> keyOf) => new(metric, keyOf);

    /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    public int Compare(Hit a, Hit b)
    {
        if (a.Score != b.Score) return Metric.Better(a.Score, b.Score) ? -1 : 1;
        if (_keyOf is not null) return CompareKeys(_keyOf(a), _keyOf(b));
        return a.View != b.View ? a.View.CompareTo(b.View) : a.Row.CompareTo(b.Row);
    }

    /// <summary>True when the hit ranks strictly after the cursor (a score and, for ties, the last key returned).</summary>
    public bool IsAfter(Hit hit, IteratorCursor cursor)
    {
        if (hit.Score != cursor.Bound) return Metric.Better(cursor.Bound, hit.Score);
        return cursor.LastKey is not null && _keyOf is not null && CompareKeys(_keyOf(hit), cursor.LastKey) > 0;
    }

    public static int CompareKeys(object a, object b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => throw new InvalidOperationException("primary keys of one collection share a type"),
    };
}
