using Milvus.Client;

namespace Milvus.PowerShell.Completion;

/// <summary>Completes snapshot names of the collection given with -CollectionName.</summary>
public sealed class SnapshotNameCompleter : MilvusNameCompleter
{
    protected override string Kind => "snapshot";

    protected override bool NeedsCollection => true;

    protected override async Task<IEnumerable<string>> ListAsync(AsyncMilvusClient client, string? collectionName, CancellationToken cancellationToken) =>
        await client.ListSnapshotsAsync(collectionName!, cancellationToken: cancellationToken).ConfigureAwait(false);
}
