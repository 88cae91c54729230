using System.Diagnostics;
using System.Globalization;

namespace Milvus.PowerShell.Internal;

/// <summary>
/// Write-Progress for bulk work counted in rows (rows done and rate), shown only once the work has taken more than a
/// moment, so quick calls stay quiet (callers report from the second batch on). Throttling, the activity id and $ProgressPreference are ThrottledProgress's.
/// </summary>
internal sealed class RowProgress
{
    /// <summary>Work that ends sooner shows no progress at all.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(500);

    private readonly ThrottledProgress _progress;
    private readonly string _verb;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <param name="verb">What happens to the rows, for the status text ("written", "read").</param>
    public RowProgress(ThrottledProgress progress, string verb)
    {
        _progress = progress;
        _verb = verb;
    }

    public void Report(long rows)
    {
        TimeSpan elapsed = _clock.Elapsed;
        if (elapsed < QuietPeriod)
        {
            return;
        }

        double rate = rows / elapsed.TotalSeconds;
        _progress.Report(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows {_verb}, {rate:N0} rows/s"), -1);
    }

    public void Complete() => _progress.Complete();
}
