using Milvus.Client;

namespace Milvus.PowerShell.Internal;

/// <summary>
/// Runs a load (collection or partitions) that waits for loading to finish and shows the progress the client reports
/// while it waits (LoadOptions.Progress), so nothing polls get_load_state a second time.
/// </summary>
internal static class LoadWaiter
{
    /// <param name="load">The client's load call, made with <paramref name="options"/>.</param>
    public static async Task RunAsync(LoadOptions options, Func<CancellationToken, Task> load, ThrottledProgress progress, CancellationToken cancellationToken)
    {
        var shown = new QuietProgress(progress);
        options.Progress = new CallbackProgress<LoadStateInfo>(state =>
            shown.Report($"{state.State}: {state.Progress ?? 0}%", (int)(state.Progress ?? -1)));
        try
        {
            await load(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            options.Progress = null;
            progress.Complete();
        }
    }
}
