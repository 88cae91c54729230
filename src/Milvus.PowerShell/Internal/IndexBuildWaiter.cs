using Milvus.Client;

namespace Milvus.PowerShell.Internal;

/// <summary>
/// Runs create_index and reports build progress (IndexedRows of TotalRows) while the client waits for the build.
/// With noWait the client itself skips the build wait (pymilvus <c>_async</c>), so this returns once the index is accepted.
/// </summary>
internal static class IndexBuildWaiter
{
    public static async Task RunAsync(AsyncMilvusClient client, string collectionName, IndexParams indexParams, string indexName,
        bool noWait, ThrottledProgress progress, CancellationToken cancellationToken)
    {
        Task create = client.CreateIndexAsync(collectionName, indexParams, new CreateIndexOptions { NoWait = noWait }, cancellationToken: cancellationToken);
        try
        {
            await ProgressPolling.WaitAsync(create, async ct =>
            {
                IndexDescription? index = await client.DescribeIndexAsync(collectionName, indexName, cancellationToken: ct).ConfigureAwait(false);
                if (index is not null)
                {
                    int percent = index.TotalRows > 0 ? (int)(100 * index.IndexedRows / index.TotalRows) : -1;
                    progress.Report($"{index.State}: {index.IndexedRows} of {index.TotalRows} rows", percent);
                }
            }, ProgressPolling.DefaultInterval, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            progress.Complete();
        }
    }
}
