using Milvus.Protocol.Api;
using Milvus.Protocol.Common;

namespace Milvus.Local.Security;

// Roles and user-role bindings.
internal sealed partial class RbacCatalog
{
    private const string RoleNotFound = "not found the role, maybe the role isn't existed or internal system error";

    /// <summary>CreateRole: at most <see cref="MaxRoles"/> roles, counting the default roles admin and public as Milvus does.</summary>
    public void CreateRole(string name)
    {
        RbacNames.RoleName(name);
        if (_roles.Contains(name))
            throw new RbacFailure(RbacErrors.Invalid($"role [name:\"{name}\"] already exists"), ErrorCode.CreateRoleFailure);
        if (_roles.Count >= MaxRoles)
            throw new RbacFailure(RbacErrors.QuotaExceeded("unable to create role because the number of roles has reached the limit"),
                ErrorCode.CreateRoleFailure);
        Persist(tx => _store.SaveRole(name, tx));
        _roles.Add(name);
    }

    /// <summary>DropRole: default roles stay; a role with grants needs force_drop, which also drops its grants.</summary>
    public void DropRole(string name, bool force)
    {
        RbacNames.RoleName(name);
        if (name is AdminRole or PublicRole) throw RbacErrors.NotPermitted($"the role[{name}] is a default role, which can't be dropped");
        if (!_roles.Contains(name)) throw new RbacFailure(RbacErrors.Invalid(RoleNotFound), ErrorCode.DropRoleFailure);
        if (!force && _grants.Any(g => g.Role == name))
            throw new RbacFailure(RbacErrors.Plain("fail to drop the role that it has privileges. Use REVOKE API to revoke privileges"),
                ErrorCode.DropRoleFailure);
        Persist(tx => _store.DeleteRole(name, tx));
        _roles.Remove(name);
        _bindings.RemoveWhere(b => b.Role == name);
        _grants.RemoveWhere(g => g.Role == name);
    }

    /// <summary>OperateUserRole: the role must exist; adding also needs the user. Repeats are no-ops.</summary>
    public void OperateUserRole(string user, string role, OperateUserRoleType type)
    {
        RbacNames.Username(user);
        RbacNames.RoleName(role);
        if (!_roles.Contains(role)) throw new RbacFailure(RbacErrors.Invalid(RoleNotFound), ErrorCode.OperateUserRoleFailure);
        switch (type)
        {
            case OperateUserRoleType.AddUserToRole:
                if (!_users.ContainsKey(user))
                    throw new RbacFailure(RbacErrors.Plain("not found the user, maybe the user isn't existed or internal system error"),
                        ErrorCode.OperateUserRoleFailure);
                if (_bindings.Contains((user, role))) return;
                Persist(tx => _store.SaveBinding(user, role, tx));
                _bindings.Add((user, role));
                break;
            case OperateUserRoleType.RemoveUserFromRole:
                if (!_bindings.Contains((user, role))) return;
                Persist(tx => _store.DeleteBinding(user, role, tx));
                _bindings.Remove((user, role));
                break;
            default:
                throw new RbacFailure(RbacErrors.Plain("invalid operate user role type"), ErrorCode.OperateUserRoleFailure);
        }
    }

    /// <summary>SelectRole: one role (validated; unknown gives no result) or all, with their users when asked.</summary>
    public IReadOnlyList<(string Role, IReadOnlyList<string> Users)> SelectRoles(string? role)
    {
        if (role is not null) RbacNames.RoleName(role);
        var names = role is null ? _roles.ToList() : _roles.Contains(role) ? [role] : [];
        return names.Select(r => (r, (IReadOnlyList<string>)_bindings.Where(b => b.Role == r).Select(b => b.User)
            .Order(StringComparer.Ordinal).ToList())).ToList();
    }

    public bool RoleExists(string name) => _roles.Contains(name);
}
