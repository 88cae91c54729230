using Milvus.Client;

namespace Milvus.PowerShell.Completion;

/// <summary>Completes alias names (of -CollectionName when given, else of the whole database).</summary>
public sealed class AliasNameCompleter : MilvusNameCompleter
{
    protected override string Kind => "alias";

    protected override async Task<IEnumerable<string>> ListAsync(AsyncMilvusClient client, string? collectionName, CancellationToken cancellationToken)
    {
        AliasList aliases = await client.ListAliasesAsync(collectionName ?? string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        return aliases.Aliases;
    }
}
