using Milvus.Client;
using Milvus.PowerShell.Connections;

namespace Milvus.PowerShell.Tests;

/// <summary>The module shows what the client parsed (one URI parser); constructing a client does no I/O.</summary>
public sealed class EndpointTests
{
    [Theory]
    [InlineData("http://localhost:19530", "http://localhost:19530", "localhost:19530", false, "localhost")]
    [InlineData("https://abc.zillizcloud.com", "https://abc.zillizcloud.com", "abc.zillizcloud.com:443", true, "abc.zillizcloud.com")]
    [InlineData("tcp://10.0.0.5", "tcp://10.0.0.5", "10.0.0.5:19530", false, "10.0.0.5")]
    [InlineData("http://root:Milvus@db.example:19531/sales", "http://db.example:19531/sales", "db.example:19531", false, "db.example")]
    [InlineData("http://[::1]:19531", "http://[::1]:19531", "[::1]:19531", false, "[::1]")]
    public void NetworkUrisDisplayWithoutSecrets(string uri, string display, string host, bool tls, string name)
    {
        using var client = new AsyncMilvusClient(uri);
        MilvusEndpoint endpoint = MilvusEndpoint.From(client);
        Assert.Equal(display, endpoint.DisplayUri);
        Assert.Equal(host, endpoint.DisplayHost);
        Assert.Equal(tls, endpoint.IsTls);
        Assert.False(endpoint.IsLocal);
        Assert.Equal(name, endpoint.DefaultName);
        Assert.DoesNotContain("Milvus@", endpoint.DisplayUri);
    }

    [Fact]
    public void LocalFilesAndSockets()
    {
        string path = Path.Combine(Path.GetTempPath(), "demo.db");
        using (var file = new AsyncMilvusClient(path))
        {
            MilvusEndpoint local = MilvusEndpoint.From(file);
            Assert.True(local.IsLocal);
            Assert.Equal(path, local.DisplayUri);
            Assert.Equal("demo.db", local.DisplayHost);
            Assert.Equal("demo", local.DefaultName);
        }

        using (var unix = new AsyncMilvusClient("unix:/run/milvus.sock"))
        {
            MilvusEndpoint socket = MilvusEndpoint.From(unix);
            Assert.False(socket.IsLocal);
            Assert.Equal("/run/milvus.sock", socket.DisplayHost);
            Assert.Equal("milvus", socket.DefaultName);
        }

        Assert.True(AsyncMilvusClient.IsLocalUri("./demo.db"));
        Assert.False(AsyncMilvusClient.IsLocalUri("http://host:19530/sales"));
        Assert.Equal("https://host/db", AsyncMilvusClient.RedactUri("https://root:Milvus@host/db"));
    }
}
