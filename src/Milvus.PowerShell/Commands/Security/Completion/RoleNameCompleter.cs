using Milvus.Client;

namespace Milvus.PowerShell.Completion;

/// <summary>Completes role names (list_roles).</summary>
public sealed class RoleNameCompleter : MilvusNameCompleter
{
    protected override string Kind => "role";

    protected override async Task<IEnumerable<string>> ListAsync(AsyncMilvusClient client, string? collectionName, CancellationToken cancellationToken) =>
        await client.ListRolesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
}
