using Microsoft.Extensions.VectorData;
using Milvus.VectorData.Tests.Support;

namespace Milvus.VectorData.Tests;

/// <summary>MEVD keyword hybrid search on Milvus BM25: a full-text property fused with the vector search by RRF, exact order and scores.</summary>
public class HybridSearchTests
{
    public static TheoryData<Transport> Transports => new() { Transport.InProcess, Transport.Kestrel };

    public sealed class Article
    {
        [VectorStoreKey]
        public long Key { get; set; }

        [VectorStoreData(IsFullTextIndexed = true)]
        public string Text { get; set; } = "";

        [VectorStoreVector(2, DistanceFunction = DistanceFunction.DotProductSimilarity, IndexKind = IndexKind.Flat)]
        public ReadOnlyMemory<float> Vector { get; set; }
    }

    private static readonly Article[] Articles =
    [
        new() { Key = 1, Text = "The quick brown fox", Vector = new float[] { 0.5f, 0 } },
        new() { Key = 2, Text = "the lazy dog", Vector = new float[] { 0.8f, 0 } },
        new() { Key = 3, Text = "Quick quick fox jumps", Vector = new float[] { 0, 1 } },
        new() { Key = 4, Text = "a dog and a fox", Vector = new float[] { 0.9f, 0 } },
        new() { Key = 5, Text = "Milvus vector database", Vector = new float[] { 0.1f, 0 } },
    ];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Keyword_hybrid_search_fuses_bm25_and_vector_search_with_rrf(Transport transport)
    {
        await using var setup = await StoreSetup.StartAsync(transport);
        var collection = setup.Store.GetCollection<long, Article>("articles");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Articles);
        var hybrid = Assert.IsAssignableFrom<IKeywordHybridSearchable<Article>>(collection.GetService(typeof(IKeywordHybridSearchable<Article>)));

        // BM25 "quick fox": 3, 1, 4. Dot product with [1, 0]: 4, 2, 1, 5. RRF (k 60) sums 1/(60 + rank) per list.
        var results = await hybrid.HybridSearchAsync(new ReadOnlyMemory<float>([1f, 0f]), ["quick", "fox"], top: 4).ToListAsync();

        Assert.Equal([4L, 1, 3, 2], results.Select(r => r.Record.Key));
        Assert.Equal([Articles[3].Text, Articles[0].Text, Articles[2].Text, Articles[1].Text], results.Select(r => r.Record.Text));
        Assert.Equal([(double)(1 / 61f + 1 / 63f), (double)(1 / 63f + 1 / 62f), (double)(1 / 61f), (double)(1 / 62f)], results.Select(r => r.Score!.Value));

        var skipped = await hybrid.HybridSearchAsync(new ReadOnlyMemory<float>([1f, 0f]), ["quick", "fox"], top: 2,
            new HybridSearchOptions<Article> { Skip = 1, Filter = a => a.Key != 3 }).ToListAsync();
        Assert.Equal([1L, 2], skipped.Select(r => r.Record.Key));
    }
}
