using System.Diagnostics;
using Milvus.Compat.Tests.Infrastructure;
using Milvus.Local.Tests.Server;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.NodeClient;

/// <summary>
/// An acknowledged insert survives a crash: the Node SDK streams inserts into a server process, the server is
/// killed with SIGKILL mid-stream, restarted on the same file, and every acknowledged row is checked.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int SigKill = 9;
    private const int AcksBeforeKill = 30;

    [Theory]
    [MemberData(nameof(NodeSdk.ClientVersions), MemberType = typeof(NodeSdk))]
    public async Task EveryAcknowledgedInsertSurvivesKillDashNine(string version)
    {
        var sdk = NodeSdk.Client(version);
        NodeSdk.RequireInstalled();
        using var dir = new TempDirectory();
        var data = dir.File("crash.db");

        var lastAcked = -1;
        await using (var server = await ServerProcess.StartListeningAsync(data))
        {
            var address = await server.WaitForReadyAsync();
            var enoughAcks = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var acks = 0;
            using var writer = StartNode(sdk, "crash-writer.js", address, line =>
            {
                if (!line.StartsWith("acked ", StringComparison.Ordinal)) return;
                Volatile.Write(ref lastAcked, int.Parse(line["acked ".Length..]));
                if (Interlocked.Increment(ref acks) >= AcksBeforeKill) enoughAcks.TrySetResult();
            });
            writer.Exited += (_, _) => enoughAcks.TrySetException(new InvalidOperationException(
                $"the writer stopped after {acks} acknowledged batches (exit code {writer.ExitCode})"));

            await enoughAcks.Task.WaitAsync(TimeSpan.FromMinutes(2));
            server.Signal(SigKill); // mid-stream: the writer has a batch in flight at any moment
            Assert.Equal(128 + SigKill, await server.WaitForExitAsync());

            // Every ack the writer printed answers a call the server finished before it died. Stop the (retrying)
            // writer; WaitForExit() then drains its output, so acks still in the pipe are counted too.
            writer.Kill();
            await writer.WaitForExitAsync();
            writer.WaitForExit();
            output.WriteLine($"server killed after {acks} acknowledged batches; last acknowledged id {lastAcked}");
        }

        await using var restarted = await ServerProcess.StartListeningAsync(data);
        var verify = await NodeSdk.RunNodeAsync(sdk,
            [Path.Combine(NodeSdk.ScriptsDirectory, "crash-verify.js"), await restarted.WaitForReadyAsync(), lastAcked.ToString()],
            TimeSpan.FromMinutes(2));
        output.WriteLine(verify.ToString());
        Assert.True(verify.ExitCode == 0, $"{verify}\n{restarted.Describe()}");
        Assert.Contains($"verified {lastAcked + 1} acknowledged rows", verify.StandardOutput);
    }

    private static Process StartNode(NodeSdkInstall sdk, string script, string address, Action<string> onLine)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeSdk.CompatDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(NodeSdk.ScriptsDirectory, script));
        start.ArgumentList.Add(address);
        foreach (var (name, value) in sdk.ScriptEnvironment) start.Environment[name] = value;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
