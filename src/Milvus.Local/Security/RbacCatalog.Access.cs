namespace Milvus.Local.Security;

// What the access check reads from the catalog: password verification, a user's roles, and whether a role's grants
// permit a privilege on an object (Milvus's casbin model, see PermitsGrant).
internal sealed partial class RbacCatalog
{
    /// <summary>The stored hash of the user's password, or null for an unknown user.</summary>
    public string? PasswordHashOf(string user) => _users.TryGetValue(user, out var u) ? u.PasswordHash : null;

    /// <summary>The user's roles plus public, which every user has (GetRole + util.RolePublic in the interceptor).</summary>
    public IReadOnlyList<string> EffectiveRolesOf(string user) => [.. RolesOf(user).Where(r => r != PublicRole), PublicRole];

    /// <summary>
    /// Whether <paramref name="role"/> may use <paramref name="privilege"/> (API name) on the object
    /// (<paramref name="objectType"/>, <paramref name="dbName"/>, <paramref name="objectName"/>). The admin role may do anything.
    /// </summary>
    public bool Permits(string role, string objectType, string dbName, string objectName, string privilege)
        => role == AdminRole || _grants.Where(g => g.Role == role).SelectMany(Expand)
            .Any(g => PermitsGrant(g, objectType, dbName, objectName, privilege));

    /// <summary>
    /// Milvus's matcher: the grant's object ("Type-db.name") glob-matches the request's and its privilege is the one asked
    /// or "*"; or the grant is in the same database and is All, or a 2.4 group (ReadOnly/ReadWrite on a matching
    /// collection, Admin on anything) that contains the privilege.
    /// </summary>
    private static bool PermitsGrant(RbacGrant grant, string objectType, string dbName, string objectName, string privilege)
    {
        var any = RbacNames.AnyWord;
        if (grant.ObjectType == objectType && (grant.DbName == any || grant.DbName == dbName)
            && (grant.ObjectName == any || grant.ObjectName == objectName) && (grant.Privilege == any || grant.Privilege == privilege))
            return true;
        if (grant.DbName != dbName) return false;
        var collectionMatches = grant.ObjectName == any || objectName == any || grant.ObjectName == objectName;
        return grant.Privilege switch
        {
            "All" => true,
            "ReadOnly" => collectionMatches && PrivilegeCatalog.LegacyReadOnly.Contains(privilege),
            "ReadWrite" => collectionMatches && PrivilegeCatalog.LegacyReadWrite.Contains(privilege),
            "Admin" => PrivilegeCatalog.LegacyAdmin.Contains(privilege),
            _ => false,
        };
    }

    /// <summary>
    /// rootcoord expandPrivilegeGroups: a grant of a v2 built-in or custom group stands for one grant per member, each on
    /// the member's object type (Global members on any object); other grants stand for themselves.
    /// </summary>
    private IEnumerable<RbacGrant> Expand(RbacGrant grant)
    {
        var members = _groups.TryGetValue(grant.Privilege, out var custom) ? custom.Privileges
            : PrivilegeCatalog.BuiltinGroups.FirstOrDefault(g => g.Name == grant.Privilege).Privileges;
        if (members is null) return [grant];
        return members.Select(p =>
        {
            var type = PrivilegeCatalog.ObjectTypeOf(p);
            return grant with { ObjectType = type, ObjectName = type == PrivilegeCatalog.Global ? RbacNames.AnyWord : grant.ObjectName, Privilege = p };
        });
    }
}
