namespace Milvus.PowerShell.Internal;

/// <summary>Waits for a long client call (load, index build) while polling its progress for Write-Progress.</summary>
internal static class ProgressPolling
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Awaits <paramref name="work"/>, calling <paramref name="poll"/> every interval until it completes.</summary>
    public static async Task WaitAsync(Task work, Func<CancellationToken, Task> poll, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!work.IsCompleted)
        {
            Task delay = Task.Delay(interval, cancellationToken);
            if (await Task.WhenAny(work, delay).ConfigureAwait(false) == work)
            {
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await poll(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Progress is best effort: a failed poll must not fail the operation itself.
            }
        }

        await work.ConfigureAwait(false);
    }
}
