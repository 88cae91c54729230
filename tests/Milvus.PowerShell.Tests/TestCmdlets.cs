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
