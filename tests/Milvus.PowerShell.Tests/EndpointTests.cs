using Milvus.PowerShell.Connections;

namespace Milvus.PowerShell.Tests;

public sealed class EndpointTests
{
    [Theory]
    [InlineData("http://localhost:19530", "http://localhost:19530", "localhost:19530", false, "localhost")]
    [InlineData("https://abc.zillizcloud.com", "https://abc.zillizcloud.com:443", "abc.zillizcloud.com:443", true, "abc.zillizcloud.com")]
    [InlineData("tcp://10.0.0.5", "tcp://10.0.0.5:19530", "10.0.0.5:19530", false, "10.0.0.5")]
    [InlineData("http://root:Milvus@db.example:19531/sales", "http://db.example:19531/sales", "db.example:19531", false, "db.example")]
    [InlineData("milvus-host:19530", "http://milvus-host:19530", "milvus-host:19530", false, "milvus-host")]
    public void NetworkUrisDisplayWithoutSecrets(string uri, string display, string host, bool tls, string name)
    {
        MilvusEndpoint endpoint = MilvusEndpoint.Parse(uri);
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
        MilvusEndpoint local = MilvusEndpoint.Parse("/data/demo.db");
        Assert.True(local.IsLocal);
        Assert.Equal("/data/demo.db", local.DisplayUri);
        Assert.Equal("demo.db", local.DisplayHost);
        Assert.Equal("demo", local.DefaultName);

        MilvusEndpoint socket = MilvusEndpoint.Parse("unix:/run/milvus.sock");
        Assert.False(socket.IsLocal);
        Assert.Equal("/run/milvus.sock", socket.DisplayHost);

        Assert.True(MilvusEndpoint.IsLocalFile("./demo.db"));
        Assert.False(MilvusEndpoint.IsLocalFile("http://host/x.db"));
        Assert.False(MilvusEndpoint.IsLocalFile("unix:/tmp/a.db"));
    }
}
