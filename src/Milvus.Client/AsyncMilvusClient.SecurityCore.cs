using System.Text;
using Milvus.Protocol.Api;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>The v2.6.17 protocol has no user/role description: refuse a non-empty one instead of dropping it silently.</summary>
    private static Task? RequireNoDescription(string? description, string method)
        => string.IsNullOrEmpty(description)
            ? null
            : Task.FromException(new ServerVersionIncompatibleException($"{method}: a description is not carried by the Milvus v2.6.17 protocol"));

    private async Task UpdatePasswordCoreAsync(string userName, string oldPassword, string newPassword, bool resetConnection, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        await CallAsync("UpdateCredential",
            new UpdateCredentialRequest { Username = userName, OldPassword = Base64(oldPassword), NewPassword = Base64(newPassword) },
            (c, r, o) => c.UpdateCredentialAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        if (resetConnection) _connection.AuthorizationOverride = $"{userName}:{newPassword}";
    }

    private async Task<RoleDescription> DescribeRoleCoreAsync(string roleName, string? dbName, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var grants = await CallAsync("SelectGrant",
            new SelectGrantRequest { Entity = new GrantEntity { Role = new RoleEntity { Name = roleName }, DbName = dbName ?? "" } },
            (c, r, o) => c.SelectGrantAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        var privileges = grants.Entities.Select(g => new GrantInfo(
            g.Object?.Name ?? "", g.ObjectName, g.DbName, g.Role?.Name ?? roleName, g.Grantor?.Privilege?.Name ?? "", g.Grantor?.User?.Name ?? "")).ToList();
        return new RoleDescription(roleName, privileges);
    }

    private static OperatePrivilegeRequest PrivilegeRequest(string roleName, string objectType, string privilege, string objectName, string dbName,
        OperatePrivilegeType type)
        => new()
        {
            Entity = new GrantEntity
            {
                Role = new RoleEntity { Name = roleName },
                Object = new ObjectEntity { Name = objectType },
                ObjectName = objectName,
                DbName = dbName ?? "",
                Grantor = new GrantorEntity { Privilege = new PrivilegeEntity { Name = privilege } },
            },
            Type = type,
        };

    private static OperatePrivilegeV2Request PrivilegeV2Request(string roleName, string privilege, string collectionName, string? dbName,
        OperatePrivilegeType type)
        => new()
        {
            Role = new RoleEntity { Name = roleName },
            Grantor = new GrantorEntity { Privilege = new PrivilegeEntity { Name = privilege } },
            Type = type,
            DbName = dbName ?? "",
            CollectionName = collectionName,
        };

    private static OperatePrivilegeGroupRequest PrivilegeGroupRequest(string groupName, IEnumerable<string> privileges, OperatePrivilegeGroupType type)
    {
        var request = new OperatePrivilegeGroupRequest { GroupName = groupName, Type = type };
        request.Privileges.AddRange(privileges.Select(p => new PrivilegeEntity { Name = p }));
        return request;
    }
}
