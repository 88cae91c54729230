using Microsoft.Data.Sqlite;
using Milvus.Local.Engine;
using Milvus.Local.Errors;
using Milvus.Protocol.Common;

namespace Milvus.Local.Security;

/// <summary>
/// The RBAC catalog (users, roles, bindings, grants, custom privilege groups) with Milvus 2.6's rules and messages.
/// State lives in memory and is written through to SQLite in one transaction per change. Validation that Milvus
/// does in the proxy throws <see cref="MilvusError"/>; checks Milvus does in rootcoord throw <see cref="RbacFailure"/>
/// (same merr code, RPC-specific legacy error code). Callers hold the engine lock. The access check reads it (RbacCatalog.Access).
/// </summary>
internal sealed partial class RbacCatalog
{
    public const string Root = "root";
    public const string DefaultRootPassword = "Milvus";
    public const string AdminRole = "admin";
    public const string PublicRole = "public";
    public const int MaxUsers = 100;
    public const int MaxRoles = 10;

    private readonly EngineCore _core;
    private readonly RbacStore _store;
    private readonly Dictionary<string, RbacUser> _users = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _roles = new(StringComparer.Ordinal);
    private readonly HashSet<(string User, string Role)> _bindings = [];
    private readonly HashSet<RbacGrant> _grants = [];
    private readonly Dictionary<string, RbacPrivilegeGroup> _groups = new(StringComparer.Ordinal);

    public RbacCatalog(EngineCore core)
    {
        _core = core;
        _store = new RbacStore(core.Store);
        foreach (var u in _store.LoadUsers()) _users[u.Name] = u;
        _roles.UnionWith(_store.LoadRoles());
        _bindings.UnionWith(_store.LoadBindings());
        _grants.UnionWith(_store.LoadGrants());
        foreach (var g in _store.LoadGroups()) _groups[g.Name] = g;
        Bootstrap();
    }

    /// <summary>
    /// Milvus creates root (password "Milvus") and the default roles admin and public at first start, and grants public
    /// DescribeCollection and ListAliases (Global) and IndexDetail (Collection) on every database (initPublicRolePrivilege).
    /// </summary>
    private void Bootstrap()
    {
        var missingRoles = new[] { AdminRole, PublicRole }.Where(r => !_roles.Contains(r)).ToList();
        if (_users.ContainsKey(Root) && missingRoles.Count == 0) return;
        var root = _users.ContainsKey(Root) ? null : new RbacUser(Root, PasswordHasher.Hash(DefaultRootPassword));
        var any = RbacNames.AnyWord;
        List<RbacGrant> publicGrants = missingRoles.Contains(PublicRole)
            ?
            [
                new(PublicRole, PrivilegeCatalog.Global, any, any, "DescribeCollection", Root),
                new(PublicRole, PrivilegeCatalog.Global, any, any, "ListAliases", Root),
                new(PublicRole, PrivilegeCatalog.Collection, any, any, "IndexDetail", Root),
            ]
            : [];
        Persist(tx =>
        {
            if (root is not null) _store.SaveUser(root, tx);
            foreach (var role in missingRoles) _store.SaveRole(role, tx);
            foreach (var grant in publicGrants) _store.SaveGrant(grant, tx);
        });
        if (root is not null) _users[Root] = root;
        _roles.UnionWith(missingRoles);
        _grants.UnionWith(publicGrants);
    }

    // ---- users ---------------------------------------------------------------------------------------------

    /// <summary>CreateCredential: the password arrives base64-encoded; only its salted hash is kept.</summary>
    public void CreateUser(string username, string encodedPassword)
    {
        RbacNames.Username(username);
        var password = Base64Text.Decode(encodedPassword, "decode password fail");
        RbacNames.Password(password);
        var name = username.Trim();
        if (_users.ContainsKey(name))
            throw new RbacFailure(RbacErrors.Invalid($"user already exists: {username}"), ErrorCode.CreateCredentialFailure);
        if (_users.Count >= MaxUsers)
            throw new RbacFailure(RbacErrors.Plain(
                "failed to check if add credential: unable to add user because the number of users has reached the limit"),
                ErrorCode.CreateCredentialFailure);
        var user = new RbacUser(name, PasswordHasher.Hash(password));
        Persist(tx => _store.SaveUser(user, tx));
        _users[name] = user;
    }

    /// <summary>UpdateCredential: the old password must match (no superuser bypass: authentication is off).</summary>
    public void UpdatePassword(string username, string encodedOld, string encodedNew)
    {
        var oldPassword = Base64Text.Decode(encodedOld, "decode old password failed");
        var newPassword = Base64Text.Decode(encodedNew, "decode password failed");
        RbacNames.Password(newPassword);
        if (!_users.TryGetValue(username, out var user) || !PasswordHasher.Verify(oldPassword, user.PasswordHash))
            throw RbacErrors.NotAuthenticated($"old password not correct for {username}");
        var updated = user with { PasswordHash = PasswordHasher.Hash(newPassword) };
        Persist(tx => _store.SaveUser(updated, tx));
        _users[username] = updated;
    }

    /// <summary>DeleteCredential: root is protected; an unknown user succeeds (Milvus keeps this idempotent).</summary>
    public void DeleteUser(string username)
    {
        if (username == Root) throw RbacErrors.NotPermitted("root user cannot be deleted");
        var name = username.Trim();
        if (name.Length == 0)
            throw new RbacFailure(RbacErrors.Plain("failed to check if delete credential: username is empty"), ErrorCode.DeleteCredentialFailure);
        if (!_users.ContainsKey(name)) return;
        Persist(tx => _store.DeleteUser(name, tx));
        _users.Remove(name);
        _bindings.RemoveWhere(b => b.User == name);
    }

    public IReadOnlyList<string> UserNames() => _users.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>SelectUser: one user (validated; unknown gives no result) or all, with their roles when asked.</summary>
    public IReadOnlyList<(string User, IReadOnlyList<string> Roles)> SelectUsers(string? username)
    {
        if (username is not null) RbacNames.Username(username);
        var names = username is null ? UserNames() : _users.ContainsKey(username) ? [username] : [];
        return names.Select(n => (n, RolesOf(n))).ToList();
    }

    public bool UserExists(string name) => _users.ContainsKey(name);

    private IReadOnlyList<string> RolesOf(string user)
        => _bindings.Where(b => b.User == user).Select(b => b.Role).Order(StringComparer.Ordinal).ToList();

    private void Persist(Action<SqliteTransaction> change) => _core.Write(change);
}
