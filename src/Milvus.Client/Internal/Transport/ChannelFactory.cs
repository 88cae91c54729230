using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Milvus.Client.Internal.Transport;

/// <summary>Builds the gRPC channel: h2c or TLS (system roots, a server PEM, or mutual TLS), unix sockets, keepalive, no size limits.</summary>
internal static class ChannelFactory
{
    public static GrpcChannel Create(ConnectionConfig config, MilvusClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            KeepAlivePingDelay = options.KeepAliveTime,
            KeepAlivePingTimeout = options.KeepAliveTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        };
        if (config.Secure) handler.SslOptions = BuildTls(config, options);
        string address;
        if (config.IsUnix)
        {
            var socketPath = config.Address["unix:".Length..];
            if (socketPath.StartsWith("//", StringComparison.Ordinal)) socketPath = socketPath[2..];
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
            address = config.Secure ? "https://localhost" : "http://localhost";
        }
        else
        {
            address = $"{(config.Secure ? "https" : "http")}://{config.Address}";
        }
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
    }

    private static SslClientAuthenticationOptions BuildTls(ConnectionConfig config, MilvusClientOptions options)
    {
        var tls = new SslClientAuthenticationOptions();
        if (!string.IsNullOrEmpty(options.ServerName)) tls.TargetHost = options.ServerName;
        string? rootPath = null;
        if (!string.IsNullOrEmpty(options.ServerPemPath))
        {
            rootPath = options.ServerPemPath;
        }
        else if (!string.IsNullOrEmpty(options.ClientPemPath) && !string.IsNullOrEmpty(options.ClientKeyPath) && !string.IsNullOrEmpty(options.CaPemPath))
        {
            rootPath = options.CaPemPath;
            var identity = X509Certificate2.CreateFromPemFile(options.ClientPemPath, options.ClientKeyPath);
            tls.ClientCertificates = new X509CertificateCollection { identity };
        }
        if (rootPath is not null)
        {
            if (!File.Exists(rootPath)) throw new ConnectionConfigException($"Certificate file not found: {rootPath}");
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(rootPath);
            tls.RemoteCertificateValidationCallback = (_, certificate, _, errors) => ValidateAgainst(roots, certificate, errors);
        }
        return tls;
    }

    /// <summary>Trusts exactly the given roots (pymilvus root_certificates), keeping the name check.</summary>
    private static bool ValidateAgainst(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null) return false;
        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}
