using System.Management.Automation.Runspaces;
using Milvus.Client;
using Milvus.PowerShell.Connections;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Tests;

public sealed class ConnectionRegistryTests
{
    private static MilvusConnection NewConnection(string name, string user = "alice")
    {
        // The client constructor does no I/O, so an unreachable address is fine for registry tests.
        var client = new AsyncMilvusClient("http://127.0.0.1:1", user, "s3cr3t-pw");
        return new MilvusConnection(name, MilvusEndpoint.From(client), client, user, MilvusAuthType.Password);
    }

    [Fact]
    public void DefaultsArePerRunspace()
    {
        Runspace? saved = Runspace.DefaultRunspace;
        using Runspace first = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        using Runspace second = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        MilvusConnection connection = NewConnection("reg-a");
        try
        {
            Runspace.DefaultRunspace = first;
            ConnectionRegistry.Register(connection, makeDefault: true);
            Assert.Same(connection, ConnectionRegistry.Default);
            Assert.True(connection.IsDefault);
            Assert.Same(connection, ConnectionRegistry.Find("REG-A"));

            Runspace.DefaultRunspace = second;
            Assert.Null(ConnectionRegistry.Default);
            Assert.Null(ConnectionRegistry.Find("reg-a"));
            Assert.False(connection.IsDefault);

            Runspace.DefaultRunspace = first;
            ConnectionRegistry.Unregister(connection);
            Assert.Null(ConnectionRegistry.Default);
            Assert.Empty(ConnectionRegistry.List());
        }
        finally
        {
            connection.Close();
            Runspace.DefaultRunspace = saved;
        }
    }

    [Fact]
    public async Task EveryDatabaseSharesTheConnectionsChannel()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"milvus-conn-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var client = new AsyncMilvusClient(Path.Combine(folder, "shared.db"), timeout: TimeSpan.FromSeconds(60));   // a loaded CI machine is slow to open
        var connection = new MilvusConnection("shared", MilvusEndpoint.From(client), client, null, MilvusAuthType.None);
        try
        {
            await client.ConnectAsync();
            await client.CreateDatabaseAsync("sales");

            AsyncMilvusClient sales = connection.ClientFor("sales");
            Assert.Same(sales, connection.ClientFor("sales"));
            Assert.Same(client, connection.ClientFor("default"));
            Assert.Same(client, connection.ClientFor(null));
            Assert.Equal("sales", sales.DbName);
            Assert.True(sales.IsConnected, "a database switch reuses the open channel and handshake; it never connects again");

            await sales.CreateCollectionAsync("orders", dimension: 2);
            Assert.Equal(["orders"], await sales.ListCollectionsAsync());
            Assert.Empty(await client.ListCollectionsAsync());
        }
        finally
        {
            connection.Close();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void UniqueNamesCountUp()
    {
        Runspace? saved = Runspace.DefaultRunspace;
        using Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        MilvusConnection first = NewConnection("host");
        try
        {
            Runspace.DefaultRunspace = runspace;
            ConnectionRegistry.Register(first, makeDefault: false);
            Assert.Equal("host2", ConnectionRegistry.UniqueName("host"));
            Assert.Equal("other", ConnectionRegistry.UniqueName("other"));
            Assert.Null(ConnectionRegistry.Default);
        }
        finally
        {
            ConnectionRegistry.Unregister(first);
            first.Close();
            Runspace.DefaultRunspace = saved;
        }
    }

    [Fact]
    public void ToStringAndPropertiesNeverShowThePassword()
    {
        MilvusConnection connection = NewConnection("secrets");
        try
        {
            Assert.Equal("alice@127.0.0.1:1/default", connection.ToString());
            string dump = string.Join("|", typeof(MilvusConnection).GetProperties()
                .Where(p => p.GetIndexParameters().Length == 0)
                .Select(p => p.GetValue(connection)?.ToString()));
            Assert.DoesNotContain("s3cr3t-pw", dump);
        }
        finally
        {
            connection.Close();
        }
    }

    [Fact]
    public void ClosedConnectionsRefuseWork()
    {
        MilvusConnection connection = NewConnection("closing");
        connection.Close();
        connection.Close();   // twice is fine
        Assert.False(connection.IsOpen);
        Assert.Throws<ObjectDisposedException>(() => connection.Client);
    }
}
