using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Milvus.Local.Server;

/// <summary>
/// The command: parse options, open the engine, serve until Ctrl+C/SIGTERM, then stop serving and close the
/// engine so the database file is left consistent. Exit codes: 0 stopped cleanly, 1 could not serve, 2 bad options.
/// </summary>
internal static class ServerProgram
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        ServerCommandLine? commandLine;
        try
        {
            commandLine = ServerCommandLine.Parse(args, out var help)!;
            if (help)
            {
                Console.Out.WriteLine(ServerCommandLine.Usage);
                return ExitOk;
            }
        }
        catch (CommandLineException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("Run with --help for usage.");
            return ExitUsage;
        }

        ServerThreading.PreferInlineCompletions();
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HandleInheritedIgnoredSigInt();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
        void RequestStop(PosixSignalContext context)
        {
            context.Cancel = true; // we shut down ourselves, after closing the engine
            stop.TrySetResult();
        }

        MilvusLocalEngine engine;
        try
        {
            // --auth turns enforcement on and records it in the file; a file secured before stays secured without it.
            engine = MilvusLocalEngine.Open(commandLine.DataPath, new LocalEngineOptions { AuthorizationEnabled = commandLine.Auth });
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: cannot open {commandLine.DataPath}: {e.Message}");
            return ExitFailed;
        }

        await using (engine)
        {
            LocalServerHost host;
            try
            {
                host = await LocalServerHost.StartAsync(engine, new LocalServerOptions
                {
                    Host = commandLine.Host,
                    Port = commandLine.Port,
                    UnixSocket = commandLine.UnixSocket,
                    Tls = commandLine.Tls,
                    LogLevel = commandLine.LogLevel,
                    // stdout carries only the ready line, so scripts can read it; logs go to stderr.
                    ConfigureLogging = logging => logging
                        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
                        // A failed start is reported below in one line; the host's own copy is a stack trace.
                        .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical),
                });
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"error: cannot listen on {Describe(commandLine)}: {e.Message}");
                return ExitFailed;
            }

            await using (host)
            {
                Console.Out.WriteLine($"listening on {host.Address}");
                Console.Out.Flush();
                await stop.Task;
            }
        }
        return ExitOk;
    }

    /// <summary>
    /// A job started in the background by a non-interactive shell inherits SIGINT as ignored, and .NET then never
    /// delivers it, so Ctrl+C-style stops (kill -INT) did nothing. Milvus (Go's signal.Notify) takes SIGINT back in that
    /// case; so does this server, by resetting it to the default before registering its handler.
    /// </summary>
    private static void HandleInheritedIgnoredSigInt()
    {
        if (OperatingSystem.IsWindows()) return;
        const int SigInt = 2;
        signal(SigInt, IntPtr.Zero); // SIG_DFL
    }

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr signal(int signum, IntPtr handler);

    private static string Describe(ServerCommandLine commandLine) =>
        commandLine.UnixSocket is not null ? $"unix:{commandLine.UnixSocket}" : $"{commandLine.Host}:{commandLine.Port}";
}
