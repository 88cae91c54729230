using System.Management.Automation;
using Milvus.PowerShell.Internal;

namespace Milvus.PowerShell.Tests;

public sealed class PumpAndProgressTests
{
    [Fact]
    public void WritesQueuedFromPoolThreadsRunOnThePumpingThread()
    {
        using var queue = new PipelineWriteQueue();
        int pumpThread = Environment.CurrentManagedThreadId;
        var ranOn = new List<int>();
        Task work = Task.Run(async () =>
        {
            for (int i = 0; i < 5; i++)
            {
                queue.Enqueue(() => ranOn.Add(Environment.CurrentManagedThreadId));
                await Task.Yield();
            }
        });

        queue.PumpUntilComplete(work);

        Assert.Equal(5, ranOn.Count);
        Assert.All(ranOn, id => Assert.Equal(pumpThread, id));
    }

    [Fact]
    public void PumpReturnsForAFaultedTaskAndLeavesTheErrorToTheCaller()
    {
        using var queue = new PipelineWriteQueue();
        Task failing = Task.Run(() => throw new InvalidOperationException("boom"));
        queue.PumpUntilComplete(failing);
        Assert.True(failing.IsFaulted);
    }

    [Fact]
    public void ProgressIsThrottledAndCompleted()
    {
        var written = new List<ProgressRecord>();
        var progress = new ThrottledProgress(written.Add, "Loading", "Starting", enabled: true);
        progress.Report("Loading: 10%", 10);
        progress.Report("Loading: 20%", 20);   // inside the 250 ms window: dropped
        progress.Complete();

        Assert.Equal(2, written.Count);
        Assert.Equal(ProgressRecordType.Processing, written[0].RecordType);
        Assert.Equal(10, written[0].PercentComplete);
        Assert.Equal("Loading: 10%", written[0].StatusDescription);
        Assert.Equal(ProgressRecordType.Completed, written[1].RecordType);
        Assert.Equal(written[0].ActivityId, written[1].ActivityId);
    }

    [Fact]
    public void DisabledProgressWritesNothing()
    {
        var written = new List<ProgressRecord>();
        var progress = new ThrottledProgress(written.Add, "Loading", "Starting", enabled: false);
        progress.Report("x", 50);
        progress.Complete();
        Assert.Empty(written);
    }

    [Fact]
    public void UnknownTotalReportsMinusOne()
    {
        var written = new List<ProgressRecord>();
        new ThrottledProgress(written.Add, "Index", "Starting", enabled: true).Report("InProgress", -7);
        Assert.Equal(-1, Assert.Single(written).PercentComplete);
    }
}
