using Milvus.Client.Tests.Support;

namespace Milvus.Client.Tests.Local;

/// <summary>ForDatabase: a client for another database over the same channel, handshake and credentials.</summary>
public class SharedConnectionTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task ForDatabase_shares_the_connection_and_sends_calls_to_its_database(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = setup.Client;
        await client.CreateDatabaseAsync("sales");
        await client.CreateCollectionAsync("books", dimension: 4);

        var sales = client.ForDatabase("sales");
        Assert.Equal("sales", sales.DbName);
        Assert.Equal(client.Address, sales.Address);
        Assert.True(sales.IsConnected);   // no second handshake: the parent's connection is already up
        await sales.CreateCollectionAsync("orders", dimension: 2);
        Assert.Equal(["orders"], await sales.ListCollectionsAsync());
        Assert.Equal(["books"], await client.ListCollectionsAsync());

        await sales.DisposeAsync();   // leaves the shared connection open
        Assert.Equal(["books"], await client.ListCollectionsAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sales.ListCollectionsAsync());

        var again = client.ForDatabase("sales");
        await client.DisposeAsync();   // the owner closes it for every database client
        await Assert.ThrowsAsync<ObjectDisposedException>(() => again.ListCollectionsAsync());
    }
}
