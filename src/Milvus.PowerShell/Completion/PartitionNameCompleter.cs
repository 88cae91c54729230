using Milvus.Client;

namespace Milvus.PowerShell.Completion;

/// <summary>Completes partition names of the collection given with -CollectionName.</summary>
public sealed class PartitionNameCompleter : MilvusNameCompleter
{
    protected override string Kind => "partition";

    protected override bool NeedsCollection => true;

    protected override async Task<IEnumerable<string>> ListAsync(AsyncMilvusClient client, string? collectionName, CancellationToken cancellationToken) =>
        await client.ListPartitionsAsync(collectionName!, cancellationToken: cancellationToken).ConfigureAwait(false);
}
