using Milvus.Client;

namespace Milvus.PowerShell.Completion;

/// <summary>Completes index names of the collection given with -CollectionName.</summary>
public sealed class IndexNameCompleter : MilvusNameCompleter
{
    protected override string Kind => "index";

    protected override bool NeedsCollection => true;

    protected override async Task<IEnumerable<string>> ListAsync(AsyncMilvusClient client, string? collectionName, CancellationToken cancellationToken) =>
        await client.ListIndexesAsync(collectionName!, cancellationToken: cancellationToken).ConfigureAwait(false);
}
