using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Milvus.VectorData.Tests.Support;

namespace Milvus.VectorData.Tests;

/// <summary>MEVD's distance function, index kind and vector search conformance scenarios, with exact scores.</summary>
public class SearchTests
{
    public static TheoryData<Transport> Transports => new() { Transport.InProcess, Transport.Kestrel };

    private static readonly float[] Base = [1, 0, 0, 0];
    private static readonly float[] Opposite = [-1, 0, 0, 0];
    private static readonly float[] Orthogonal = [0, -1, -1, 0];

    /// <summary>Scores of the exact match, the opposite and the orthogonal vector, and the expected order (indexes into them).</summary>
    public static TheoryData<Transport, string, double[], int[]> DistanceFunctions()
    {
        var data = new TheoryData<Transport, string, double[], int[]>();
        foreach (var transport in new[] { Transport.InProcess, Transport.Kestrel })
        {
            data.Add(transport, DistanceFunction.CosineDistance, [0, 2, 1], [0, 2, 1]);
            data.Add(transport, DistanceFunction.CosineSimilarity, [1, -1, 0], [0, 2, 1]);
            data.Add(transport, DistanceFunction.DotProductSimilarity, [1, -1, 0], [0, 2, 1]);
            data.Add(transport, DistanceFunction.NegativeDotProductSimilarity, [-1, 1, 0], [0, 2, 1]);
            data.Add(transport, DistanceFunction.EuclideanDistance, [0, 2, Math.Sqrt(3)], [0, 2, 1]);
            data.Add(transport, DistanceFunction.EuclideanSquaredDistance, [0, 4, 3], [0, 2, 1]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DistanceFunctions))]
    public async Task Distance_functions_order_and_score_like_MEVD(Transport transport, string distanceFunction, double[] scores, int[] order)
    {
        await using var setup = await StoreSetup.StartAsync(transport);
        var collection = setup.Store.GetCollection<long, SearchRecord<long>>("distances", Definition(distanceFunction, null));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([Record(1, Base), Record(2, Opposite), Record(3, Orthogonal)]);

        var results = await collection.SearchAsync(new ReadOnlyMemory<float>(Base), top: 3).ToListAsync();

        Assert.Equal(order.Select(i => (long)i + 1), results.Select(r => r.Record.Key));
        Assert.Equal(order.Select(i => i + 1), results.Select(r => r.Record.Int));
        Assert.Equal(order.Select(i => Math.Round(scores[i], 4)), results.Select(r => Math.Round(r.Score!.Value, 4)));
    }

    [Theory]
    [InlineData(DistanceFunction.HammingDistance)]
    [InlineData(DistanceFunction.ManhattanDistance)]
    public async Task Distance_functions_Milvus_lacks_fail_when_the_collection_is_made(string distanceFunction)
    {
        await using var setup = await StoreSetup.StartAsync(Transport.InProcess);
        var error = Assert.Throws<NotSupportedException>(() => setup.Store.GetCollection<long, SearchRecord<long>>("d", Definition(distanceFunction, null)));
        Assert.Equal($"Distance function '{distanceFunction}' on vector property 'Vector' is not supported by Milvus float vectors. Supported: CosineSimilarity, "
            + "CosineDistance, DotProductSimilarity, NegativeDotProductSimilarity, EuclideanDistance, EuclideanSquaredDistance.", error.Message);
    }

    [Theory]
    [InlineData(IndexKind.Hnsw, "HNSW")]
    [InlineData(IndexKind.Flat, "FLAT")]
    [InlineData(IndexKind.IvfFlat, "IVF_FLAT")]
    [InlineData(IndexKind.DiskAnn, "DISKANN")]
    [InlineData(IndexKind.Dynamic, "AUTOINDEX")]
    [InlineData(null, "AUTOINDEX")]
    public async Task Index_kinds_are_Milvus_index_types(string? indexKind, string indexType)
    {
        await using var setup = await StoreSetup.StartAsync(Transport.InProcess);
        var collection = setup.Store.GetCollection<long, SearchRecord<long>>("kinds", Definition(DistanceFunction.EuclideanSquaredDistance, indexKind));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([Record(1, Base), Record(2, Opposite)]);

        var index = await setup.Client.DescribeIndexAsync("kinds", "Vector");
        Assert.Equal((indexType, "L2"), (index!.IndexType, index.MetricType));
        var results = await collection.SearchAsync(Opposite, top: 1).ToListAsync();
        Assert.Equal((2L, 0d), (results[0].Record.Key, results[0].Score!.Value));
    }

