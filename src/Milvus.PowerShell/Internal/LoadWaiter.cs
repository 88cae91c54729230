using Milvus.Client;

namespace Milvus.PowerShell.Internal;

/// <summary>Runs a load (collection or partitions) and reports get_load_state progress while the client waits for it.</summary>
internal static class LoadWaiter
{
    public static async Task RunAsync(Func<CancellationToken, Task> load, AsyncMilvusClient client, string collectionName,
        IReadOnlyList<string>? partitionNames, ThrottledProgress progress, CancellationToken cancellationToken)
    {
        try
        {
            await ProgressPolling.WaitAsync(load(cancellationToken), async ct =>
            {
                LoadStateInfo state = await client.GetLoadStateAsync(collectionName, partitionNames, cancellationToken: ct).ConfigureAwait(false);
                long percent = state.Progress ?? -1;
                progress.Report(percent >= 0 ? $"{state.State}: {percent}%" : state.State.ToString(), (int)percent);
            }, ProgressPolling.DefaultInterval, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            progress.Complete();
        }
    }
}
