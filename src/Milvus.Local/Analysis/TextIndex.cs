using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Milvus.Local.Columns;

namespace Milvus.Local.Analysis;

/// <summary>
/// The inverted index of one immutable VARCHAR column under one analyzer (Milvus's text-match index):
/// term → rows holding it, with the term's positions in each row. Built on first use and kept for as long
/// as the column (a segment's) lives; segments never change, so it never needs updating.
/// </summary>
internal sealed class TextIndex
{
    private readonly Dictionary<string, Posting> _postings;

    private TextIndex(Dictionary<string, Posting> postings) => _postings = postings;

    /// <summary>Rows (ascending) holding <paramref name="term"/>, each with its positions (ascending).</summary>
    public Posting? Find(string term) => _postings.GetValueOrDefault(term);

    public int TermCount => _postings.Count;

    private static readonly ConditionalWeakTable<StringColumn, ConcurrentDictionary<Analyzer, TextIndex>> Cache = new();

    /// <summary>The index of <paramref name="column"/> under <paramref name="analyzer"/>, built once per column and analyzer.</summary>
    public static TextIndex For(StringColumn column, Analyzer analyzer) =>
        Cache.GetOrCreateValue(column).GetOrAdd(analyzer, a => Build(column, a));

    private static TextIndex Build(StringColumn column, Analyzer analyzer)
    {
        var building = new Dictionary<string, List<(int Row, int Position)>>(StringComparer.Ordinal);
        var values = column.Values;
        var validity = column.Validity;
        for (var row = 0; row < values.Length; row++)
        {
            if (validity is not null && !validity[row] || values[row] is not { } text) continue;
            foreach (var token in analyzer.Analyze(text))
            {
                if (!building.TryGetValue(token.Text, out var list)) building[token.Text] = list = [];
                list.Add((row, token.Position));
            }
        }
        var postings = new Dictionary<string, Posting>(building.Count, StringComparer.Ordinal);
        foreach (var (term, entries) in building) postings[term] = Posting.From(entries);
        return new TextIndex(postings);
    }

    /// <summary>One term's rows and, per row, its positions (rows in insertion order, which is ascending).</summary>
    internal sealed class Posting(int[] rows, int[][] positions)
    {
        public int[] Rows { get; } = rows;
        public int[][] Positions { get; } = positions;

        public static Posting From(List<(int Row, int Position)> entries)
        {
            var rows = new List<int>();
            var positions = new List<int[]>();
            var start = 0;
            while (start < entries.Count)
            {
                var end = start;
                while (end < entries.Count && entries[end].Row == entries[start].Row) end++;
                rows.Add(entries[start].Row);
                var rowPositions = new int[end - start];
                for (var i = start; i < end; i++) rowPositions[i - start] = entries[i].Position;
                Array.Sort(rowPositions);
                positions.Add(rowPositions);
                start = end;
            }
            return new Posting([.. rows], [.. positions]);
        }

        public IReadOnlyList<int>? PositionsIn(int row)
        {
            var index = Array.BinarySearch(Rows, row);
            return index >= 0 ? Positions[index] : null;
        }
    }
}
