using System.Text;
using Milvus.Protocol.Api;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>create_user(user_name, password, description=None)</c>.</summary>
    public Task CreateUserAsync(string userName, string password, string? description = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("CreateCredential", CreateUserRequest(userName, password, description),
            (c, r, o) => c.CreateCredentialAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>drop_user</c>.</summary>
    public Task DropUserAsync(string userName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => CallAsync("DeleteCredential", new DeleteCredentialRequest { Username = userName }, (c, r, o) => c.DeleteCredentialAsync(r, o),
            timeout, cancellationToken);

    /// <summary>pymilvus <c>update_password(user_name, old_password, new_password, reset_connection=False)</c>.</summary>
    public Task UpdatePasswordAsync(string userName, string oldPassword, string newPassword, bool resetConnection = false,
        string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => UpdatePasswordCoreAsync(userName, oldPassword, newPassword, resetConnection, description, timeout, cancellationToken);

    /// <summary>pymilvus <c>update_user(user_name, description)</c>: UpdateCredential with empty passwords and the description.</summary>
    public Task UpdateUserAsync(string userName, string description, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("UpdateCredential",
            new UpdateCredentialRequest { Username = userName, OldPassword = "", NewPassword = "", Description = description },
            (c, r, o) => c.UpdateCredentialAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>list_users</c>.</summary>
    public Task<IReadOnlyList<string>> ListUsersAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("ListCredUsers", new ListCredUsersRequest(), (c, r, o) => c.ListCredUsersAsync(r, o), timeout, cancellationToken),
            r => (IReadOnlyList<string>)r.Usernames.ToList());

    /// <summary>pymilvus <c>describe_user</c>; null when the user does not exist (pymilvus returns {}).</summary>
    public Task<UserDescription?> DescribeUserAsync(string userName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("SelectUser",
            new SelectUserRequest { User = new UserEntity { Name = userName }, IncludeRoleInfo = true }, (c, r, o) => c.SelectUserAsync(r, o), timeout, cancellationToken),
            r => r.Results.Count == 0 ? null
                : new UserDescription(r.Results[0].User?.Name ?? userName, r.Results[0].Roles.Select(x => x.Name).ToList(), r.Results[0].Description));

    /// <summary>pymilvus <c>grant_role(user_name, role_name)</c>.</summary>
    public Task GrantRoleAsync(string userName, string roleName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => CallAsync("OperateUserRole", new OperateUserRoleRequest { Username = userName, RoleName = roleName, Type = OperateUserRoleType.AddUserToRole },
            (c, r, o) => c.OperateUserRoleAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>revoke_role(user_name, role_name)</c>.</summary>
    public Task RevokeRoleAsync(string userName, string roleName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => CallAsync("OperateUserRole", new OperateUserRoleRequest { Username = userName, RoleName = roleName, Type = OperateUserRoleType.RemoveUserFromRole },
            (c, r, o) => c.OperateUserRoleAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>create_role(role_name, description="")</c>.</summary>
    public Task CreateRoleAsync(string roleName, string description = "", TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("CreateRole",
            new CreateRoleRequest { Entity = new RoleEntity { Name = roleName, Description = description ?? "" } }, (c, r, o) => c.CreateRoleAsync(r, o),
            timeout, cancellationToken);

    /// <summary>pymilvus <c>alter_role(role_name, description)</c>: the AlterRole RPC of Milvus 3.0.</summary>
    public Task AlterRoleAsync(string roleName, string description, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallNewRpcAsync("alter_role", "AlterRole",
            new AlterRoleRequest { RoleName = roleName, Description = description ?? "" }, (c, r, o) => c.AlterRoleAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>drop_role(role_name, force_drop=False)</c>.</summary>
    public Task DropRoleAsync(string roleName, bool forceDrop = false, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("DropRole", new DropRoleRequest { RoleName = roleName, ForceDrop = forceDrop }, (c, r, o) => c.DropRoleAsync(r, o),
            timeout, cancellationToken);

    /// <summary>pymilvus <c>describe_role(role_name, db_name=)</c>.</summary>
    public Task<RoleDescription> DescribeRoleAsync(string roleName, string? dbName = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => DescribeRoleCoreAsync(roleName, dbName, timeout, cancellationToken);

    /// <summary>pymilvus <c>list_roles</c>.</summary>
    public Task<IReadOnlyList<string>> ListRolesAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("SelectRole", new SelectRoleRequest(), (c, r, o) => c.SelectRoleAsync(r, o), timeout, cancellationToken),
            r => (IReadOnlyList<string>)r.Results.Select(x => x.Role.Name).ToList());

    /// <summary>
    /// pymilvus ORM <c>utility.list_roles(include_user_info=True)</c> (and <c>Role.get_users</c>): every role, in the
    /// server's order, with the users holding it. One SelectRole call.
    /// </summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListRoleUsersAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("SelectRole", new SelectRoleRequest { IncludeUserInfo = true }, (c, r, o) => c.SelectRoleAsync(r, o), timeout, cancellationToken),
            r => (IReadOnlyDictionary<string, IReadOnlyList<string>>)r.Results.ToDictionary(
                x => x.Role.Name, x => (IReadOnlyList<string>)x.Users.Select(u => u.Name).ToList(), StringComparer.Ordinal));

    /// <summary>pymilvus <c>grant_privilege(role_name, object_type, privilege, object_name, db_name="")</c>.</summary>
    public Task GrantPrivilegeAsync(string roleName, string objectType, string privilege, string objectName, string dbName = "",
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => CallAsync("OperatePrivilege", PrivilegeRequest(roleName, objectType, privilege, objectName, dbName, OperatePrivilegeType.Grant),
            (c, r, o) => c.OperatePrivilegeAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>revoke_privilege(role_name, object_type, privilege, object_name, db_name="")</c>.</summary>
    public Task RevokePrivilegeAsync(string roleName, string objectType, string privilege, string objectName, string dbName = "",
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => CallAsync("OperatePrivilege", PrivilegeRequest(roleName, objectType, privilege, objectName, dbName, OperatePrivilegeType.Revoke),
            (c, r, o) => c.OperatePrivilegeAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>grant_privilege_v2(role_name, privilege, collection_name, db_name=None)</c>.</summary>
    public Task GrantPrivilegeV2Async(string roleName, string privilege, string collectionName, string? dbName = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => CallAsync("OperatePrivilegeV2", PrivilegeV2Request(roleName, privilege, collectionName, dbName, OperatePrivilegeType.Grant),
            (c, r, o) => c.OperatePrivilegeV2Async(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>revoke_privilege_v2(role_name, privilege, collection_name, db_name=None)</c>.</summary>
    public Task RevokePrivilegeV2Async(string roleName, string privilege, string collectionName, string? dbName = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => CallAsync("OperatePrivilegeV2", PrivilegeV2Request(roleName, privilege, collectionName, dbName, OperatePrivilegeType.Revoke),
            (c, r, o) => c.OperatePrivilegeV2Async(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>create_privilege_group</c>.</summary>
    public Task CreatePrivilegeGroupAsync(string groupName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => CallAsync("CreatePrivilegeGroup", new CreatePrivilegeGroupRequest { GroupName = groupName },
            (c, r, o) => c.CreatePrivilegeGroupAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>drop_privilege_group</c>.</summary>
    public Task DropPrivilegeGroupAsync(string groupName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => CallAsync("DropPrivilegeGroup", new DropPrivilegeGroupRequest { GroupName = groupName },
            (c, r, o) => c.DropPrivilegeGroupAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>list_privilege_groups</c>.</summary>
    public Task<IReadOnlyList<PrivilegeGroupInfo>> ListPrivilegeGroupsAsync(TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => MapAsync(CallAsync("ListPrivilegeGroups", new ListPrivilegeGroupsRequest(),
            (c, r, o) => c.ListPrivilegeGroupsAsync(r, o), timeout, cancellationToken),
            r => (IReadOnlyList<PrivilegeGroupInfo>)r.PrivilegeGroups.Select(g => new PrivilegeGroupInfo(g.GroupName, g.Privileges.Select(p => p.Name).ToList())).ToList());

    /// <summary>pymilvus <c>add_privileges_to_group</c>.</summary>
    public Task AddPrivilegesToGroupAsync(string groupName, IEnumerable<string> privileges, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("OperatePrivilegeGroup", PrivilegeGroupRequest(groupName, privileges, OperatePrivilegeGroupType.AddPrivilegesToGroup),
            (c, r, o) => c.OperatePrivilegeGroupAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>remove_privileges_from_group</c>.</summary>
    public Task RemovePrivilegesFromGroupAsync(string groupName, IEnumerable<string> privileges, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("OperatePrivilegeGroup", PrivilegeGroupRequest(groupName, privileges, OperatePrivilegeGroupType.RemovePrivilegesFromGroup),
            (c, r, o) => c.OperatePrivilegeGroupAsync(r, o), timeout, cancellationToken);

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
