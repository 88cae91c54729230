using Milvus.Client;

namespace Milvus.PowerShell.Completion;

/// <summary>Completes privilege group names (list_privilege_groups).</summary>
public sealed class PrivilegeGroupNameCompleter : MilvusNameCompleter
{
    protected override string Kind => "privilegegroup";

    protected override async Task<IEnumerable<string>> ListAsync(AsyncMilvusClient client, string? collectionName, CancellationToken cancellationToken) =>
        (await client.ListPrivilegeGroupsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Select(g => g.PrivilegeGroup);
}
