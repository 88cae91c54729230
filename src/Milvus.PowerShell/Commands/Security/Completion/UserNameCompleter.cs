using Milvus.Client;

namespace Milvus.PowerShell.Completion;

/// <summary>Completes user names (list_users).</summary>
public sealed class UserNameCompleter : MilvusNameCompleter
{
    protected override string Kind => "user";

    protected override async Task<IEnumerable<string>> ListAsync(AsyncMilvusClient client, string? collectionName, CancellationToken cancellationToken) =>
        await client.ListUsersAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
}
