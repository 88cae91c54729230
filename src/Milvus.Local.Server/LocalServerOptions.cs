using Microsoft.Extensions.Logging;
using Milvus.Local.Rpc;

namespace Milvus.Local.Server;

/// <summary>Where and how <see cref="LocalServerHost"/> listens.</summary>
public sealed record LocalServerOptions
{
    /// <summary>Address to bind: an IP address, "localhost", or a host name (default 127.0.0.1).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (see <see cref="LocalServerHost.Address"/>).</summary>
    public int Port { get; init; } = 19530;

    /// <summary>When set, serve on this unix domain socket instead of TCP.</summary>
    public string? UnixSocket { get; init; }

    /// <summary>TLS (one-way or mutual); null serves plaintext HTTP/2 (h2c).</summary>
    public ServerTls? Tls { get; init; }

    /// <summary>The largest reply the server sends (Milvus's <c>proxy.grpc.serverMaxSendSize</c>, 256 MiB).</summary>
    public int MaxSendBytes { get; init; } = MessageLimits.MaxSendBytes;

    /// <summary>Minimum level of the server's own logs (Kestrel, gRPC).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Where the logs go; none when null (tests pass a provider, the command line logs to stderr).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
