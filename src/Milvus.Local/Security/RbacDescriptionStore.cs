using Microsoft.Data.Sqlite;
using Milvus.Local.Storage;

namespace Milvus.Local.Security;

/// <summary>Descriptions of users and roles (Milvus 3.0) in the engine's SQLite file: one row per (kind, name).</summary>
internal sealed class RbacDescriptionStore
{
    public const string User = "user";
    public const string Role = "role";

    private readonly SqliteStore _store;

    public RbacDescriptionStore(SqliteStore store)
    {
        _store = store;
        using var cmd = _store.Command("CREATE TABLE IF NOT EXISTS rbac_descriptions(kind TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL, PRIMARY KEY(kind, name))");
        cmd.ExecuteNonQuery();
    }

    public Dictionary<(string Kind, string Name), string> Load()
    {
        var result = new Dictionary<(string, string), string>();
        using var cmd = _store.Command("SELECT kind, name, description FROM rbac_descriptions");
        using var r = cmd.ExecuteReader();
        while (r.Read()) result[(r.GetString(0), r.GetString(1))] = r.GetString(2);
        return result;
    }

    public void Save(string kind, string name, string description, SqliteTransaction tx)
    {
        using var cmd = _store.Command("INSERT OR REPLACE INTO rbac_descriptions(kind, name, description) VALUES($k, $n, $d)", tx);
        cmd.Parameters.AddWithValue("$k", kind);
        cmd.Parameters.AddWithValue("$n", name);
        cmd.Parameters.AddWithValue("$d", description);
        cmd.ExecuteNonQuery();
    }

    public void Delete(string kind, string name, SqliteTransaction tx)
    {
        using var cmd = _store.Command("DELETE FROM rbac_descriptions WHERE kind = $k AND name = $n", tx);
        cmd.Parameters.AddWithValue("$k", kind);
        cmd.Parameters.AddWithValue("$n", name);
        cmd.ExecuteNonQuery();
    }
}
