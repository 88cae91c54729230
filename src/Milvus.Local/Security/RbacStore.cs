using System.Text.Json;
using Microsoft.Data.Sqlite;
using Milvus.Local.Storage;

namespace Milvus.Local.Security;

/// <summary>
/// The RBAC tables in the engine's SQLite file (users, roles, user-role bindings, grants, custom privilege groups).
/// Created on first use; every change runs inside the caller's transaction.
/// </summary>
internal sealed class RbacStore
{
    private readonly SqliteStore _store;

    public RbacStore(SqliteStore store)
    {
        _store = store;
        using var cmd = _store.Command(SchemaSql);
        cmd.ExecuteNonQuery();
    }

    public List<RbacUser> LoadUsers() => Read("SELECT name, password_hash FROM rbac_users", r => new RbacUser(r.GetString(0), r.GetString(1)));

    public List<string> LoadRoles() => Read("SELECT name FROM rbac_roles", r => r.GetString(0));

    public List<(string User, string Role)> LoadBindings() => Read("SELECT user_name, role_name FROM rbac_user_roles", r => (r.GetString(0), r.GetString(1)));

    public List<RbacGrant> LoadGrants() => Read(
        "SELECT role_name, object_type, db_name, object_name, privilege, grantor FROM rbac_grants",
        r => new RbacGrant(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)));

    public List<RbacPrivilegeGroup> LoadGroups() => Read(
        "SELECT name, privileges FROM rbac_privilege_groups",
        r => new RbacPrivilegeGroup(r.GetString(0), JsonSerializer.Deserialize<List<string>>(r.GetString(1)) ?? []));

    public void SaveUser(RbacUser user, SqliteTransaction tx)
        => Exec(tx, "INSERT OR REPLACE INTO rbac_users(name, password_hash) VALUES($n, $h)", ("$n", user.Name), ("$h", user.PasswordHash));

    public void DeleteUser(string name, SqliteTransaction tx)
    {
        Exec(tx, "DELETE FROM rbac_users WHERE name = $n", ("$n", name));
        Exec(tx, "DELETE FROM rbac_user_roles WHERE user_name = $n", ("$n", name));
    }

    public void SaveRole(string name, SqliteTransaction tx) => Exec(tx, "INSERT OR IGNORE INTO rbac_roles(name) VALUES($n)", ("$n", name));

    /// <summary>Drops the role with its bindings and grants.</summary>
    public void DeleteRole(string name, SqliteTransaction tx)
    {
        Exec(tx, "DELETE FROM rbac_roles WHERE name = $n", ("$n", name));
        Exec(tx, "DELETE FROM rbac_user_roles WHERE role_name = $n", ("$n", name));
        Exec(tx, "DELETE FROM rbac_grants WHERE role_name = $n", ("$n", name));
    }

    public void SaveBinding(string user, string role, SqliteTransaction tx)
        => Exec(tx, "INSERT OR IGNORE INTO rbac_user_roles(user_name, role_name) VALUES($u, $r)", ("$u", user), ("$r", role));

    public void DeleteBinding(string user, string role, SqliteTransaction tx)
        => Exec(tx, "DELETE FROM rbac_user_roles WHERE user_name = $u AND role_name = $r", ("$u", user), ("$r", role));

    public void SaveGrant(RbacGrant g, SqliteTransaction tx) => Exec(tx, """
        INSERT OR IGNORE INTO rbac_grants(role_name, object_type, db_name, object_name, privilege, grantor)
        VALUES($r, $t, $d, $o, $p, $g)
        """, ("$r", g.Role), ("$t", g.ObjectType), ("$d", g.DbName), ("$o", g.ObjectName), ("$p", g.Privilege), ("$g", g.Grantor));

    public void DeleteGrant(RbacGrant g, SqliteTransaction tx) => Exec(tx, """
        DELETE FROM rbac_grants WHERE role_name = $r AND object_type = $t AND db_name = $d AND object_name = $o AND privilege = $p
        """, ("$r", g.Role), ("$t", g.ObjectType), ("$d", g.DbName), ("$o", g.ObjectName), ("$p", g.Privilege));

    public void SaveGroup(RbacPrivilegeGroup group, SqliteTransaction tx)
        => Exec(tx, "INSERT OR REPLACE INTO rbac_privilege_groups(name, privileges) VALUES($n, $p)",
            ("$n", group.Name), ("$p", JsonSerializer.Serialize(group.Privileges)));

    public void DeleteGroup(string name, SqliteTransaction tx) => Exec(tx, "DELETE FROM rbac_privilege_groups WHERE name = $n", ("$n", name));

    private List<T> Read<T>(string sql, Func<SqliteDataReader, T> map)
    {
        using var cmd = _store.Command(sql);
        using var r = cmd.ExecuteReader();
        var result = new List<T>();
        while (r.Read()) result.Add(map(r));
        return result;
    }

    private void Exec(SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = _store.Command(sql, tx);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        cmd.ExecuteNonQuery();
    }

    private const string SchemaSql = """
        CREATE TABLE IF NOT EXISTS rbac_users(name TEXT PRIMARY KEY, password_hash TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS rbac_roles(name TEXT PRIMARY KEY);
        CREATE TABLE IF NOT EXISTS rbac_user_roles(user_name TEXT NOT NULL, role_name TEXT NOT NULL, PRIMARY KEY(user_name, role_name));
        CREATE TABLE IF NOT EXISTS rbac_grants(role_name TEXT NOT NULL, object_type TEXT NOT NULL, db_name TEXT NOT NULL,
            object_name TEXT NOT NULL, privilege TEXT NOT NULL, grantor TEXT NOT NULL,
            PRIMARY KEY(role_name, object_type, db_name, object_name, privilege));
        CREATE TABLE IF NOT EXISTS rbac_privilege_groups(name TEXT PRIMARY KEY, privileges TEXT NOT NULL);
        """;
}
