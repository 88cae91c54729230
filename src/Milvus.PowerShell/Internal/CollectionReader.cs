using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Internal;

/// <summary>Reads a collection's description and load state into a MilvusCollectionInfo.</summary>
internal static class CollectionReader
{
    public static async Task<MilvusCollectionInfo> ReadAsync(AsyncMilvusClient client, string collectionName, CancellationToken cancellationToken)
    {
        CollectionDescription description = await client.DescribeCollectionAsync(collectionName, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        LoadStateInfo loadState = await client.GetLoadStateAsync(collectionName, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ModelMapper.ToCollectionInfo(description, loadState);
    }
}
