using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Milvus.Local.Columns;
using Milvus.Local.Data;

namespace Milvus.Local.FullText;

/// <summary>One segment's BM25 statistics for one field: rows, tokens, and in how many rows each term occurs.</summary>
internal sealed record Bm25SegmentStats(long Rows, long Tokens, IReadOnlyDictionary<uint, int> RowsWithTerm)
{
    public static Bm25SegmentStats Of(SparseVectorColumn column)
    {
        long tokens = 0;
        var rowsWithTerm = new Dictionary<uint, int>();
        foreach (var row in column.Values)
        {
            foreach (var v in row.Values) tokens += (long)v;
            foreach (var term in row.Indices) rowsWithTerm[term] = rowsWithTerm.GetValueOrDefault(term) + 1;
        }
        return new Bm25SegmentStats(column.Length, tokens, rowsWithTerm);
    }
}

/// <summary>
/// The BM25 statistics of a collection's field, as Milvus's IDF oracle keeps them: the sum over every segment of
/// the collection (all partitions, growing and sealed) of rows, tokens and rows per term. Like Milvus's, they count
/// the rows a segment stores: a deleted row leaves them when compaction drops it. Segments are immutable, so each
/// segment's part is computed once and cached.
/// </summary>
internal sealed class Bm25Statistics
{
    private static readonly ConditionalWeakTable<Segment, ConcurrentDictionary<long, Bm25SegmentStats>> Cache = new();

    private readonly IReadOnlyList<Bm25SegmentStats> _parts;

    private Bm25Statistics(IReadOnlyList<Bm25SegmentStats> parts)
    {
        _parts = parts;
        Rows = parts.Sum(p => p.Rows);
        Tokens = parts.Sum(p => p.Tokens);
    }

    public long Rows { get; }

    public long Tokens { get; }

    /// <summary>BM25Stats.GetAvgdl: tokens per row (0 for an empty collection).</summary>
    public double AverageLength => Rows == 0 || Tokens == 0 ? 0 : (double)Tokens / Rows;

    public static Bm25Statistics Of(IEnumerable<Segment> segments, long fieldId)
        => new(segments.Select(s => Cache.GetOrCreateValue(s).GetOrAdd(fieldId, _ =>
            s.Column(fieldId) is SparseVectorColumn column ? Bm25SegmentStats.Of(column) : new Bm25SegmentStats(s.RowCount, 0, new Dictionary<uint, int>()))).ToList());

    public int RowsWithTerm(uint term) => _parts.Sum(p => p.RowsWithTerm.GetValueOrDefault(term));

    /// <summary>BM25Stats.BuildIDF: each term's value (its count in the query) times log(1 + (N − n + 0.5) / (n + 0.5)).</summary>
    public SparseRow WeighQuery(SparseRow termFrequencies)
    {
        var values = new float[termFrequencies.Values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            double n = RowsWithTerm(termFrequencies.Indices[i]);
            values[i] = termFrequencies.Values[i] * (float)Math.Log(1 + (Rows - n + 0.5) / (n + 0.5));
        }
        return new SparseRow(termFrequencies.Indices, values);
    }
}
