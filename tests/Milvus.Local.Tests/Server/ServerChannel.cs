using System.Net.Sockets;
using Grpc.Net.Client;

namespace Milvus.Local.Tests.Server;

/// <summary>gRPC channels to a server address as printed by its ready line: "http://HOST:PORT" or "unix:PATH".</summary>
public static class ServerChannel
{
    public static GrpcChannel For(string address)
    {
        var options = new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null };
        if (!address.StartsWith("unix:", StringComparison.Ordinal)) return GrpcChannel.ForAddress(address, options);

        var socketPath = address["unix:".Length..];
        options.HttpHandler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return GrpcChannel.ForAddress("http://localhost", options);
    }
}
