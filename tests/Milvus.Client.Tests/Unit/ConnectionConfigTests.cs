using Milvus.Client.Internal.Transport;

namespace Milvus.Client.Tests.Unit;

public class ConnectionConfigTests
{
    [Theory]
    [InlineData("http://localhost:19530", "localhost:19530", "http", false)]
    [InlineData("http://example.com", "example.com:19530", "http", false)]
    [InlineData("https://example.com", "example.com:443", "https", true)]
    [InlineData("https://example.com:19538", "example.com:19538", "https", true)]
    [InlineData("tcp://10.0.0.1:19531", "10.0.0.1:19531", "tcp", false)]
    [InlineData("HTTP://Example.com:80", "example.com:80", "http", false)]
    [InlineData("http://[::1]:19530", "[::1]:19530", "http", false)]
    public void Parses_address_scheme_and_default_ports(string uri, string address, string scheme, bool secure)
    {
        var config = ConnectionConfig.Parse(uri);
        Assert.Equal(address, config.Address);
        Assert.Equal(scheme, config.Scheme);
        Assert.Equal(secure, config.Secure);
    }

    [Fact]
    public void Unix_target_is_taken_whole()
    {
        var config = ConnectionConfig.Parse("unix:/tmp/milvus.sock");
        Assert.Equal("unix:/tmp/milvus.sock", config.Address);
        Assert.True(config.IsUnix);
    }

    [Theory]
    [InlineData("grpc://localhost:19530")]
    [InlineData("localhost:19530")]
    [InlineData("ftp://localhost")]
    [InlineData("")]
    public void Rejects_other_schemes_and_bare_host_port(string uri)
    {
        Assert.Throws<ConnectionConfigException>(() => ConnectionConfig.Parse(uri));
    }

    [Fact]
    public void Token_wins_over_user_password_and_uri_userinfo()
    {
        var config = ConnectionConfig.Parse("http://u:p@localhost:19530", user: "root", password: "Milvus", token: "api-key");
        Assert.Equal("api-key", config.Token);
    }

    [Fact]
    public void User_password_becomes_token_only_when_both_given()
    {
        Assert.Equal("root:Milvus", ConnectionConfig.Parse("http://localhost:19530", user: "root", password: "Milvus").Token);
        Assert.Equal("", ConnectionConfig.Parse("http://localhost:19530", user: "root").Token);
        Assert.Equal("", ConnectionConfig.Parse("http://localhost:19530", password: "Milvus").Token);
    }

    [Fact]
    public void Uri_userinfo_is_used_when_no_explicit_credentials()
    {
        Assert.Equal("alice:secret", ConnectionConfig.Parse("http://alice:secret@localhost:19530").Token);
        Assert.Equal("alice", ConnectionConfig.Parse("http://alice@localhost:19530").Token);
        Assert.Equal("alice", ConnectionConfig.Parse("http://alice:secret@localhost:19530").User);
    }

    [Fact]
    public void Db_name_param_wins_over_first_path_segment()
    {
        Assert.Equal("books", ConnectionConfig.Parse("http://localhost:19530/books/extra").DbName);
        Assert.Equal("films", ConnectionConfig.Parse("http://localhost:19530/books", dbName: "films").DbName);
        Assert.Equal("", ConnectionConfig.Parse("http://localhost:19530/").DbName);
    }

    [Fact]
    public void Secure_option_overrides_the_scheme_default()
    {
        Assert.False(ConnectionConfig.Parse("https://h", options: new MilvusClientOptions { Secure = false }).Secure);
        Assert.True(ConnectionConfig.Parse("http://h:1", options: new MilvusClientOptions { Secure = true }).Secure);
    }

    [Fact]
    public void Redacts_credentials_from_the_uri()
    {
        var config = ConnectionConfig.Parse("https://alice:s3cret@example.com:443/db1");
        Assert.Equal("https://example.com:443/db1", config.RedactedUri);
        Assert.DoesNotContain("s3cret", config.ToString());
    }

    [Fact]
    public void Server_type_is_zilliz_when_the_host_says_so()
    {
        Assert.Equal("zilliz", ConnectionConfig.Parse("https://in01-abc.api.gcp-us-west1.ZillizCloud.com:19538").ServerType);
        Assert.Equal("milvus", ConnectionConfig.Parse("http://localhost:19530").ServerType);
    }

    [Fact]
    public void Local_db_path_needs_an_existing_parent_folder()
    {
        using var folder = new Support.TempFolder();
        var config = ConnectionConfig.Parse(folder.File("demo.db"));
        Assert.True(config.IsLocal);
        Assert.Equal(Path.GetFullPath(folder.File("demo.db")), config.Address);
        var missing = Path.Combine(folder.Path, "nope", "demo.db");
        var e = Assert.Throws<ConnectionConfigException>(() => ConnectionConfig.Parse(missing));
        Assert.Equal($"Open local milvus failed, dir: {Path.Combine(folder.Path, "nope")} not exists", e.Message);
    }

    [Fact]
    public void Client_ToString_never_shows_secrets()
    {
        var client = new AsyncMilvusClient("http://bob:pw123@localhost:19530", token: "tok-xyz");
        var text = client.ToString();
        Assert.DoesNotContain("pw123", text);
        Assert.DoesNotContain("tok-xyz", text);
        Assert.Equal("AsyncMilvusClient(http://localhost:19530, db='')", text);
    }
}
