using Microsoft.Extensions.Logging;

namespace Milvus.Local.Server;

/// <summary>The parsed command line of Milvus.Local.Server.</summary>
public sealed record ServerCommandLine
{
    public required string DataPath { get; init; }
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 19530;
    public string? UnixSocket { get; init; }
    public bool Auth { get; init; }
    public ServerTls? Tls { get; init; }
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    public const string Usage = """
        Usage: Milvus.Local.Server --data PATH [options]

        Serves a Milvus-compatible local database over gRPC (HTTP/2, plaintext or TLS), for any Milvus SDK.

        Options:
          --data PATH          the database file (created if missing; required)
          --host ADDR          address to listen on (default 127.0.0.1)
          --port N             TCP port (default 19530; 0 picks a free port)
          --unix-socket PATH   listen on a unix domain socket instead of TCP
          --auth               require authentication and enforce RBAC (root/Milvus is the first account);
                               recorded in the database file, which stays secured without the flag later
          --tls-cert PATH      serve TLS with this PEM certificate (needs --tls-key)
          --tls-key PATH       the PEM private key of --tls-cert
          --tls-ca PATH        mutual TLS: require client certificates issued by this PEM CA
          --log-level LEVEL    Trace, Debug, Information, Warning (default), Error, Critical or None
          --help               show this help

        When ready, prints one line to stdout: "listening on http(s)://HOST:PORT" or "listening on unix:PATH".
        Stops cleanly on Ctrl+C or SIGTERM.

        Socket I/O completes inline on the runtime's socket thread (fewer thread hops per call);
        DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0 in the environment hands it to the thread pool instead.
        """;

    /// <summary>Parses the arguments; returns null with <paramref name="help"/> set when --help was asked for.</summary>
    /// <exception cref="CommandLineException">an unknown option, a missing or bad value, or a conflict</exception>
    public static ServerCommandLine? Parse(IReadOnlyList<string> args, out bool help)
    {
        help = false;
        string? data = null, host = null, unixSocket = null, tlsCert = null, tlsKey = null, tlsCa = null;
        int? port = null;
        var auth = false;
        var logLevel = LogLevel.Warning;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = SplitOption(args[i]);
            if (name is not ("--help" or "-h" or "-?") && !seen.Add(name) )
                throw new CommandLineException($"option {name} is given more than once");
            switch (name)
            {
                case "--help" or "-h" or "-?":
                    help = true;
                    return null;
                case "--data":
                    data = Value(args, ref i, name, inlineValue);
                    break;
                case "--host":
                    host = Value(args, ref i, name, inlineValue);
                    break;
                case "--port":
                    var text = Value(args, ref i, name, inlineValue);
                    if (!int.TryParse(text, System.Globalization.NumberStyles.None, null, out var p) || p > 65535)
                        throw new CommandLineException($"--port must be a number from 0 to 65535, got '{text}'");
                    port = p;
                    break;
                case "--unix-socket":
                    unixSocket = Value(args, ref i, name, inlineValue);
                    break;
                case "--auth":
                    if (inlineValue is not null) throw new CommandLineException("--auth takes no value");
                    auth = true;
                    break;
                case "--tls-cert":
                    tlsCert = Value(args, ref i, name, inlineValue);
                    break;
                case "--tls-key":
                    tlsKey = Value(args, ref i, name, inlineValue);
                    break;
                case "--tls-ca":
                    tlsCa = Value(args, ref i, name, inlineValue);
                    break;
                case "--log-level":
                    var level = Value(args, ref i, name, inlineValue);
                    if (!Enum.TryParse(level, ignoreCase: true, out logLevel) || !Enum.IsDefined(logLevel) || int.TryParse(level, out _))
                        throw new CommandLineException(
                            $"--log-level must be one of {string.Join(", ", Enum.GetNames<LogLevel>())}, got '{level}'");
                    break;
                default:
                    throw new CommandLineException(name.StartsWith('-')
                        ? $"unknown option '{name}'"
                        : $"unexpected argument '{args[i]}' (options start with --)");
            }
        }

        if (data is null) throw new CommandLineException("--data PATH is required (the database file to serve)");
        if (unixSocket is not null && (host is not null || port is not null))
            throw new CommandLineException("--unix-socket cannot be combined with --host or --port");
        if ((tlsCert is null) != (tlsKey is null)) throw new CommandLineException("--tls-cert and --tls-key go together");
        if (tlsCa is not null && tlsCert is null) throw new CommandLineException("--tls-ca needs --tls-cert and --tls-key");
        return new ServerCommandLine
        {
            DataPath = data,
            Host = host ?? "127.0.0.1",
            Port = port ?? 19530,
            UnixSocket = unixSocket,
            Auth = auth,
            Tls = tlsCert is null ? null : new ServerTls(tlsCert, tlsKey!, tlsCa),
            LogLevel = logLevel,
        };
    }

    private static (string Name, string? InlineValue) SplitOption(string arg)
    {
        var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=') : -1;
        return equals < 0 ? (arg, null) : (arg[..equals], arg[(equals + 1)..]);
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string name, string? inlineValue)
    {
        var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
        if (string.IsNullOrWhiteSpace(value) || (inlineValue is null && value.StartsWith("--", StringComparison.Ordinal)))
            throw new CommandLineException($"{name} needs a value");
        return value;
    }
}

/// <summary>A command line the server cannot run with (exit code 2).</summary>
public sealed class CommandLineException(string message) : Exception(message);
