using Milvus.Client;

namespace Milvus.PowerShell.Internal;

/// <summary>
/// Runs create_index and shows the build progress (IndexedRows of TotalRows) the client reports while it waits for the
/// build (CreateIndexOptions.Progress), so nothing polls describe_index a second time. With noWait the client skips
/// the build wait (pymilvus <c>_async</c>) and returns once the index is accepted.
/// </summary>
internal static class IndexBuildWaiter
{
    /// <returns>The last build state the client reported; null with noWait or when it reported none.</returns>
    public static async Task<IndexDescription?> RunAsync(AsyncMilvusClient client, string collectionName, IndexParams indexParams,
        bool noWait, ThrottledProgress progress, CancellationToken cancellationToken)
    {
        var shown = new QuietProgress(progress);
        IndexDescription? last = null;
        var options = new CreateIndexOptions
        {
            NoWait = noWait,
            Progress = new CallbackProgress<IndexDescription>(index =>
            {
                last = index;
                int percent = index.TotalRows > 0 ? (int)(100 * index.IndexedRows / index.TotalRows) : -1;
                shown.Report($"{index.State}: {index.IndexedRows} of {index.TotalRows} rows", percent);
            }),
        };
        try
        {
            await client.CreateIndexAsync(collectionName, indexParams, options, cancellationToken: cancellationToken).ConfigureAwait(false);
            return last;
        }
        finally
        {
            progress.Complete();
        }
    }
}
