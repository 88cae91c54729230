using Milvus.Client.Tests.Support;
using Milvus.Local;
using Milvus.Local.Server;

namespace Milvus.Client.Tests.Network;

/// <summary>Milvus.Local.Server with TLS (tlsMode 1) and mutual TLS (tlsMode 2) and authorization, through AsyncMilvusClient.</summary>
public sealed class LocalServerTlsTests(PkiFixture fixture) : IClassFixture<PkiFixture>, IDisposable
{
    private readonly TempFolder _folder = new();
    private TestPki Pki => fixture.Pki;

    public void Dispose() => _folder.Dispose();

    private async Task<(MilvusLocalEngine Engine, LocalServerHost Host)> ServeAsync(bool mutual)
    {
        var engine = MilvusLocalEngine.Open(_folder.File("tls.db"), new LocalEngineOptions { AuthorizationEnabled = true });
        var tls = new ServerTls(Pki.ServerPemPath, Pki.ServerKeyPath, mutual ? Pki.CaPemPath : null);
        var host = await LocalServerHost.StartAsync(engine, new LocalServerOptions { Port = 0, Tls = tls });
        return (engine, host);
    }

    [Fact]
    public async Task One_way_tls_serves_an_authenticated_client_that_trusts_the_ca()
    {
        var (engine, host) = await ServeAsync(mutual: false);
        await using var _ = engine;
        await using var __ = host;
        Assert.StartsWith("https://127.0.0.1:", host.Address);
        await using var client = new AsyncMilvusClient(host.Address, user: "root", password: "Milvus",
            options: new MilvusClientOptions { ServerPemPath = Pki.CaPemPath });
        Assert.Empty(await client.ListCollectionsAsync());
    }

    [Fact]
    public async Task A_plaintext_client_to_the_tls_port_fails_clearly()
    {
        var (engine, host) = await ServeAsync(mutual: false);
        await using var _ = engine;
        await using var __ = host;
        var plain = host.Address.Replace("https://", "http://", StringComparison.Ordinal);
        await using var client = new AsyncMilvusClient(plain, user: "root", password: "Milvus", timeout: TimeSpan.FromSeconds(5));
        var e = await Assert.ThrowsAsync<ConnectError>(() => client.ListCollectionsAsync());
        var port = new Uri(host.Address).Port;
        Assert.Equal($"Fail connecting to server on 127.0.0.1:{port}: the server did not complete the plaintext HTTP/2 handshake; " +
            "it may require TLS (use an https:// URI or the secure option)", e.Message);
    }

    [Fact]
    public async Task Mutual_tls_requires_a_client_certificate_from_the_ca()
    {
        var (engine, host) = await ServeAsync(mutual: true);
        await using var _ = engine;
        await using var __ = host;
        await using var client = new AsyncMilvusClient(host.Address, user: "root", password: "Milvus", options: new MilvusClientOptions
        {
            ClientPemPath = Pki.ClientPemPath, ClientKeyPath = Pki.ClientKeyPath, CaPemPath = Pki.CaPemPath,
        });
        Assert.Empty(await client.ListCollectionsAsync());

        await using var noCertificate = new AsyncMilvusClient(host.Address, user: "root", password: "Milvus", timeout: TimeSpan.FromSeconds(5),
            options: new MilvusClientOptions { ServerPemPath = Pki.CaPemPath });
        var e = await Assert.ThrowsAsync<ConnectError>(() => noCertificate.ListCollectionsAsync());
        Assert.Equal($"Fail connecting to server on 127.0.0.1:{new Uri(host.Address).Port}, illegal connection params or server unavailable", e.Message);
    }

    [Fact]
    public async Task Wrong_credentials_and_missing_privileges_are_typed_client_errors()
    {
        var (engine, host) = await ServeAsync(mutual: false);
        await using var _ = engine;
        await using var __ = host;
        var tls = new MilvusClientOptions { ServerPemPath = Pki.CaPemPath };
        await using var wrong = new AsyncMilvusClient(host.Address, user: "root", password: "not-it", options: tls);
        var denied = await Assert.ThrowsAsync<MilvusRpcException>(() => wrong.ListCollectionsAsync());
        Assert.Equal("<Unauthenticated: auth check failure, please check username and password are correct>", denied.Message);
        Assert.DoesNotContain("not-it", denied.ToString());

        await using (var root = new AsyncMilvusClient(host.Address, token: "root:Milvus", options: tls))
            await root.CreateUserAsync("alice", "Alice-Pass-1");
        await using var alice = new AsyncMilvusClient(host.Address, user: "alice", password: "Alice-Pass-1", options: tls);
        var refused = await Assert.ThrowsAsync<MilvusRpcException>(() => alice.CreateDatabaseAsync("db2"));
        Assert.Equal("<PermissionDenied: PrivilegeCreateDatabase: permission deny to alice in the `db2` database>", refused.Message);
    }
}
