using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Milvus.Local.Tests.Server;

/// <summary>
/// Milvus.Local.Server run as a real child process (`dotnet Milvus.Local.Server.dll ...`, the DLL that the
/// project reference copies next to the tests), as users and other SDKs see it. Shared by the server tests and
/// tests/compat (linked source). Disposing kills whatever is still running.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "Milvus.Local.Server.dll");

    public int Id => _process.Id;

    public string StandardOutput { get { lock (_stdout) return _stdout.ToString(); } }

    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Starts the server; it is not necessarily ready yet (see <see cref="WaitForReadyAsync"/>).</summary>
    public static ServerProcess Start(params string[] arguments) => Start(sigIntIgnored: false, arguments);

    /// <param name="sigIntIgnored">Start it as a shell starts a background job: with SIGINT ignored (sh's trap, kept by exec).</param>
    public static ServerProcess Start(bool sigIntIgnored, string[] arguments)
    {
        var start = new ProcessStartInfo(sigIntIgnored ? "/bin/sh" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (sigIntIgnored)
        {
            foreach (var part in new[] { "-c", "trap '' INT; exec dotnet \"$@\"", "sh" }) start.ArgumentList.Add(part);
        }
        start.ArgumentList.Add(ServerDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var server = new ServerProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        server._process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        server._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server._stderr) server._stderr.AppendLine(e.Data); };
        server._process.Exited += (_, _) =>
        {
            server._process.WaitForExit(); // drains the output readers so the error text is complete
            server._ready.TrySetException(new InvalidOperationException(
                $"the server exited before it was ready\n{server.Describe()}"));
        };
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Starts the server on a free loopback port and waits for its ready line.</summary>
    public static Task<ServerProcess> StartListeningAsync(string dataPath, params string[] extraArguments)
        => StartListeningAsync(dataPath, sigIntIgnored: false, extraArguments);

    public static async Task<ServerProcess> StartListeningAsync(string dataPath, bool sigIntIgnored, params string[] extraArguments)
    {
        var server = Start(sigIntIgnored, ["--data", dataPath, "--port", "0", .. extraArguments]);
        try
        {
            await server.WaitForReadyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The address from the ready line ("http://127.0.0.1:PORT" or "unix:PATH").</summary>
    public async Task<string> WaitForReadyAsync(TimeSpan? timeLimit = null)
    {
        try
        {
            return await _ready.Task.WaitAsync(timeLimit ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the server printed no ready line in time\n{Describe()}");
        }
    }

    /// <summary>Sends a POSIX signal (SIGTERM 15, SIGINT 2, SIGKILL 9).</summary>
    public void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan? timeLimit = null)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeLimit ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the server did not exit in time\n{Describe()}");
        }
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    public string Describe() => $"--- server stdout ---\n{StandardOutput}--- server stderr ---\n{StandardError}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null) return;
        lock (_stdout) _stdout.AppendLine(line);
        const string prefix = "listening on ";
        if (line.StartsWith(prefix, StringComparison.Ordinal)) _ready.TrySetResult(line[prefix.Length..]);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