    [Fact]
    public async Task Index_kinds_Milvus_has_no_type_for_are_refused()
    {
        await using var setup = await StoreSetup.StartAsync(Transport.InProcess);
        var unknown = Assert.Throws<NotSupportedException>(() => setup.Store.GetCollection<long, SearchRecord<long>>("q", Definition(null, IndexKind.QuantizedFlat)));
        Assert.Equal("Index kind 'QuantizedFlat' on vector property 'Vector' is not supported by Milvus. Supported: Dynamic (AUTOINDEX, the default), Hnsw, Flat, IvfFlat, DiskAnn.",
            unknown.Message);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Top_skip_threshold_and_include_vectors(Transport transport)
    {
        await using var setup = await StoreSetup.StartAsync(transport);
        var collection = setup.Store.GetCollection<long, SearchRecord<long>>("paging", Definition(DistanceFunction.EuclideanSquaredDistance, null));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Enumerable.Range(1, 6).Select(i => Record(i, [i, 0, 0, 0])));
        float[] query = [0, 0, 0, 0];

        var top3 = await collection.SearchAsync(query, top: 3).ToListAsync();
        Assert.Equal([1L, 2L, 3L], top3.Select(r => r.Record.Key));
        Assert.Equal([1d, 4d, 9d], top3.Select(r => r.Score!.Value));
        Assert.All(top3, r => Assert.True(r.Record.Vector.IsEmpty));

        var skipped = await collection.SearchAsync(query, top: 2, new VectorSearchOptions<SearchRecord<long>> { Skip = 3, IncludeVectors = true }).ToListAsync();
        Assert.Equal([4L, 5L], skipped.Select(r => r.Record.Key));
        Assert.Equal([4f, 0, 0, 0], skipped[0].Record.Vector.ToArray());

        var close = await collection.SearchAsync(query, top: 6, new VectorSearchOptions<SearchRecord<long>> { ScoreThreshold = 9 }).ToListAsync();
        Assert.Equal([1L, 2L, 3L], close.Select(r => r.Record.Key));

        var filtered = await collection.SearchAsync(query, top: 6, new VectorSearchOptions<SearchRecord<long>> { Filter = r => r.Int > 4 }).ToListAsync();
        Assert.Equal([5L, 6L], filtered.Select(r => r.Record.Key));
    }

    [Fact]
    public async Task Similarity_thresholds_keep_higher_scores()
    {
        await using var setup = await StoreSetup.StartAsync(Transport.InProcess);
        var collection = setup.Store.GetCollection<long, SearchRecord<long>>("cosine", Definition(DistanceFunction.CosineSimilarity, null));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([Record(1, Base), Record(2, Opposite), Record(3, Orthogonal)]);
        var results = await collection.SearchAsync(Base, top: 3, new VectorSearchOptions<SearchRecord<long>> { ScoreThreshold = 0 }).ToListAsync();
        Assert.Equal([1L, 3L], results.Select(r => r.Record.Key));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Search_inputs_and_multiple_vectors(Transport transport)
    {
        await using var setup = await StoreSetup.StartAsync(transport);
        var collection = setup.Store.GetCollection<string, MultiVectorRecord>("multi");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([
            new MultiVectorRecord { Key = "a", Title = "first", TitleVector = [1, 0], BodyVector = new Half[] { (Half)0, (Half)1, (Half)0 } },
            new MultiVectorRecord { Key = "b", Title = "second", TitleVector = [0, 1], BodyVector = new Half[] { (Half)1, (Half)0, (Half)0 } },
        ]);

        var byTitle = new VectorSearchOptions<MultiVectorRecord> { VectorProperty = r => r.TitleVector };
        Assert.Equal("b", (await collection.SearchAsync(new float[] { 0, 1 }, top: 1, byTitle).SingleAsync()).Record.Key);
        Assert.Equal("a", (await collection.SearchAsync(new Embedding<float>(new float[] { 1, 0 }), top: 1, byTitle).SingleAsync()).Record.Key);
        var which = await Assert.ThrowsAsync<InvalidOperationException>(() => collection.SearchAsync(new float[] { 0, 1 }, top: 1).ToListAsync().AsTask());
        Assert.Equal("The 'MultiVectorRecord' type has multiple vector properties, please specify your chosen property via options.", which.Message);
        var byBody = await collection.SearchAsync(new Half[] { (Half)1, (Half)0, (Half)0 }, top: 2,
            new VectorSearchOptions<MultiVectorRecord> { VectorProperty = r => r.BodyVector, IncludeVectors = true }).ToListAsync();
        Assert.Equal(["b", "a"], byBody.Select(r => r.Record.Key));
        Assert.Equal([0d, 2d], byBody.Select(r => Math.Round(r.Score!.Value, 4)));
        Assert.Equal(new Half[] { (Half)1, (Half)0, (Half)0 }, byBody[0].Record.BodyVector.ToArray());
        Assert.Equal([0f, 1f], byBody[0].Record.TitleVector);

        var fields = (await setup.Client.DescribeCollectionAsync("multi")).Fields.ToDictionary(f => f.Name);
        Assert.Equal(Client.DataType.Float16Vector, fields["BodyVector"].DataType);
        Assert.Equal(Client.DataType.VarChar, fields["Key"].DataType);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => collection.SearchAsync("text", top: 1, byTitle).ToListAsync().AsTask());
        Assert.Equal("A value of type 'string' was passed to 'SearchAsync', but that isn't a supported vector type by your provider and no embedding generator was configured. "
            + "The supported vector types are: ReadOnlyMemory<float>, float[], Embedding<float>, ReadOnlyMemory<Half>, Half[].", error.Message);
        var ambiguous = await Assert.ThrowsAsync<InvalidOperationException>(() => collection.SearchAsync(new float[] { 0, 1 }, top: 1,
            new VectorSearchOptions<MultiVectorRecord> { VectorProperty = r => r.Title }).ToListAsync().AsTask());
        Assert.Equal("Property 'Title' isn't of type 'VectorPropertyModel'.", ambiguous.Message);
    }

