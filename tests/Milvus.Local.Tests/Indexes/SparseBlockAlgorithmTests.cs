using Milvus.Local.Columns;
using Milvus.Local.Indexes;
using Milvus.Local.Search;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// Milvus 3.0's BLOCK_MAX_MAXSCORE, BLOCK_MAX_WAND and SINDI with small blocks and windows (so a list spans many
/// blocks and a query many windows): exactly the brute-force scan's rows and scores, with and without a mask, for IP
/// and BM25, after serialization too.
/// </summary>
public sealed class SparseBlockAlgorithmTests
{
    private static readonly SparseVectorColumn Column = SparseInvertedIndexTests.Corpus(3000, seed: 11);
    private static readonly SparseRow[] Queries = Enumerable.Range(0, 20).Select(i => SparseInvertedIndexTests.Corpus(1, seed: 500 + i).Values[0]).ToArray();

    public static TheoryData<string, int, bool, int> Cases()
    {
        var data = new TheoryData<string, int, bool, int>();
        foreach (var (algorithm, sizes) in new[] { (SparseInvertedIndex.BlockMaxMaxScore, new[] { 2, 5, 64 }), (SparseInvertedIndex.BlockMaxWand, new[] { 2, 5, 64 }), (SparseInvertedIndex.Sindi, new[] { 1, 97, 1024 }) })
            foreach (var size in sizes)
                foreach (var bm25 in new[] { false, true })
                    foreach (var k in new[] { 1, 10, 150 })
                        data.Add(algorithm, size, bm25, k);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Results_equal_the_brute_force_scan(string algorithm, int size, bool bm25, int k)
    {
        var built = SparseInvertedIndex.Build("SPARSE_INVERTED_INDEX", algorithm, Column, size);
        var index = SparseInvertedIndex.Load(built.Serialize());
        Assert.Equal((algorithm, size), (index.Algorithm, index.BlockSize));
        var scorer = bm25 ? SparseScorer.Bm25(1.2f, 0.75f, 14.3f) : SparseScorer.InnerProduct;
        var deleted = Enumerable.Range(0, Column.Length).Select(r => r % 5 == 1).ToArray();
        foreach (var mask in new[] { RowMask.Excluding(new bool[Column.Length]), RowMask.Excluding(deleted) })
            foreach (var query in Queries)
            {
                var expected = Enumerable.Range(0, Column.Length).Where(mask.Allows)
                    .Select(row => (Row: row, Score: scorer.Score(query, Column.Values[row])))
                    .Where(x => x.Score != 0).OrderByDescending(x => x.Score).ThenBy(x => x.Row).Take(k).ToList();
                Assert.NotEmpty(expected);
                Assert.Equal(expected, index.Search(query, scorer, k, mask).Select(h => (h.Row, h.Score)).ToList());
            }
    }

    [Fact]
    public void A_version_1_file_loads_with_the_default_block_size()
    {
        var index = SparseInvertedIndex.Build("SPARSE_WAND", SparseInvertedIndex.Wand, Column);
        var bytes = index.Serialize();
        Assert.Equal(SparseInvertedIndex.DefaultBlockSize, index.BlockSize);
        Assert.Equal(SparseInvertedIndex.DefaultWindowSize, SparseInvertedIndex.Build("SPARSE_INVERTED_INDEX", SparseInvertedIndex.Sindi, Column).BlockSize);
        // Version 1 had no block size between the algorithm and the row count.
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            using var r = new BinaryReader(new MemoryStream(bytes));
            r.ReadInt32();
            w.Write(1);
            w.Write(r.ReadString());
            w.Write(r.ReadString());
            r.ReadInt32();
            w.Write(r.ReadBytes(bytes.Length));
        }
        var old = SparseInvertedIndex.Load(stream.ToArray());
        Assert.Equal((SparseInvertedIndex.Wand, SparseInvertedIndex.DefaultBlockSize), (old.Algorithm, old.BlockSize));
        var all = RowMask.Excluding(new bool[Column.Length]);
        Assert.Equal(index.Search(Queries[0], SparseScorer.InnerProduct, 10, all), old.Search(Queries[0], SparseScorer.InnerProduct, 10, all));
    }
}
