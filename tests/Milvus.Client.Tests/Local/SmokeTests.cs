using Milvus.Client.Tests.Support;

namespace Milvus.Client.Tests.Local;

public class SmokeTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Quick_setup_insert_query_search(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        Assert.True(await client.HasCollectionAsync("books"));
        var rows = Enumerable.Range(0, 5).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["id"] = (long)i,
            ["vector"] = new float[] { i, 0, 0, 1 },
            ["title"] = $"t{i}",
        }).ToList();
        var inserted = await client.InsertAsync("books", rows);
        Assert.Equal(5, inserted.InsertCount);
        var got = await client.QueryAsync("books", "id >= 3", outputFields: new[] { "id", "title" });
        Assert.Equal(2, got.Count);
        var hits = await client.SearchAsync("books", new object[] { new float[] { 1, 0, 0, 1 } }, limit: 2, outputFields: new[] { "title" });
        Assert.Single(hits);
    }
}
