using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Milvus.Client.Tests.Support;

/// <summary>
/// A loopback port that answers every connection like an HTTP/1.1 web server (a 400), then drains what the client
/// sends until it hangs up, so the client never sees a reset mid-write.
/// </summary>
public sealed class Http1Server : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serve;

    public Http1Server()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _serve = Task.Run(ServeAsync);
    }

    public int Port { get; }

    private async Task ServeAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true) connections.Add(AnswerAsync(await _listener.AcceptSocketAsync(_stop.Token)));
        }
        catch (OperationCanceledException) { }
        await Task.WhenAll(connections);
    }

    private static async Task AnswerAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[4096];
            try
            {
                await socket.ReceiveAsync(buffer);
                await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nbad request"));
                while (await socket.ReceiveAsync(buffer) > 0) { }
            }
            catch (SocketException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _serve.WaitAsync(TimeSpan.FromSeconds(10));
        _listener.Stop();
        _stop.Dispose();
    }
}
