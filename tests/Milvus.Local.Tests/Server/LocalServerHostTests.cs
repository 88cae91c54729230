using Grpc.Core;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Milvus.Local.Server;
using Milvus.Protocol.Api;

namespace Milvus.Local.Tests.Server;

/// <summary>The Kestrel host in-process, serving a transport probe: addresses, h2c, unix sockets, size limits.</summary>
public sealed class LocalServerHostTests
{
    private static readonly LocalServerOptions AnyLoopbackPort = new() { Port = 0 };

    [Fact]
    public async Task PortZeroBindsAFreeLoopbackPortAndServesGrpc()
    {
        await using var host = await LocalServerHost.StartAsync(new TransportProbeService(), AnyLoopbackPort);

        Assert.Matches(new Regex(@"^http://127\.0\.0\.1:[1-9][0-9]*$"), host.Address);
        using var channel = ServerChannel.For(host.Address);
        var reply = await new MilvusService.MilvusServiceClient(channel).GetVersionAsync(new GetVersionRequest());
        Assert.Equal(TransportProbeService.Version, reply.Version);
    }

    [Fact]
    public async Task MessagesUpToMilvusReceiveLimitPassAndLargerOnesAreRefused()
    {
        await using var host = await LocalServerHost.StartAsync(new TransportProbeService(), AnyLoopbackPort);
        using var channel = ServerChannel.For(host.Address);
        var client = new MilvusService.MilvusServiceClient(channel);
        var size = Milvus.Local.Rpc.MessageLimits.MaxReceiveBytes - 1024;
        var payload = new byte[size];
        for (var i = 0; i < size; i++) payload[i] = (byte)('a' + i % 26);

        var result = await client.InsertAsync(TransportProbeService.InsertOf(ByteString.CopyFrom(payload)));

        Assert.Equal(size, result.InsertCnt);
        var echoed = result.IDs.StrId.Data[0];
        Assert.Equal(size, echoed.Length);
        Assert.Equal("abcdefg", echoed[..7]);
        Assert.Equal((char)('a' + (size - 1) % 26), echoed[^1]);

        // Milvus's proxy.grpc.serverMaxRecvSize (64 MiB): a larger request is refused before it is parsed.
        var tooLarge = new byte[Milvus.Local.Rpc.MessageLimits.MaxReceiveBytes + 7];
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.InsertAsync(TransportProbeService.InsertOf(ByteString.CopyFrom(tooLarge))));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("Received message exceeds the maximum configured message size.", error.Status.Detail);
    }

    [Fact]
    public async Task ABusyPortIsAnErrorNotASilentSecondServer()
    {
        await using var first = await LocalServerHost.StartAsync(new TransportProbeService(), AnyLoopbackPort);
        var port = new Uri(first.Address).Port;

        var error = await Assert.ThrowsAnyAsync<IOException>(() =>
            LocalServerHost.StartAsync(new TransportProbeService(), new LocalServerOptions { Port = port }));
        Assert.Contains("address already in use", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnixSocketServesAndIsRemovedOnStop()
    {
        using var dir = new TempDirectory();
        var socketPath = dir.File("m.sock");

        await using (var host = await LocalServerHost.StartAsync(new TransportProbeService(), new LocalServerOptions { UnixSocket = socketPath }))
        {
            Assert.Equal($"unix:{socketPath}", host.Address);
            using var channel = ServerChannel.For(host.Address);
            var reply = await new MilvusService.MilvusServiceClient(channel).GetVersionAsync(new GetVersionRequest());
            Assert.Equal(TransportProbeService.Version, reply.Version);
        }

        Assert.False(File.Exists(socketPath), "the socket file should be gone after the host stopped");
    }

    [Fact]
    public async Task AStaleSocketFileFromACrashedServerIsReplaced()
    {
        using var dir = new TempDirectory();
        var socketPath = dir.File("stale.sock");
        using (var crashed = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // Binding creates the socket file. .NET unlinks it on close, as a crashed server would not, so move it
            // aside while the socket closes and put it back afterwards.
            crashed.Bind(new UnixDomainSocketEndPoint(socketPath));
            crashed.Listen();
            File.Move(socketPath, socketPath + ".aside");
        }
        File.Move(socketPath + ".aside", socketPath);
        Assert.True(File.Exists(socketPath));

        await using var host = await LocalServerHost.StartAsync(new TransportProbeService(), new LocalServerOptions { UnixSocket = socketPath });
        using var channel = ServerChannel.For(host.Address);
        Assert.Equal(TransportProbeService.Version,
            (await new MilvusService.MilvusServiceClient(channel).GetVersionAsync(new GetVersionRequest())).Version);
    }

    [Fact]
    public async Task ALiveSocketOrARegularFileIsNeverTakenOver()
    {
        using var dir = new TempDirectory();
        var socketPath = dir.File("live.sock");
        await using var live = await LocalServerHost.StartAsync(new TransportProbeService(), new LocalServerOptions { UnixSocket = socketPath });

        var busy = await Assert.ThrowsAsync<IOException>(() =>
            LocalServerHost.StartAsync(new TransportProbeService(), new LocalServerOptions { UnixSocket = socketPath }));
        Assert.Equal($"another server is already listening on unix socket {socketPath}", busy.Message);

        var notASocket = dir.File("data.txt");
        await File.WriteAllTextAsync(notASocket, "precious");
        var refused = await Assert.ThrowsAsync<IOException>(() =>
            LocalServerHost.StartAsync(new TransportProbeService(), new LocalServerOptions { UnixSocket = notASocket }));
        Assert.Equal($"{notASocket} exists and is not a unix socket; refusing to replace it", refused.Message);
        Assert.Equal("precious", await File.ReadAllTextAsync(notASocket));
    }
}
