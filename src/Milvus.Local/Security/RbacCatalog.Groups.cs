using Milvus.Protocol.Api;
using Milvus.Protocol.Common;

namespace Milvus.Local.Security;

// Custom privilege groups; the built-in ones come from PrivilegeCatalog.
internal sealed partial class RbacCatalog
{
    public void CreatePrivilegeGroup(string name)
    {
        RbacNames.PrivilegeGroupName(name);
        name = name.Trim();
        const string prefix = "failed to check if privilege group creatable: ";
        if (_groups.ContainsKey(name))
            throw GroupFailure(prefix + $"privilege group name [{name}] is defined by users", ErrorCode.CreatePrivilegeGroupFailure);
        if (PrivilegeCatalog.IsDefined(name))
            throw GroupFailure(prefix + $"privilege group name [{name}] is defined by built in privileges or privilege groups in system",
                ErrorCode.CreatePrivilegeGroupFailure);
        var group = new RbacPrivilegeGroup(name, []);
        Persist(tx => _store.SaveGroup(group, tx));
        _groups[name] = group;
    }

    /// <summary>DropPrivilegeGroup: a name that is not a custom group succeeds; a group still granted to a role fails.</summary>
    public void DropPrivilegeGroup(string name)
    {
        RbacNames.PrivilegeGroupName(name);
        if (!_groups.ContainsKey(name)) return;
        var user = _grants.Where(g => g.Privilege == name).Select(g => g.Role).Order(StringComparer.Ordinal).FirstOrDefault();
        if (user is not null)
            throw new RbacFailure(RbacErrors.Plain($"privilege group [{name}] is used by role [{user}], Use REVOKE API to revoke it first"),
                ErrorCode.DropPrivilegeGroupFailure);
        Persist(tx => _store.DeleteGroup(name, tx));
        _groups.Remove(name);
    }

    /// <summary>ListPrivilegeGroups: the custom groups, then the built-in ones.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Privileges)> PrivilegeGroups()
        => _groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => (g.Name, g.Privileges))
            .Concat(PrivilegeCatalog.BuiltinGroups.Select(g => (g.Name, (IReadOnlyList<string>)g.Privileges)))
            .ToList();

    /// <summary>OperatePrivilegeGroup: add or remove privileges; a group's privileges must all share one level.</summary>
    public void OperatePrivilegeGroup(string name, IReadOnlyList<string> privileges, OperatePrivilegeGroupType type)
    {
        RbacNames.PrivilegeGroupName(name);
        foreach (var p in privileges) RbacNames.Privilege(p);
        const string prefix = "failed to check if privilege group alterable: ";
        const ErrorCode legacy = ErrorCode.OperatePrivilegeGroupFailure;
        if (!_groups.TryGetValue(name, out var group))
            throw GroupFailure(prefix + $"there is no privilege group name [{name}] defined in system to operate", legacy);
        if (privileges.Count == 0) throw GroupFailure(prefix + "privileges is empty when alter the privilege group", legacy);
        var unknown = privileges.FirstOrDefault(p => !PrivilegeCatalog.IsDefined(p) && !_groups.ContainsKey(p));
        if (unknown is not null)
            throw GroupFailure(prefix + $"there is no privilege name or privilege group name [{unknown}] defined in system to operate", legacy);

        List<string> members;
        switch (type)
        {
            case OperatePrivilegeGroupType.AddPrivilegesToGroup:
                members = group.Privileges.Union(privileges, StringComparer.Ordinal).ToList();
                if (members.Select(PrivilegeCatalog.LevelOf).Distinct().Count() > 1)
                    throw GroupFailure(prefix + "privileges are not the same privilege level", legacy);
                break;
            case OperatePrivilegeGroupType.RemovePrivilegesFromGroup:
                members = group.Privileges.Except(privileges, StringComparer.Ordinal).ToList();
                break;
            default:
                throw new RbacFailure(RbacErrors.Plain("invalid operate privilege group type"), legacy);
        }
        var updated = new RbacPrivilegeGroup(name, members);
        Persist(tx => _store.SaveGroup(updated, tx));
        _groups[name] = updated;
    }

    private static RbacFailure GroupFailure(string message, ErrorCode legacy) => new(RbacErrors.Invalid(message), legacy);
}
