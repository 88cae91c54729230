using Milvus.Client;

namespace Milvus.PowerShell.Internal;

/// <summary>
/// Runs create_index and reports build progress (IndexedRows of TotalRows) while the client waits for the build.
/// With noWait, returns as soon as the server lists the index and stops the client's build wait.
/// </summary>
internal static class IndexBuildWaiter
{
    public static async Task RunAsync(AsyncMilvusClient client, string collectionName, IndexParams indexParams, string indexName,
        bool noWait, ThrottledProgress progress, CancellationToken cancellationToken)
    {
        using var createScope = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task create = client.CreateIndexAsync(collectionName, indexParams, cancellationToken: createScope.Token);
        bool indexListed = false;
        try
        {
            await ProgressPolling.WaitAsync(create, async ct =>
            {
                IndexDescription? index = await client.DescribeIndexAsync(collectionName, indexName, cancellationToken: ct).ConfigureAwait(false);
                if (index is null)
                {
                    return;
                }

                if (noWait)
                {
                    indexListed = true;
                    createScope.Cancel(); // the index exists; only the client's build wait is stopped
                    return;
                }

                int percent = index.TotalRows > 0 ? (int)(100 * index.IndexedRows / index.TotalRows) : -1;
                progress.Report($"{index.State}: {index.IndexedRows} of {index.TotalRows} rows", percent);
            }, ProgressPolling.DefaultInterval, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (indexListed && !cancellationToken.IsCancellationRequested)
        {
            // -NoWait: the wait we cancelled on purpose ended; the index itself was created.
        }
        finally
        {
            progress.Complete();
        }
    }
}
