using Milvus.Client;

namespace Milvus.PowerShell.Completion;

/// <summary>Completes collection names of the database in effect.</summary>
public sealed class CollectionNameCompleter : MilvusNameCompleter
{
    protected override string Kind => "collection";

    protected override async Task<IEnumerable<string>> ListAsync(AsyncMilvusClient client, string? collectionName, CancellationToken cancellationToken) =>
        await client.ListCollectionsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
}
