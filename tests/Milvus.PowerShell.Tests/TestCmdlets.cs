using System.Management.Automation;
using Milvus.PowerShell.Commands;

namespace Milvus.PowerShell.Tests;

/// <summary>A cmdlet that waits until cancelled, reporting from a pool thread: exercises the base class for real.</summary>
[Cmdlet("Test", "MilvusWait")]
public sealed class TestMilvusWaitCommand : MilvusAsyncCmdlet
{
    public static readonly ManualResetEventSlim Started = new(false);
    public static volatile bool TokenWasCancelled;

    protected override string ErrorThing => "Test";

    protected override void ProcessRecord()
    {
        var progress = StartProgress("Waiting", "Starting");
        TryInvoke("wait-target", async ct =>
        {
            await Task.Yield();
            QueueVerbose($"started on a pool thread");
            progress.Report("Waiting", 50);
            Started.Set();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                TokenWasCancelled = ct.IsCancellationRequested;
            }
        });
        WriteObject("finished");
    }
}

/// <summary>Streams three items, then waits until cancelled: exercises InvokeStream's per-step timeout.</summary>
[Cmdlet("Test", "MilvusStream")]
public sealed class TestMilvusStreamCommand : MilvusAsyncCmdlet
{
    public static volatile bool SourceDisposed;

    protected override string ErrorThing => "Test";

    protected override void ProcessRecord()
    {
        SourceDisposed = false;
        try
        {
            foreach (int item in InvokeStream(Produce))
            {
                WriteObject(item);
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteFailure(ex, "stream-target");
        }
    }

    private static async IAsyncEnumerable<int> Produce([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            for (int i = 1; i <= 3; i++)
            {
                await Task.Yield();
                yield return i;
            }

            await Task.Delay(Timeout.Infinite, ct);
            yield return 4;
        }
        finally
        {
            SourceDisposed = true;
        }
    }
}
