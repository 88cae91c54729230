using Microsoft.Data.Sqlite;
using Milvus.Local.Storage;

namespace Milvus.Local.Indexes;

/// <summary>
/// Built vector indexes in the database file: one blob per (sealed segment, index), so reopening a database
/// loads the graphs instead of rebuilding them. Callers hold the engine lock (one SQLite connection).
/// </summary>
internal sealed class IndexStore
{
    private readonly SqliteStore _store;

    public IndexStore(SqliteStore store)
    {
        _store = store;
        using var cmd = store.Command("""
            CREATE TABLE IF NOT EXISTS segment_indexes(segment_id INTEGER NOT NULL, index_id INTEGER NOT NULL, data BLOB NOT NULL,
                PRIMARY KEY(segment_id, index_id));
            """);
        cmd.ExecuteNonQuery();
    }

    public HashSet<long> BuiltSegments(long indexId)
    {
        using var cmd = _store.Command("SELECT segment_id FROM segment_indexes WHERE index_id = $i");
        cmd.Parameters.AddWithValue("$i", indexId);
        using var r = cmd.ExecuteReader();
        var result = new HashSet<long>();
        while (r.Read()) result.Add(r.GetInt64(0));
        return result;
    }

    public byte[]? Read(long segmentId, long indexId)
    {
        using var cmd = _store.Command("SELECT data FROM segment_indexes WHERE segment_id = $s AND index_id = $i");
        cmd.Parameters.AddWithValue("$s", segmentId);
        cmd.Parameters.AddWithValue("$i", indexId);
        return cmd.ExecuteScalar() as byte[];
    }

    public void Write(long segmentId, long indexId, byte[] data, SqliteTransaction tx)
    {
        using var cmd = _store.Command("INSERT OR REPLACE INTO segment_indexes(segment_id, index_id, data) VALUES($s, $i, $d)", tx);
        cmd.Parameters.AddWithValue("$s", segmentId);
        cmd.Parameters.AddWithValue("$i", indexId);
        cmd.Parameters.Add("$d", SqliteType.Blob).Value = data;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Drops blobs whose segment was merged away or whose index was dropped.</summary>
    public void DeleteOrphans(IReadOnlyCollection<long> liveIndexIds, SqliteTransaction tx)
    {
        using var cmd = _store.Command(
            $"DELETE FROM segment_indexes WHERE segment_id NOT IN (SELECT id FROM segments) OR index_id NOT IN ({string.Join(",", liveIndexIds.Append(-1))})", tx);
        cmd.ExecuteNonQuery();
    }
}
