using System.Diagnostics;
using System.Management.Automation;

namespace Milvus.PowerShell.Internal;

/// <summary>
/// Write-Progress for long waits (load, index build, batches): a stable activity id, at most a few updates a second
/// (progress output is slow in CI and containers), -1 percent when the total is unknown, and a Completed record at
/// the end. Records go through the write queue, so any thread may report.
/// </summary>
internal sealed class ThrottledProgress
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private static int s_nextActivityId = 0x4D_0000;

    private readonly Action<ProgressRecord> _write;
    private readonly ProgressRecord _record;
    private readonly Stopwatch _sinceLast = new();
    private readonly bool _enabled;
    private bool _shown;

    public ThrottledProgress(Action<ProgressRecord> write, string activity, string initialStatus, bool enabled, int parentActivityId = -1)
    {
        _write = write;
        _enabled = enabled;
        _record = new ProgressRecord(Interlocked.Increment(ref s_nextActivityId), activity, initialStatus)
        {
            ParentActivityId = parentActivityId,
        };
    }

    public int ActivityId => _record.ActivityId;

    /// <summary>Reports progress; <paramref name="percent"/> below zero means unknown. Extra calls inside the interval are dropped.</summary>
    public void Report(string status, int percent)
    {
        if (!_enabled || (_shown && _sinceLast.Elapsed < MinimumInterval))
        {
            return;
        }

        _record.StatusDescription = status;
        _record.PercentComplete = Math.Clamp(percent, -1, 100);
        _record.RecordType = ProgressRecordType.Processing;
        _write(Copy(_record));
        _shown = true;
        _sinceLast.Restart();
    }

    /// <summary>Closes the progress bar; safe to call when nothing was shown.</summary>
    public void Complete()
    {
        if (!_shown)
        {
            return;
        }

        ProgressRecord done = Copy(_record);
        done.RecordType = ProgressRecordType.Completed;
        done.PercentComplete = 100;
        _write(done);
        _shown = false;
    }

    private static ProgressRecord Copy(ProgressRecord source) => new(source.ActivityId, source.Activity, source.StatusDescription)
    {
        ParentActivityId = source.ParentActivityId,
        PercentComplete = source.PercentComplete,
        RecordType = source.RecordType,
        CurrentOperation = source.CurrentOperation,
    };
}
