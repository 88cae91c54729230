using Milvus.Client.Tests.Support;

namespace Milvus.Client.Tests.Local;

/// <summary>QueryAsync(collection, EntityQuery): the named-arguments overload sends the same query as the positional one.</summary>
public class EntityQueryTests
{
    [Fact]
    public async Task Entity_query_object_matches_the_positional_call()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.InsertAsync("books", Rows.Books(10));
        await client.CreatePartitionAsync("books", "later");

        var named = await client.QueryAsync("books", new EntityQuery
        {
            Filter = "id >= {low}",
            OutputFields = ["title"],
            PartitionNames = ["_default"],
            Options = new QueryOptions { FilterParams = new Dictionary<string, object?> { ["low"] = 3 }, Limit = 3, OrderByFields = [("id", "desc")] },
        });
        var positional = await client.QueryAsync("books", "id >= {low}", ["title"], null, ["_default"],
            new QueryOptions { FilterParams = new Dictionary<string, object?> { ["low"] = 3 }, Limit = 3, OrderByFields = [("id", "desc")] });

        Assert.Equal([9L, 8L, 7L], named.Select(r => (long)r["id"]!));
        Assert.Equal(["t9", "t8", "t7"], named.Select(r => r["title"]!.ToString()));
        Assert.Equal(positional.Select(r => ((long)r["id"]!, r["title"]!.ToString())), named.Select(r => ((long)r["id"]!, r["title"]!.ToString())));

        var byIds = await client.QueryAsync("books", new EntityQuery { Ids = [2L, 4L], OutputFields = ["count(*)"] });
        Assert.Equal(2L, Convert.ToInt64(byIds[0]["count(*)"]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.QueryAsync("books", (EntityQuery)null!));
    }
}
