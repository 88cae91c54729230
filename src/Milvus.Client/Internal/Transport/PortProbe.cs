using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Milvus.Client.Internal.Transport;

/// <summary>What a TCP port that refused the plaintext HTTP/2 handshake turned out to speak.</summary>
internal enum PortKind
{
    Unknown,
    Tls,
    Http1,
}

/// <summary>
/// Tells a TLS port from an HTTP/1.1 port after a failed plaintext gRPC handshake. SocketsHttpHandler reports both
/// the same way ("did not complete the HTTP/2 handshake") depending on timing, so the hint a user gets must come
/// from the port itself: a TLS handshake that completes means TLS (nginx and Go's HTTPS servers also answer plain
/// HTTP, so TLS is tried first); otherwise a reply to an HTTP/1.1 request that starts with "HTTP/" means HTTP.
/// Runs only on the failure path.
/// </summary>
internal static class PortProbe
{
    public static async Task<PortKind> ProbeAsync(string host, int port, TimeSpan timeout)
    {
        if (await CompletesTlsHandshakeAsync(host, port, timeout).ConfigureAwait(false)) return PortKind.Tls;
        return await AnswersHttp1Async(host, port, timeout).ConfigureAwait(false) ? PortKind.Http1 : PortKind.Unknown;
    }

    private static async Task<bool> CompletesTlsHandshakeAsync(string host, int port, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            // Only whether the port speaks TLS matters here; the real connection validates the certificate.
            var options = new SslClientAuthenticationOptions { TargetHost = host, RemoteCertificateValidationCallback = (_, _, _, _) => true };
            await tls.AuthenticateAsClientAsync(options, cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            return false;
        }
    }

    private static async Task<bool> AnswersHttp1Async(string host, int port, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"), cts.Token).ConfigureAwait(false);
            var head = new byte[5];
            var read = 0;
            while (read < head.Length)
            {
                var n = await stream.ReadAsync(head.AsMemory(read), cts.Token).ConfigureAwait(false);
                if (n == 0) return false;
                read += n;
            }
            return Encoding.ASCII.GetString(head) == "HTTP/";
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
