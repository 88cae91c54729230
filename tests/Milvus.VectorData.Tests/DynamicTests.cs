using Microsoft.Extensions.VectorData;
using Milvus.VectorData.Tests.Support;

namespace Milvus.VectorData.Tests;

/// <summary>MEVD's dynamic mapping scenarios: Dictionary&lt;string, object?&gt; records described by a definition.</summary>
public class DynamicTests
{
    private static readonly VectorStoreCollectionDefinition Definition = new()
    {
        Properties =
        [
            new VectorStoreKeyProperty("Id", typeof(Guid)) { StorageName = "id" },
            new VectorStoreDataProperty("Title", typeof(string)) { StorageName = "title" },
            new VectorStoreDataProperty("Year", typeof(int?)),
            new VectorStoreDataProperty("Score", typeof(double)),
            new VectorStoreDataProperty("Genres", typeof(List<string>)),
            new VectorStoreVectorProperty("Embedding", typeof(float[]), 2) { DistanceFunction = DistanceFunction.DotProductSimilarity },
        ],
    };

    private static readonly Guid First = new("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid Second = new("aaaaaaaa-0000-0000-0000-000000000002");

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Dynamic_records_round_trip_with_their_configured_types(Transport transport)
    {
        await using var setup = await StoreSetup.StartAsync(transport);
        var collection = setup.Store.GetDynamicCollection("movies", Definition);
        Assert.IsType<MilvusDynamicCollection>(collection);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([
            new Dictionary<string, object?> { ["Id"] = First, ["Title"] = "Alien", ["Year"] = 1979, ["Score"] = 8.5, ["Genres"] = new List<string> { "horror", "sci-fi" }, ["Embedding"] = new float[] { 1, 0 } },
            new Dictionary<string, object?> { ["Id"] = Second, ["Title"] = "Heat", ["Year"] = null, ["Score"] = 8.3, ["Genres"] = new List<string> { "crime" }, ["Embedding"] = new float[] { 0, 1 } },
        ]);

        var alien = await collection.GetAsync(First, new RecordRetrievalOptions { IncludeVectors = true });
        Assert.NotNull(alien);
        Assert.Equal(["Embedding", "Genres", "Id", "Score", "Title", "Year"], alien.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(First, alien["Id"]);
        Assert.Equal("Alien", alien["Title"]);
        Assert.Equal(1979, alien["Year"]);
        Assert.Equal(8.5, alien["Score"]);
        Assert.Equal(["horror", "sci-fi"], Assert.IsType<List<string>>(alien["Genres"]));
        Assert.Equal([1f, 0f], Assert.IsType<float[]>(alien["Embedding"]));

        var heat = await collection.GetAsync(Second);
        Assert.NotNull(heat);
        Assert.Null(heat["Year"]);
        Assert.False(heat.ContainsKey("Embedding"));

        var hits = await collection.SearchAsync(new float[] { 0, 1 }, top: 2, new VectorSearchOptions<Dictionary<string, object?>> { Filter = r => r["Year"] == null })
            .ToListAsync();
        Assert.Equal(Second, Assert.Single(hits).Record["Id"]);
        Assert.Equal(1d, hits[0].Score);

        var fields = (await setup.Client.DescribeCollectionAsync("movies")).Fields.Select(f => f.Name);
        Assert.Equal(["id", "title", "Year", "Score", "Genres", "Embedding"], fields);

        await collection.DeleteAsync([First, Second]);
        Assert.Empty(await collection.GetAsync([First, Second]).ToListAsync());
    }

    [Fact]
    public async Task Dynamic_values_and_keys_of_another_type_are_rejected()
    {
        await using var setup = await StoreSetup.StartAsync(Transport.InProcess);
        var collection = setup.Store.GetDynamicCollection("movies", Definition);
        await collection.EnsureCollectionExistsAsync();
        var wrongValue = await Assert.ThrowsAsync<InvalidCastException>(() => collection.UpsertAsync(
            new Dictionary<string, object?> { ["Id"] = First, ["Title"] = "Alien", ["Year"] = 1979L, ["Score"] = 8.5, ["Genres"] = new List<string>(), ["Embedding"] = new float[] { 1, 0 } }));
        Assert.Equal("Property 'Year' has a value of type 'Int64', but its configured type is 'Nullable`1'.", wrongValue.Message);
        var wrongKey = await Assert.ThrowsAsync<ArgumentException>(() => collection.GetAsync(1L));
        Assert.StartsWith("Key '1' has type 'Int64', but key property 'Id' has type 'Guid'.", wrongKey.Message);
        Assert.Throws<NotSupportedException>(() => setup.Store.GetCollection<object, Dictionary<string, object?>>("movies", Definition));
    }
}
