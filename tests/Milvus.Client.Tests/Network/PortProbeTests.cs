using System.Net;
using System.Net.Sockets;
using Milvus.Client.Internal.Transport;
using Milvus.Client.Tests.Support;
using Milvus.Local;
using Milvus.Local.Server;

namespace Milvus.Client.Tests.Network;

/// <summary>The probe that words a failed plaintext handshake: a TLS port, an HTTP/1.1 port, or neither.</summary>
public sealed class PortProbeTests(PkiFixture fixture) : IClassFixture<PkiFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_http1_port_is_http1()
    {
        await using var http = new Http1Server();
        Assert.Equal(PortKind.Http1, await PortProbe.ProbeAsync("127.0.0.1", http.Port, Timeout));
    }

    [Fact]
    public async Task A_tls_port_is_tls()
    {
        await using var engine = MilvusLocalEngine.Open(_folder.File("probe.db"));
        var tls = new ServerTls(fixture.Pki.ServerPemPath, fixture.Pki.ServerKeyPath, null);
        await using var host = await LocalServerHost.StartAsync(engine, new LocalServerOptions { Port = 0, Tls = tls });
        Assert.Equal(PortKind.Tls, await PortProbe.ProbeAsync("127.0.0.1", new Uri(host.Address).Port, Timeout));
    }

    [Fact]
    public async Task A_port_that_hangs_up_or_is_closed_is_neither()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var hangUp = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++) (await listener.AcceptSocketAsync()).Dispose();
        });
        Assert.Equal(PortKind.Unknown, await PortProbe.ProbeAsync("127.0.0.1", port, Timeout));
        await hangUp.WaitAsync(Timeout);

        listener.Stop();
        Assert.Equal(PortKind.Unknown, await PortProbe.ProbeAsync("127.0.0.1", port, Timeout));
    }
}
