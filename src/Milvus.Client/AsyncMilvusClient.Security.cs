namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>create_user(user_name, password, description=None)</c>.</summary>
    public Task CreateUserAsync(string userName, string password, string? description = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>drop_user</c>.</summary>
    public Task DropUserAsync(string userName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>update_password(user_name, old_password, new_password, reset_connection=False)</c>.</summary>
    public Task UpdatePasswordAsync(string userName, string oldPassword, string newPassword, bool resetConnection = false,
        string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>update_user(user_name, description)</c>.</summary>
    public Task UpdateUserAsync(string userName, string description, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>list_users</c>.</summary>
    public Task<IReadOnlyList<string>> ListUsersAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>describe_user</c>; null when the user does not exist (pymilvus returns {}).</summary>
    public Task<UserDescription?> DescribeUserAsync(string userName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>grant_role(user_name, role_name)</c>.</summary>
    public Task GrantRoleAsync(string userName, string roleName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>revoke_role(user_name, role_name)</c>.</summary>
    public Task RevokeRoleAsync(string userName, string roleName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>create_role(role_name, description="")</c>.</summary>
    public Task CreateRoleAsync(string roleName, string description = "", TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>alter_role(role_name, description)</c>.</summary>
    public Task AlterRoleAsync(string roleName, string description, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>drop_role(role_name, force_drop=False)</c>.</summary>
    public Task DropRoleAsync(string roleName, bool forceDrop = false, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>describe_role(role_name, db_name=)</c>.</summary>
    public Task<RoleDescription> DescribeRoleAsync(string roleName, string? dbName = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>list_roles</c>.</summary>
    public Task<IReadOnlyList<string>> ListRolesAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>grant_privilege(role_name, object_type, privilege, object_name, db_name="")</c>.</summary>
    public Task GrantPrivilegeAsync(string roleName, string objectType, string privilege, string objectName, string dbName = "",
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>revoke_privilege(role_name, object_type, privilege, object_name, db_name="")</c>.</summary>
    public Task RevokePrivilegeAsync(string roleName, string objectType, string privilege, string objectName, string dbName = "",
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>grant_privilege_v2(role_name, privilege, collection_name, db_name=None)</c>.</summary>
    public Task GrantPrivilegeV2Async(string roleName, string privilege, string collectionName, string? dbName = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>revoke_privilege_v2(role_name, privilege, collection_name, db_name=None)</c>.</summary>
    public Task RevokePrivilegeV2Async(string roleName, string privilege, string collectionName, string? dbName = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>create_privilege_group</c>.</summary>
    public Task CreatePrivilegeGroupAsync(string groupName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>drop_privilege_group</c>.</summary>
    public Task DropPrivilegeGroupAsync(string groupName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>list_privilege_groups</c>.</summary>
    public Task<IReadOnlyList<PrivilegeGroupInfo>> ListPrivilegeGroupsAsync(TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>add_privileges_to_group</c>.</summary>
    public Task AddPrivilegesToGroupAsync(string groupName, IEnumerable<string> privileges, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>remove_privileges_from_group</c>.</summary>
    public Task RemovePrivilegesFromGroupAsync(string groupName, IEnumerable<string> privileges, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();
}
