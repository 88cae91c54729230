using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
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
        if (await AskAsync(host, port, timeout, CompletesTlsHandshakeAsync).ConfigureAwait(false)) return PortKind.Tls;
        return await AskAsync(host, port, timeout, AnswersHttp1Async).ConfigureAwait(false) ? PortKind.Http1 : PortKind.Unknown;
    }

    /// <summary>
    /// Asks the port one question on a fresh connection within <paramref name="timeout"/>; a refused or reset
    /// connection, a timeout or a failed handshake counts as no.
    /// </summary>
    private static async Task<bool> AskAsync(string host, int port, TimeSpan timeout, Func<NetworkStream, string, CancellationToken, Task<bool>> question)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            return await question(tcp.GetStream(), host, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or AuthenticationException)
        {
            return false;
        }
    }

    private static async Task<bool> CompletesTlsHandshakeAsync(NetworkStream stream, string host, CancellationToken cancellationToken)
    {
        await using var tls = new SslStream(stream, leaveInnerStreamOpen: true);
        // Only whether the port speaks TLS matters here; the real connection validates the certificate.
        var options = new SslClientAuthenticationOptions { TargetHost = host, RemoteCertificateValidationCallback = (_, _, _, _) => true };
        await tls.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> AnswersHttp1Async(NetworkStream stream, string host, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"), cancellationToken).ConfigureAwait(false);
        var head = new byte[5];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == head.Length && Encoding.ASCII.GetString(head) == "HTTP/";
    }
}
