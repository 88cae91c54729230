namespace Milvus.Client;

/// <summary>describe_user's answer.</summary>
public sealed record UserDescription(string UserName, IReadOnlyList<string> Roles, string Description = "");

/// <summary>One grant of a role (describe_role's <c>privileges</c> entries).</summary>
public sealed record GrantInfo(string ObjectType, string ObjectName, string DbName, string RoleName, string Privilege, string GrantorName);

/// <summary>describe_role's answer.</summary>
public sealed record RoleDescription(string Role, IReadOnlyList<GrantInfo> Privileges, string Description = "");

/// <summary>list_privilege_groups entries.</summary>
public sealed record PrivilegeGroupInfo(string PrivilegeGroup, IReadOnlyList<string> Privileges);
