using System.Diagnostics;

namespace Milvus.PowerShell.Internal;

/// <summary>
/// Progress of a wait (load, index build) that stays hidden for the first moment (<see cref="RowProgress.QuietPeriod"/>),
/// so quick calls show no progress bar; afterwards every report goes to the throttled bar.
/// </summary>
internal sealed class QuietProgress(ThrottledProgress progress)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Report(string status, int percent)
    {
        if (_clock.Elapsed >= RowProgress.QuietPeriod)
        {
            progress.Report(status, percent);
        }
    }
}
