using Milvus.Local.Catalog;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;

namespace Milvus.Local.Security;

// Grants: OperatePrivilege (v1, by object type), OperatePrivilegeV2 (by database and collection), SelectGrant.
internal sealed partial class RbacCatalog
{
    private const string ObjectTypesText = "[Collection Global User]";

    /// <summary>OperatePrivilege (v1). <paramref name="dbName"/> is the request's database or the caller's current one.</summary>
    public void OperatePrivilege(GrantEntity? entity, OperatePrivilegeType type, string dbName, string grantor)
    {
        if (entity is null) throw RbacErrors.Plain("the entity in the request is nil");
        if (entity.Grantor is null) throw RbacErrors.Plain("the grantor entity in the grant entity is nil");
        if (entity.Grantor.Privilege is null) throw RbacErrors.Plain("the privilege entity in the grantor entity is nil");
        RbacNames.Privilege(entity.Grantor.Privilege.Name);
        if (entity.Object is null) throw RbacErrors.Plain("the resource entity in the grant entity is nil");
        RbacNames.ObjectType(entity.Object.Name);
        RbacNames.ObjectName(entity.ObjectName);
        if (entity.Role is null) throw RbacErrors.Plain("the object entity in the grant entity is nil");
        RbacNames.RoleName(entity.Role.Name);

        var privilege = entity.Grantor.Privilege.Name;
        var objectType = entity.Object.Name;
        CommonGrantCheck(type, objectType, entity.Role.Name, grantor);
        CheckV1Privilege(privilege, objectType);
        var objectName = objectType == PrivilegeCatalog.Global && !PrivilegeCatalog.IsBuiltinGroup(privilege)
            ? RbacNames.AnyWord
            : entity.ObjectName;
        Apply(new RbacGrant(entity.Role.Name, objectType, dbName, objectName, privilege, grantor), type);
    }

    /// <summary>OperatePrivilegeV2: the object type follows from the privilege; groups check their level's scope.</summary>
    public void OperatePrivilegeV2(OperatePrivilegeV2Request request, string dbName, string grantor)
    {
        if (request.Role is null) throw RbacErrors.Invalid("the role in the request is nil");
        RbacNames.RoleName(request.Role.Name);
        if (request.Grantor?.Privilege is null) throw RbacErrors.Invalid("the privilege in the request is nil");
        var privilege = request.Grantor.Privilege.Name;
        RbacNames.Privilege(privilege);
        if (request.Type is not (OperatePrivilegeType.Grant or OperatePrivilegeType.Revoke))
            throw RbacErrors.Invalid("the type in the request not grant or revoke");
        if (request.DbName.Length > 0 && request.DbName != RbacNames.AnyWord) NameRules.DatabaseName(request.DbName);
        RbacNames.CollectionName(request.CollectionName);

        var objectType = PrivilegeCatalog.ObjectTypeOf(privilege);
        CommonGrantCheck(request.Type, objectType, request.Role.Name, grantor);
        if (privilege != RbacNames.AnyWord && !_groups.ContainsKey(privilege) && !PrivilegeCatalog.IsDefined(privilege))
            throw new RbacFailure(RbacErrors.Invalid($"not found the privilege name[{privilege}]"), ErrorCode.OperatePrivilegeFailure);
        CheckGroupScope(privilege, dbName, request.CollectionName);
        Apply(new RbacGrant(request.Role.Name, objectType, dbName, request.CollectionName, privilege, grantor), request.Type);
    }

