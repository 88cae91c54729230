using Milvus.Client.Internal.Transport;
using Milvus.Client.Tests.Support;
using Milvus.Local;
using Milvus.Local.Server;

namespace Milvus.Client.Tests.Local;

public class ConnectionTests
{
    [Fact]
    public async Task Two_clients_share_one_engine_per_db_file_until_the_last_closes()
    {
        using var folder = new TempFolder();
        var path = folder.File("shared.db");
        var full = Path.GetFullPath(path);
        var first = new AsyncMilvusClient(path);
        var second = new AsyncMilvusClient(Path.Combine(folder.Path, ".", "shared.db"));
        Assert.True(first.IsLocal);
        await first.CreateCollectionAsync("books", dimension: 4);
        Assert.Equal(new[] { "books" }, await second.ListCollectionsAsync());
        Assert.Equal(2, LocalEngineRegistry.ReferenceCount(full));
        await first.DisposeAsync();
        Assert.Equal(1, LocalEngineRegistry.ReferenceCount(full));
        Assert.True(await second.HasCollectionAsync("books"));
        await second.DisposeAsync();
        Assert.Equal(0, LocalEngineRegistry.ReferenceCount(full));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => second.ListCollectionsAsync());

        // Reopening finds the data again (the engine persisted it).
        await using var third = new AsyncMilvusClient(path);
        Assert.Equal(new[] { "books" }, await third.ListCollectionsAsync());
    }

    [Fact]
    public async Task Construction_does_no_io_and_connect_is_idempotent()
    {
        using var folder = new TempFolder();
        var path = folder.File("lazy.db");
        await using var client = new AsyncMilvusClient(path);
        Assert.False(File.Exists(path));
        Assert.False(client.IsConnected);
        await client.ConnectAsync();
        await client.ConnectAsync();
        Assert.True(client.IsConnected);
        Assert.True(File.Exists(path));
        Assert.Equal("milvus", client.GetServerType());
        Assert.False(string.IsNullOrEmpty(await client.GetServerVersionAsync()));
        var detail = await client.GetServerVersionDetailAsync();
        Assert.Equal("STANDALONE", detail.DeployMode);
    }

    [Fact]
    public async Task Unix_socket_transport()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder();
        await using var engine = MilvusLocalEngine.Open(folder.File("u.db"));
        var socket = folder.File("milvus.sock");
        await using var host = await LocalServerHost.StartAsync(engine, new LocalServerOptions { UnixSocket = socket });
        await using var client = new AsyncMilvusClient($"unix:{socket}");
        await client.CreateCollectionAsync("books", dimension: 2);
        Assert.Equal(new[] { "books" }, await client.ListCollectionsAsync());
    }

    [Fact]
    public async Task Cancellation_stops_a_wait_loop()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => setup.Client.ListCollectionsAsync(cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Local_mode_rejects_a_missing_parent_folder()
    {
        var e = Assert.Throws<ConnectionConfigException>(() => new AsyncMilvusClient("/no/such/dir/x.db"));
        Assert.Equal("Open local milvus failed, dir: /no/such/dir not exists", e.Message);
        await Task.CompletedTask;
    }
}
