using Milvus.Local.Columns;

namespace Milvus.Local.Search;

/// <summary>
/// Scores sparse rows against a sparse query, term by term, as knowhere's inverted index does: IP sums q·v;
/// BM25 sums q·(k1+1)·tf / (tf + k1·(1−b) + k1·b/avgdl·dl), where q is the query term's weight (query tf × IDF),
/// tf the row's value and dl the row's length (the sum of its values). Brute-force scans and the sparse index
/// both score through this class, term by term in ascending term order, so their floats are identical.
/// </summary>
internal sealed class SparseScorer
{
    private readonly float _p1;
    private readonly float _p2;
    private readonly float _p3;

    private SparseScorer(bool isBm25, float k1, float b, float avgdl)
    {
        IsBm25 = isBm25;
        _p1 = k1 + 1;
        _p2 = k1 * (1 - b);
        _p3 = k1 * b / avgdl;
    }

    public static SparseScorer InnerProduct { get; } = new(false, 0, 0, 1);

    /// <param name="avgdl">The collection's average row length (knowhere raises it to at least 1).</param>
    public static SparseScorer Bm25(float k1, float b, float avgdl) => new(true, k1, b, Math.Max(avgdl, 1f));

    public bool IsBm25 { get; }

    /// <summary>The per-term factor of a query value (knowhere folds k1+1 into it once per term).</summary>
    public float QueryFactor(float queryValue) => IsBm25 ? queryValue * _p1 : queryValue;

    /// <summary>One term's contribution: <paramref name="factor"/> from <see cref="QueryFactor"/>, the row's value and length.</summary>
    public float Term(float factor, float value, float rowLength) => IsBm25 ? factor * value / (value + _p2 + _p3 * rowLength) : factor * value;

    /// <summary>An upper bound of <see cref="Term"/> over rows whose values reach at most <paramref name="maxValue"/> (at least
    /// <paramref name="minValue"/>) and whose lengths are at least <paramref name="minRowLength"/>: BM25 grows with tf and shrinks with dl.</summary>
    public float Bound(float factor, float minValue, float maxValue, float minRowLength)
        => IsBm25 ? Term(factor, maxValue, minRowLength) : Math.Max(factor * maxValue, factor * minValue);

    /// <summary>The score of <paramref name="row"/>, summed in ascending term order.</summary>
    public float Score(SparseRow query, SparseRow row)
    {
        var length = IsBm25 ? RowLength(row) : 0;
        float sum = 0;
        int i = 0, j = 0;
        while (i < query.Indices.Length && j < row.Indices.Length)
        {
            if (query.Indices[i] == row.Indices[j]) sum += Term(QueryFactor(query.Values[i++]), row.Values[j++], length);
            else if (query.Indices[i] < row.Indices[j]) i++;
            else j++;
        }
        return sum;
    }

    /// <summary>A row's length for BM25: the sum of its values (its token count), in index order.</summary>
    public static float RowLength(SparseRow row)
    {
        float sum = 0;
        foreach (var v in row.Values) sum += v;
        return sum;
    }
}