    /// <summary>SelectGrant: the role's grants in one database ("*" = all), optionally for one object.</summary>
    public IReadOnlyList<RbacGrant> SelectGrants(GrantEntity? entity, string dbName)
    {
        if (entity is null) throw RbacErrors.Invalid("the grant entity in the request is nil");
        if (entity.Object is not null)
        {
            RbacNames.ObjectType(entity.Object.Name);
            RbacNames.ObjectName(entity.ObjectName);
        }
        if (entity.Role is null) throw RbacErrors.Invalid("the role entity in the grant entity is nil");
        RbacNames.RoleName(entity.Role.Name);
        var role = entity.Role.Name;
        if (!_roles.Contains(role))
            throw new RbacFailure(RbacErrors.Invalid($"the role \"{role}\" does not exist"), ErrorCode.SelectGrantFailure);
        if (entity.Object is not null && !PrivilegeCatalog.IsObjectType(entity.Object.Name))
            throw new RbacFailure(RbacErrors.Invalid(
                $"not found the object type[name: {entity.Object.Name}], supported the object types: {ObjectTypesText}"), ErrorCode.SelectGrantFailure);
        return _grants
            .Where(g => g.Role == role && (dbName == RbacNames.AnyWord || g.DbName == dbName))
            .Where(g => entity.Object is null || (g.ObjectType == entity.Object.Name && g.ObjectName == entity.ObjectName))
            .OrderBy(g => g.ObjectType, StringComparer.Ordinal).ThenBy(g => g.DbName, StringComparer.Ordinal)
            .ThenBy(g => g.ObjectName, StringComparer.Ordinal).ThenBy(g => g.Privilege, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>rootcoord operatePrivilegeCommonCheck: type, object type, role and grantor must be valid.</summary>
    private void CommonGrantCheck(OperatePrivilegeType type, string objectType, string role, string grantor)
    {
        const string prefix = "failed to operate privilege common check: ";
        if (type is not (OperatePrivilegeType.Grant or OperatePrivilegeType.Revoke))
            throw Failure(prefix + $"invalid operate privilege type, current type: {type}, valid value: [Grant, Revoke]");
        if (!PrivilegeCatalog.IsObjectType(objectType)) throw Failure(prefix + "the object entity in the request is nil or invalid");
        if (!_roles.Contains(role)) throw Failure(prefix + $"the role \"{role}\" does not exist");
        if (!_users.ContainsKey(grantor)) throw Failure(prefix + $"the grantor user \"{grantor}\" does not exist");
    }

    /// <summary>rootcoord isValidPrivilege (v1): groups are v2-only; a privilege must belong to the object type.</summary>
    private void CheckV1Privilege(string privilege, string objectType)
    {
        if (privilege == RbacNames.AnyWord) return;
        if (_groups.ContainsKey(privilege)) throw Failure($"can not operate the custom privilege group [{privilege}]");
        if (PrivilegeCatalog.IsDefaultGroupName(privilege)) throw Failure($"can not operate the built-in privilege group [{privilege}]");
        if (PrivilegeCatalog.IsDefined(privilege) && PrivilegeCatalog.ObjectPrivileges[objectType].Contains(privilege)) return;
        throw Failure($"not found the privilege name[{privilege}] in object[{objectType}]");
    }

    /// <summary>rootcoord validatePrivilegeGroupParams: a group's level fixes which db/collection scopes it may take.</summary>
    private void CheckGroupScope(string privilege, string dbName, string collection)
    {
        var members = _groups.TryGetValue(privilege, out var custom) ? custom.Privileges
            : PrivilegeCatalog.BuiltinGroups.FirstOrDefault(g => g.Name == privilege).Privileges;
        if (members is null || members.Count == 0) return;
        var any = RbacNames.AnyWord;
        switch (PrivilegeCatalog.LevelOf(members[0]))
        {
            case "Cluster" when dbName != any || collection != any:
                throw Failure($"dbName and collectionName should be * for the cluster level privilege: {privilege}");
            case "Database" when collection != "" && collection != any:
                throw Failure($"collectionName should be * for the database level privilege: {privilege}");
            case "Collection" when dbName == any && collection != any && collection != "":
                throw Failure($"please specify database name for the collection level privilege: {privilege}");
            case "":
                throw Failure("not found the privilege level");
        }
    }

    /// <summary>Grants or revokes the row and the privileges it implies (Load, Flush); repeats are no-ops.</summary>
    private void Apply(RbacGrant grant, OperatePrivilegeType type)
    {
        var rows = new List<RbacGrant> { grant };
        if (PrivilegeCatalog.Related.TryGetValue(grant.Privilege, out var related))
            rows.AddRange(related.Select(p => grant with { Privilege = p }));
        var grantRows = type == OperatePrivilegeType.Grant;
        var changed = rows.Where(r => HasGrant(r) != grantRows).ToList();
        if (changed.Count == 0) return;
        Persist(tx =>
        {
            foreach (var r in changed)
                if (grantRows) _store.SaveGrant(r, tx);
                else _store.DeleteGrant(r, tx);
        });
        foreach (var r in changed)
            if (grantRows) _grants.Add(r);
            else _grants.RemoveWhere(g => Key(g) == Key(r));
    }

    private bool HasGrant(RbacGrant row) => _grants.Any(g => Key(g) == Key(row));

    // Grants are identified without their grantor (the SQLite primary key).
    private static RbacGrant Key(RbacGrant g) => g with { Grantor = "" };

    private static RbacFailure Failure(string message) => new(RbacErrors.Invalid(message), ErrorCode.OperatePrivilegeFailure);
}
