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
}
