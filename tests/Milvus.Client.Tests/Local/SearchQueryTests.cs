using Milvus.Client.Tests.Support;

namespace Milvus.Client.Tests.Local;

/// <summary>SearchAsync(collection, SearchQuery): the named-arguments overload sends the same search as the positional one.</summary>
public class SearchQueryTests
{
    [Fact]
    public async Task Search_query_object_matches_the_positional_call()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.InsertAsync("books", Rows.Books(10));
        IReadOnlyList<object> data = [new float[] { 5, 0, 0, 1 }];

        var named = await client.SearchAsync("books", new SearchQuery
        {
            Data = data,
            Filter = "id >= 3",
            Limit = 3,
            OutputFields = ["title"],
            Options = new SearchOptions { ConsistencyLevel = ConsistencyLevel.Strong, RoundDecimal = 4 },
        });
        var positional = await client.SearchAsync("books", data, "id >= 3", 3, ["title"], null, null, null, null, null,
            new SearchOptions { ConsistencyLevel = ConsistencyLevel.Strong, RoundDecimal = 4 });

        Assert.Equal([5L, 6L, 4L], named[0].Select(h => (long)h.Id));
        Assert.Equal([1.0f, 0.9995f, 0.9989f], named[0].Select(h => h.Distance));
        Assert.Equal(["t5", "t6", "t4"], named[0].Select(h => h.Entity["title"]!.ToString()));   // a dynamic field: a JSON value
        Assert.Equal(positional[0].Select(h => (h.Id, h.Distance)), named[0].Select(h => (h.Id, h.Distance)));
    }
}
