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
    private readonly string _unit;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _pagedRows;
    private int _pages;

    /// <param name="verb">What happens to the rows, for the status text ("written", "read").</param>
    /// <param name="unit">What is counted, plural ("rows", "queries").</param>
    public RowProgress(ThrottledProgress progress, string verb, string unit = "rows")
    {
        _progress = progress;
        _verb = verb;
        _unit = unit;
    }

    public void Report(long rows)
    {
        TimeSpan elapsed = _clock.Elapsed;
        if (elapsed < QuietPeriod)
        {
            return;
        }

        double rate = rows / elapsed.TotalSeconds;
        _progress.Report(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} {_unit} {_verb}, {rate:N0} {_unit}/s"), -1);
    }

    /// <summary>Counts one page of a streamed read; reports from the second page on, like the batcher from its second batch.</summary>
    public void Page(long rows)
    {
        _pagedRows += rows;
        if (++_pages > 1)
        {
            Report(_pagedRows);
        }
    }

    public void Complete() => _progress.Complete();
}
