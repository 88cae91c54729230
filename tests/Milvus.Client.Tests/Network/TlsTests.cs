using Milvus.Client.Tests.Support;

namespace Milvus.Client.Tests.Network;

/// <summary>https:// with a trusted server PEM, and mutual TLS, against a Kestrel TLS server on loopback.</summary>
public sealed class PkiFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public PkiFixture() => Pki = new TestPki(_folder.Path);

    internal TestPki Pki { get; }

    public void Dispose()
    {
        Pki.Dispose();
        _folder.Dispose();
    }
}

public class TlsTests(PkiFixture fixture) : IClassFixture<PkiFixture>
{
    private TestPki Pki => fixture.Pki;

    [Fact]
    public async Task Server_pem_trusts_the_test_ca()
    {
        var pki = Pki;
        await using var server = await TlsServer.StartAsync(new FlakyMilvusService(), pki, requireClientCertificate: false);
        await using var client = new AsyncMilvusClient($"https://localhost:{server.Port}", options: new MilvusClientOptions { ServerPemPath = pki.CaPemPath });
        Assert.Equal(new[] { "a", "b" }, await client.ListCollectionsAsync());
    }

    [Fact]
    public async Task Untrusted_server_certificate_fails_to_connect()
    {
        var pki = Pki;
        await using var server = await TlsServer.StartAsync(new FlakyMilvusService(), pki, requireClientCertificate: false);
        await using var client = new AsyncMilvusClient($"https://localhost:{server.Port}", timeout: TimeSpan.FromSeconds(5));
        var e = await Assert.ThrowsAsync<ConnectError>(() => client.ListCollectionsAsync());
        Assert.Equal($"Fail connecting to server on localhost:{server.Port}, illegal connection params or server unavailable", e.Message);
    }

    [Fact]
    public async Task Mutual_tls_presents_the_client_certificate()
    {
        var pki = Pki;
        await using var server = await TlsServer.StartAsync(new FlakyMilvusService(), pki, requireClientCertificate: true);
        await using var client = new AsyncMilvusClient($"https://localhost:{server.Port}", options: new MilvusClientOptions
        {
            ClientPemPath = pki.ClientPemPath, ClientKeyPath = pki.ClientKeyPath, CaPemPath = pki.CaPemPath,
        });
        Assert.Equal(new[] { "a", "b" }, await client.ListCollectionsAsync());

        await using var noCert = new AsyncMilvusClient($"https://localhost:{server.Port}", timeout: TimeSpan.FromSeconds(5),
            options: new MilvusClientOptions { ServerPemPath = pki.CaPemPath });
        await Assert.ThrowsAsync<ConnectError>(() => noCert.ListCollectionsAsync());
    }
}
