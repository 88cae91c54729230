using System.Text;
using Milvus.Protocol.Api;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>pymilvus create_user_request: the description only when given.</summary>
    private static CreateCredentialRequest CreateUserRequest(string userName, string password, string? description)
    {
        var request = new CreateCredentialRequest { Username = userName, Password = Base64(password) };
        if (description is not null) request.Description = description;
        return request;
    }

    private async Task UpdatePasswordCoreAsync(string userName, string oldPassword, string newPassword, bool resetConnection, string? description,
        TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var request = new UpdateCredentialRequest { Username = userName, OldPassword = Base64(oldPassword), NewPassword = Base64(newPassword) };
        if (description is not null) request.Description = description;
        await CallAsync("UpdateCredential", request, (c, r, o) => c.UpdateCredentialAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        if (resetConnection) _connection.AuthorizationOverride = $"{userName}:{newPassword}";
    }

    /// <summary>pymilvus 3.0 describe_role: SelectRole (for the description), then SelectGrant.</summary>
    private async Task<RoleDescription> DescribeRoleCoreAsync(string roleName, string? dbName, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var roles = await CallAsync("SelectRole", new SelectRoleRequest { Role = new RoleEntity { Name = roleName } },
            (c, r, o) => c.SelectRoleAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        var description = roles.Results.Count > 0 ? roles.Results[0].Role?.Description ?? "" : "";
        var grants = await CallAsync("SelectGrant",
            new SelectGrantRequest { Entity = new GrantEntity { Role = new RoleEntity { Name = roleName }, DbName = dbName ?? "" } },
            (c, r, o) => c.SelectGrantAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        var privileges = grants.Entities.Select(g => new GrantInfo(
            g.Object?.Name ?? "", g.ObjectName, g.DbName, g.Role?.Name ?? roleName, g.Grantor?.Privilege?.Name ?? "", g.Grantor?.User?.Name ?? "")).ToList();
        return new RoleDescription(roleName, privileges, description);
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
