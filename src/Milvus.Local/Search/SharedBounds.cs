namespace Milvus.Local.Search;

/// <summary>
/// Per query of one search request: the tightest top-k bound (the worst kept score of a full heap) any block of the
/// exact scan has reached so far. The blocks run in parallel, each with heaps of its own that start empty; a row
/// scoring strictly worse than another block's full heap's worst cannot be in the merged top k, so every block may
/// skip it instead of offering it (without this, each block offers about k ln(rows / k) rows per query before its
/// heaps settle). Written without locks: every value written is some block's valid bound, so a stale read or a lost
/// update only skips fewer rows.
/// </summary>
internal sealed class SharedBounds
{
    private readonly float[] _bounds;
    private readonly Metric _metric;

    public SharedBounds(int queries, Metric metric)
    {
        _metric = metric;
        _bounds = new float[queries];
        Array.Fill(_bounds, metric.HigherIsBetter() ? float.NegativeInfinity : float.PositiveInfinity);
    }

    /// <summary>The tightest bound published for query <paramref name="query"/> (an infinity until a block's heap is full).</summary>
    public float this[int query] => Volatile.Read(ref _bounds[query]);

    /// <summary>Publishes the worst kept score of a full heap of query <paramref name="query"/>, when it is tighter.</summary>
    public void Publish(int query, float bound)
    {
        if (_metric.Better(bound, _bounds[query])) Volatile.Write(ref _bounds[query], bound);
    }
}
