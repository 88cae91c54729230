namespace Milvus.Local.Security;

/// <summary>A user: name and salted password hash (never the password).</summary>
internal sealed record RbacUser(string Name, string PasswordHash);

/// <summary>
/// One grant row as Milvus stores it: the role may use <see cref="Privilege"/> (an API name, a built-in group or a
/// custom group) on object <see cref="ObjectName"/> of type <see cref="ObjectType"/> in database <see cref="DbName"/>.
/// </summary>
internal sealed record RbacGrant(string Role, string ObjectType, string DbName, string ObjectName, string Privilege, string Grantor);

/// <summary>A custom privilege group and its privileges in insertion order.</summary>
internal sealed record RbacPrivilegeGroup(string Name, IReadOnlyList<string> Privileges);
