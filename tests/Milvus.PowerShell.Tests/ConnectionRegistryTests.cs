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
        return new MilvusConnection(name, MilvusEndpoint.Parse("http://127.0.0.1:1"), client, user, MilvusAuthType.Password,
            db => new AsyncMilvusClient("http://127.0.0.1:1", user, "s3cr3t-pw", db));
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
