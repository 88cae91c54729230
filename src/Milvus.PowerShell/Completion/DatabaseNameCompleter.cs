using Milvus.Client;

namespace Milvus.PowerShell.Completion;

/// <summary>Completes database names.</summary>
public sealed class DatabaseNameCompleter : MilvusNameCompleter
{
    protected override string Kind => "database";

    protected override async Task<IEnumerable<string>> ListAsync(AsyncMilvusClient client, string? collectionName, CancellationToken cancellationToken) =>
        await client.ListDatabasesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
}
