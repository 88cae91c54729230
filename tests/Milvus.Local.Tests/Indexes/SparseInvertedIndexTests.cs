using Milvus.Local.Columns;
using Milvus.Local.Indexes;
using Milvus.Local.Search;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// The sparse inverted index against a brute-force scan of the same rows: every algorithm, IP and BM25, with and
/// without a row mask, returns exactly the scan's rows and scores (bit for bit), and survives serialization.
/// </summary>
public sealed class SparseInvertedIndexTests
{
    private static readonly SparseVectorColumn Column = Corpus(2500, seed: 3);
    private static readonly SparseRow[] Queries = Enumerable.Range(0, 25).Select(i => Corpus(1, seed: 100 + i).Values[0]).ToArray();

    /// <summary>Rows of 1-40 terms drawn from a Zipf-like vocabulary of 3000 terms, values are term counts (1-4).</summary>
    internal static SparseVectorColumn Corpus(int rows, int seed)
    {
        var random = new Random(seed);
        var values = new SparseRow[rows];
        for (var r = 0; r < rows; r++)
        {
            var terms = new SortedDictionary<uint, float>();
            var length = random.Next(1, 41);
            for (var i = 0; i < length; i++)
            {
                var term = (uint)(Math.Pow(3000, random.NextDouble()) - 1) * 7919u;
                terms[term] = terms.GetValueOrDefault(term) + random.Next(1, 3);
            }
            values[r] = new SparseRow(terms.Keys.ToArray(), terms.Values.ToArray());
        }
        return new SparseVectorColumn(values);
    }

    private static List<(int Row, float Score)> BruteForce(SparseRow query, SparseScorer scorer, int k, RowMask mask)
        => Enumerable.Range(0, Column.Length)
            .Where(mask.Allows)
            .Select(row => (Row: row, Score: scorer.Score(query, Column.Values[row])))
            .Where(x => x.Score != 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Row)
            .Take(k).ToList();

    public static TheoryData<string, bool, int> Cases()
    {
        var data = new TheoryData<string, bool, int>();
        foreach (var algorithm in SparseInvertedIndex.Algorithms)
            foreach (var bm25 in new[] { false, true })
                foreach (var k in new[] { 1, 10, 200 })
                    data.Add(algorithm, bm25, k);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_algorithm_returns_exactly_the_brute_force_top_k(string algorithm, bool bm25, int k)
    {
        var index = SparseInvertedIndex.Build("SPARSE_INVERTED_INDEX", algorithm, Column);
        var scorer = bm25 ? SparseScorer.Bm25(1.2f, 0.75f, 14.3f) : SparseScorer.InnerProduct;
        var deleted = Enumerable.Range(0, Column.Length).Select(r => r % 7 == 3).ToArray();
        foreach (var mask in new[] { RowMask.Excluding(new bool[Column.Length], Column.Length), RowMask.Excluding(deleted, deleted.Count(d => !d)) })
            foreach (var query in Queries)
            {
                var expected = BruteForce(query, scorer, k, mask);
                var actual = index.Search(query, scorer, k, mask).Select(h => (h.Row, h.Score)).ToList();
                Assert.NotEmpty(expected);
                Assert.Equal(expected, actual);
            }
    }

    [Fact]
    public void A_loaded_index_answers_like_the_built_one()
    {
        var built = SparseInvertedIndex.Build("SPARSE_WAND", SparseInvertedIndex.Wand, Column);
        var loaded = SparseInvertedIndex.Load(built.Serialize());
        Assert.Equal("SPARSE_WAND", loaded.IndexType);
        Assert.Equal(SparseInvertedIndex.Wand, loaded.Algorithm);
        var scorer = SparseScorer.Bm25(1.5f, 0.6f, 20f);
        var all = RowMask.Excluding(new bool[Column.Length], Column.Length);
        foreach (var query in Queries)
            Assert.Equal(built.Search(query, scorer, 10, all), loaded.Search(query, scorer, 10, all));
    }

    [Fact]
    public void Terms_the_segment_lacks_find_nothing()
    {
        var index = SparseInvertedIndex.Build("SPARSE_INVERTED_INDEX", SparseInvertedIndex.MaxScore, Column);
        var absent = new SparseRow([1u, 2u, 3u], [1f, 1f, 1f]);
        Assert.Empty(index.Search(absent, SparseScorer.InnerProduct, 10, RowMask.Excluding(new bool[Column.Length], Column.Length)));
    }

    [Fact]
    public void Bm25_term_score_is_knowhere_formula()
    {
        // q·(k1+1)·tf / (tf + k1·(1−b) + k1·b·dl/avgdl) with k1 1.2, b 0.75, avgdl 4, tf 2, dl 6, q 0.5.
        var scorer = SparseScorer.Bm25(1.2f, 0.75f, 4f);
        var score = scorer.Score(new SparseRow([9u], [0.5f]), new SparseRow([3u, 9u], [4f, 2f]));
        Assert.Equal(0.5 * 2.2 * 2 / (2 + 1.2 * 0.25 + 1.2 * 0.75 * 6 / 4), score, 6);
        // avgdl below 1 is raised to 1, as knowhere does.
        Assert.Equal(SparseScorer.Bm25(1.2f, 0.75f, 1f).Score(new SparseRow([9u], [1f]), new SparseRow([9u], [1f])),
            SparseScorer.Bm25(1.2f, 0.75f, 0.2f).Score(new SparseRow([9u], [1f]), new SparseRow([9u], [1f])));
    }
}
