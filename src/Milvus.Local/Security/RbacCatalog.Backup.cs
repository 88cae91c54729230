using Milvus.Protocol.Api;
using Milvus.Protocol.Common;

namespace Milvus.Local.Security;

// BackupRBAC / RestoreRBAC: the catalog as one RBACMeta message, without root and the default roles (as Milvus does).
internal sealed partial class RbacCatalog
{
    /// <summary>Users except root (with their password hashes and roles), custom roles, their grants, custom groups.</summary>
    public RBACMeta Backup()
    {
        var meta = new RBACMeta();
        foreach (var name in UserNames().Where(n => n != Root))
            meta.Users.Add(new UserInfo { User = name, Password = _users[name].PasswordHash, Roles = { RolesOf(name).Select(r => new RoleEntity { Name = r }) } });
        var roles = _roles.Where(r => r is not (AdminRole or PublicRole)).ToList();
        meta.Roles.Add(roles.Select(r => new RoleEntity { Name = r }));
        foreach (var role in roles)
            meta.Grants.Add(SelectGrants(new GrantEntity { Role = new RoleEntity { Name = role } }, RbacNames.AnyWord).Select(ToEntity));
        meta.PrivilegeGroups.Add(_groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => new PrivilegeGroupInfo { GroupName = g.Name, Privileges = { g.Privileges.Select(p => new PrivilegeEntity { Name = p }) } }));
        return meta;
    }

    /// <summary>
    /// Adds the backed-up entries in one transaction; nothing may already exist (Milvus's CheckIfRBACRestorable).
    /// Passwords arrive as stored hashes: a hash from another Milvus (bcrypt) is kept but cannot be verified here.
    /// </summary>
    public void Restore(RBACMeta? meta)
    {
        if (meta is null || (meta.Roles.Count == 0 && meta.PrivilegeGroups.Count == 0 && meta.Grants.Count == 0 && meta.Users.Count == 0)) return;
        CheckRestorable(meta);
        var users = meta.Users.Select(u => new RbacUser(u.User, u.Password)).ToList();
        var bindings = meta.Users.SelectMany(u => u.Roles.Select(r => (u.User, r.Name))).ToList();
        var grants = meta.Grants.Select(g => new RbacGrant(g.Role.Name, g.Object.Name, g.DbName, g.ObjectName, g.Grantor.Privilege.Name,
            g.Grantor.User?.Name ?? Root)).ToList();
        var groups = meta.PrivilegeGroups.Select(g => new RbacPrivilegeGroup(g.GroupName, g.Privileges.Select(p => p.Name).ToList())).ToList();
        Persist(tx =>
        {
            foreach (var r in meta.Roles) _store.SaveRole(r.Name, tx);
            foreach (var g in groups) _store.SaveGroup(g, tx);
            foreach (var g in grants) _store.SaveGrant(g, tx);
            foreach (var u in users) _store.SaveUser(u, tx);
            foreach (var (user, role) in bindings) _store.SaveBinding(user, role, tx);
        });
        _roles.UnionWith(meta.Roles.Select(r => r.Name));
        foreach (var g in groups) _groups[g.Name] = g;
        _grants.UnionWith(grants);
        foreach (var u in users) _users[u.Name] = u;
        _bindings.UnionWith(bindings);
    }

    private void CheckRestorable(RBACMeta meta)
    {
        var clash = meta.Roles.FirstOrDefault(r => _roles.Contains(r.Name));
        if (clash is not null) throw RestoreFailure($"role [{clash.Name}] already exists");
        var groupClash = meta.PrivilegeGroups.FirstOrDefault(g => _groups.ContainsKey(g.GroupName));
        if (groupClash is not null) throw RestoreFailure($"privilege group [{groupClash.GroupName}] already exists");
        var groupsAfter = _groups.Keys.Concat(meta.PrivilegeGroups.Select(g => g.GroupName)).ToHashSet(StringComparer.Ordinal);
        var unknown = meta.Grants.Select(g => g.Grantor?.Privilege?.Name ?? "")
            .FirstOrDefault(p => !groupsAfter.Contains(p) && !PrivilegeCatalog.IsDefined(p));
        if (unknown is not null) throw RestoreFailure($"privilege [{unknown}] does not exist");
        var rolesAfter = _roles.Concat(meta.Roles.Select(r => r.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var user in meta.Users)
        {
            if (_users.ContainsKey(user.User)) throw RestoreFailure($"user [{user.User}] already exists");
            var missing = user.Roles.FirstOrDefault(r => !rolesAfter.Contains(r.Name));
            if (missing is not null) throw RestoreFailure($"role [{missing.Name}] does not exist");
        }
    }

    /// <summary>A grant row as SelectGrant and BackupRBAC report it.</summary>
    public static GrantEntity ToEntity(RbacGrant g) => new()
    {
        Role = new RoleEntity { Name = g.Role },
        Object = new ObjectEntity { Name = g.ObjectType },
        ObjectName = g.ObjectName,
        DbName = g.DbName,
        Grantor = new GrantorEntity { User = new UserEntity { Name = g.Grantor }, Privilege = new PrivilegeEntity { Name = g.Privilege } },
    };

    private static RbacFailure RestoreFailure(string message) => new(RbacErrors.Plain(message), ErrorCode.OperatePrivilegeFailure);
}
