using System.Text.Json;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Milvus.Local.Catalog;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Storage;

/// <summary>Reads and writes the catalog tables (databases, collections, fields, partitions, indexes, aliases).</summary>
internal sealed class CatalogStore(SqliteStore store)
{
    public List<DatabaseMeta> LoadDatabases()
    {
        using var cmd = store.Command("SELECT id, name, created_ts, properties FROM databases ORDER BY id");
        using var r = cmd.ExecuteReader();
        var result = new List<DatabaseMeta>();
        while (r.Read())
            result.Add(new DatabaseMeta
            {
                Id = r.GetInt64(0), Name = r.GetString(1), CreatedTs = (ulong)r.GetInt64(2), Properties = ReadProperties(r.GetString(3)),
            });
        return result;
    }

    public List<CollectionMeta> LoadCollections()
    {
        var result = new List<CollectionMeta>();
        using (var cmd = store.Command("SELECT id, db_id, name, schema, shards, consistency, properties, created_ts, updated_ts, num_partitions, loaded FROM collections ORDER BY id"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                result.Add(new CollectionMeta
                {
                    Id = r.GetInt64(0), DbId = r.GetInt64(1), Name = r.GetString(2),
                    Schema = CollectionSchema.Parser.ParseFrom((byte[])r[3]), ShardsNum = r.GetInt32(4),
                    ConsistencyLevel = (ConsistencyLevel)r.GetInt32(5), Properties = ReadProperties(r.GetString(6)),
                    CreatedTs = (ulong)r.GetInt64(7), UpdatedTs = (ulong)r.GetInt64(8), NumPartitions = r.GetInt64(9),
                    LoadedAsCollection = r.GetInt64(10) != 0,
                });
        }
        var byId = result.ToDictionary(c => c.Id);
        using (var cmd = store.Command("SELECT id, collection_id, name, created_ts, loaded FROM partitions ORDER BY id"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                if (byId.TryGetValue(r.GetInt64(1), out var c))
                    c.Partitions.Add(new PartitionMeta { Id = r.GetInt64(0), Name = r.GetString(2), CreatedTs = (ulong)r.GetInt64(3), Loaded = r.GetInt64(4) != 0 });
        }
        using (var cmd = store.Command("SELECT id, collection_id, field_id, name, params, created_ts FROM indexes ORDER BY id"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                if (byId.TryGetValue(r.GetInt64(1), out var c))
                    c.Indexes.Add(new IndexMeta
                    {
                        Id = r.GetInt64(0), FieldId = r.GetInt64(2), Name = r.GetString(3), Params = ReadProperties(r.GetString(4)), CreatedTs = (ulong)r.GetInt64(5),
                    });
        }
        return result;
    }

    public List<(long DbId, string Name, long CollectionId)> LoadAliases()
    {
        using var cmd = store.Command("SELECT db_id, name, collection_id FROM aliases");
        using var r = cmd.ExecuteReader();
        var result = new List<(long, string, long)>();
        while (r.Read()) result.Add((r.GetInt64(0), r.GetString(1), r.GetInt64(2)));
        return result;
    }

    public void SaveDatabase(DatabaseMeta db, SqliteTransaction tx)
    {
        using var cmd = store.Command("INSERT OR REPLACE INTO databases(id, name, created_ts, properties) VALUES($id, $name, $ts, $props)", tx);
        cmd.Parameters.AddWithValue("$id", db.Id);
        cmd.Parameters.AddWithValue("$name", db.Name);
        cmd.Parameters.AddWithValue("$ts", (long)db.CreatedTs);
        cmd.Parameters.AddWithValue("$props", WriteProperties(db.Properties));
        cmd.ExecuteNonQuery();
    }

    public void DeleteDatabase(long id, SqliteTransaction tx) => Exec(tx, "DELETE FROM databases WHERE id = $id", ("$id", id));

    /// <summary>Writes the collection row and rewrites its fields, partitions and indexes.</summary>
    public void SaveCollection(CollectionMeta c, SqliteTransaction tx)
    {
        using (var cmd = store.Command("""
            INSERT OR REPLACE INTO collections(id, db_id, name, schema, shards, consistency, properties, created_ts, updated_ts, num_partitions, loaded)
            VALUES($id, $db, $name, $schema, $shards, $cl, $props, $cts, $uts, $np, $loaded)
            """, tx))
        {
            cmd.Parameters.AddWithValue("$id", c.Id);
            cmd.Parameters.AddWithValue("$db", c.DbId);
            cmd.Parameters.AddWithValue("$name", c.Name);
            cmd.Parameters.AddWithValue("$schema", c.Schema.ToByteArray());
            cmd.Parameters.AddWithValue("$shards", c.ShardsNum);
            cmd.Parameters.AddWithValue("$cl", (int)c.ConsistencyLevel);
            cmd.Parameters.AddWithValue("$props", WriteProperties(c.Properties));
            cmd.Parameters.AddWithValue("$cts", (long)c.CreatedTs);
            cmd.Parameters.AddWithValue("$uts", (long)c.UpdatedTs);
            cmd.Parameters.AddWithValue("$np", c.NumPartitions);
            cmd.Parameters.AddWithValue("$loaded", c.LoadedAsCollection ? 1 : 0);
            cmd.ExecuteNonQuery();
        }
        DeleteChildren(c.Id, tx);
        foreach (var f in c.Schema.Fields)
            Exec(tx, "INSERT INTO fields(collection_id, field_id, name, data_type) VALUES($c, $f, $n, $t)",
                ("$c", c.Id), ("$f", f.FieldID), ("$n", f.Name), ("$t", (int)f.DataType));
        foreach (var p in c.Partitions)
            Exec(tx, "INSERT INTO partitions(id, collection_id, name, created_ts, loaded) VALUES($id, $c, $n, $ts, $l)",
                ("$id", p.Id), ("$c", c.Id), ("$n", p.Name), ("$ts", (long)p.CreatedTs), ("$l", p.Loaded ? 1 : 0));
        foreach (var i in c.Indexes)
            Exec(tx, "INSERT INTO indexes(id, collection_id, field_id, name, params, created_ts) VALUES($id, $c, $f, $n, $p, $ts)",
                ("$id", i.Id), ("$c", c.Id), ("$f", i.FieldId), ("$n", i.Name), ("$p", WriteProperties(i.Params)), ("$ts", (long)i.CreatedTs));
    }

    public void DeleteCollection(long id, SqliteTransaction tx)
    {
        Exec(tx, "DELETE FROM collections WHERE id = $id", ("$id", id));
        DeleteChildren(id, tx);
        Exec(tx, "DELETE FROM aliases WHERE collection_id = $id", ("$id", id));
    }

    public void SaveAlias(long dbId, string name, long collectionId, SqliteTransaction tx)
        => Exec(tx, "INSERT OR REPLACE INTO aliases(db_id, name, collection_id) VALUES($d, $n, $c)", ("$d", dbId), ("$n", name), ("$c", collectionId));

    public void DeleteAlias(long dbId, string name, SqliteTransaction tx)
        => Exec(tx, "DELETE FROM aliases WHERE db_id = $d AND name = $n", ("$d", dbId), ("$n", name));

    public ulong LoadLastTimestamp()
    {
        using var cmd = store.Command("SELECT value FROM meta WHERE key = 'last_ts'");
        return cmd.ExecuteScalar() is string s ? ulong.Parse(s) : 0;
    }

    public void SaveLastTimestamp(ulong ts, SqliteTransaction tx)
        => Exec(tx, "INSERT OR REPLACE INTO meta(key, value) VALUES('last_ts', $v)", ("$v", ts.ToString()));

    private void DeleteChildren(long collectionId, SqliteTransaction tx)
    {
        Exec(tx, "DELETE FROM fields WHERE collection_id = $id", ("$id", collectionId));
        Exec(tx, "DELETE FROM partitions WHERE collection_id = $id", ("$id", collectionId));
        Exec(tx, "DELETE FROM indexes WHERE collection_id = $id", ("$id", collectionId));
    }

    private void Exec(SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = store.Command(sql, tx);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        cmd.ExecuteNonQuery();
    }

    private static List<KeyValuePair> ReadProperties(string json)
        => (JsonSerializer.Deserialize<List<string[]>>(json) ?? []).Select(p => new KeyValuePair { Key = p[0], Value = p[1] }).ToList();

    private static string WriteProperties(IEnumerable<KeyValuePair> properties)
        => JsonSerializer.Serialize(properties.Select(p => new[] { p.Key, p.Value }).ToList());
}