    [Fact]
    public async Task Filtered_get_with_top_skip_and_order_by()
    {
        await using var setup = await StoreSetup.StartAsync(Transport.InProcess);
        var collection = setup.Store.GetCollection<long, SearchRecord<long>>("ordered", Definition(null, null));
        await collection.EnsureCollectionExistsAsync();
        int[] ints = [5, 3, 9, 1, 7, 3];
        await collection.UpsertAsync(ints.Select((n, i) => new SearchRecord<long> { Key = i + 1, Int = n, Vector = new float[] { 1, n, 0, 0 } }));

        var firstTwo = await collection.GetAsync(r => r.Int > 2, top: 2).ToListAsync();
        Assert.Equal([1L, 2L], firstTwo.Select(r => r.Key));
        var page = await collection.GetAsync(r => r.Int > 2, top: 2, new FilteredRecordRetrievalOptions<SearchRecord<long>> { Skip = 2 }).ToListAsync();
        Assert.Equal([3L, 5L], page.Select(r => r.Key));

        var ascending = await collection.GetAsync(r => true, top: 4, new FilteredRecordRetrievalOptions<SearchRecord<long>>
        {
            OrderBy = o => o.Ascending(r => r.Int).Descending(r => r.Key),
            Skip = 1,
            IncludeVectors = true,
        }).ToListAsync();
        Assert.Equal([6L, 2L, 1L, 5L], ascending.Select(r => r.Key));
        Assert.Equal([1f, 3f, 0f, 0f], ascending[0].Vector.ToArray());
        var descending = await collection.GetAsync(r => r.Int < 9, top: 10, new FilteredRecordRetrievalOptions<SearchRecord<long>>
        {
            OrderBy = o => o.Descending(r => r.Int),
        }).ToListAsync();
        Assert.Equal([7, 5, 3, 3, 1], descending.Select(r => r.Int));
    }

    internal static VectorStoreCollectionDefinition Definition(string? distanceFunction, string? indexKind) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(SearchRecord<long>.Key), typeof(long)),
            new VectorStoreDataProperty(nameof(SearchRecord<long>.Int), typeof(int)),
            new VectorStoreVectorProperty(nameof(SearchRecord<long>.Vector), typeof(ReadOnlyMemory<float>), 4)
            {
                DistanceFunction = distanceFunction,
                IndexKind = indexKind,
            },
        ],
    };

    private static SearchRecord<long> Record(long key, float[] vector) => new() { Key = key, Int = (int)key, Vector = vector };

    public sealed class MultiVectorRecord
    {
        [VectorStoreKey]
        public string Key { get; set; } = "";

        [VectorStoreData]
        public string Title { get; set; } = "";

        [VectorStoreVector(2, DistanceFunction = DistanceFunction.DotProductSimilarity)]
        public float[] TitleVector { get; set; } = [];

        [VectorStoreVector(3, DistanceFunction = DistanceFunction.EuclideanSquaredDistance, IndexKind = IndexKind.Flat)]
        public ReadOnlyMemory<Half> BodyVector { get; set; }
    }
}
