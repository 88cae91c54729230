using Microsoft.Data.Sqlite;
using Milvus.Protocol.Api;

namespace Milvus.Local.Storage;

/// <summary>File resources (name → path, with the id the engine gave them) in the engine's SQLite file.</summary>
internal sealed class FileResourceStore
{
    private readonly SqliteStore _store;

    public FileResourceStore(SqliteStore store)
    {
        _store = store;
        using var cmd = _store.Command("CREATE TABLE IF NOT EXISTS file_resources(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, path TEXT NOT NULL)");
        cmd.ExecuteNonQuery();
    }

    /// <summary>Every resource, oldest first.</summary>
    public List<FileResourceInfo> List()
    {
        using var cmd = _store.Command("SELECT id, name, path FROM file_resources ORDER BY id");
        using var r = cmd.ExecuteReader();
        var result = new List<FileResourceInfo>();
        while (r.Read()) result.Add(new FileResourceInfo { Id = r.GetInt64(0), Name = r.GetString(1), Path = r.GetString(2) });
        return result;
    }

    public void Add(FileResourceInfo resource, SqliteTransaction tx)
    {
        using var cmd = _store.Command("INSERT INTO file_resources(id, name, path) VALUES($i, $n, $p)", tx);
        cmd.Parameters.AddWithValue("$i", resource.Id);
        cmd.Parameters.AddWithValue("$n", resource.Name);
        cmd.Parameters.AddWithValue("$p", resource.Path);
        cmd.ExecuteNonQuery();
    }

    public void Remove(string name, SqliteTransaction tx)
    {
        using var cmd = _store.Command("DELETE FROM file_resources WHERE name = $n", tx);
        cmd.Parameters.AddWithValue("$n", name);
        cmd.ExecuteNonQuery();
    }
}
