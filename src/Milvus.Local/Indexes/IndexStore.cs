using Microsoft.Data.Sqlite;
using Milvus.Local.Storage;

namespace Milvus.Local.Indexes;

/// <summary>
/// Built vector indexes in the database file: one blob per (sealed segment, index), so reopening a database
/// loads the graphs instead of rebuilding them. A large blob is written ahead in parts (index_parts, one short
/// transaction each, like a large column's column_parts) and its segment_indexes row then holds an empty blob, so no
/// single transaction writes a whole graph while writers wait. Parts whose row was never committed (a kill, an
/// abandoned merge) are dropped when the file opens. Callers hold the engine lock (one SQLite connection).
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
            CREATE TABLE IF NOT EXISTS index_parts(segment_id INTEGER NOT NULL, index_id INTEGER NOT NULL, part INTEGER NOT NULL, data BLOB NOT NULL,
                PRIMARY KEY(segment_id, index_id, part));
            DELETE FROM index_parts WHERE NOT EXISTS
                (SELECT 1 FROM segment_indexes i WHERE i.segment_id = index_parts.segment_id AND i.index_id = index_parts.index_id);
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

    /// <summary>The stored blob (its parts joined), or null when the segment has none for the index.</summary>
    public byte[]? Read(long segmentId, long indexId) => Read(segmentId, indexId, _store.Connection);

    /// <summary><see cref="Read(long, long)"/> through another connection (a reader's, off the engine lock).</summary>
    public static byte[]? Read(long segmentId, long indexId, SqliteConnection connection)
    {
        using var cmd = new SqliteCommand("SELECT rowid, length(data) FROM segment_indexes WHERE segment_id = $s AND index_id = $i", connection);
        cmd.Parameters.AddWithValue("$s", segmentId);
        cmd.Parameters.AddWithValue("$i", indexId);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        var (rowId, length) = (r.GetInt64(0), r.GetInt32(1));
        return length > 0 ? StoredParts.Read(connection, "segment_indexes", rowId, length) : ReadParts(segmentId, indexId, connection);
    }

    /// <summary>Writes one part of a blob ahead of its row (<see cref="Write"/> with an empty blob then marks it as stored in parts).</summary>
    public void WritePart(long segmentId, long indexId, int part, byte[] bytes, SqliteTransaction tx)
        => StoredParts.WritePart(_store, "index_parts", "index_id", (segmentId, indexId, part), bytes, tx);

    /// <summary>Drops parts written for blobs whose row will not be committed (of one index, or of every index when null).</summary>
    public void DeleteParts(long segmentId, long? indexId, SqliteTransaction tx)
    {
        using var cmd = _store.Command("DELETE FROM index_parts WHERE segment_id = $s AND ($i IS NULL OR index_id = $i)", tx);
        cmd.Parameters.AddWithValue("$s", segmentId);
        cmd.Parameters.AddWithValue("$i", (object?)indexId ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    private static byte[] ReadParts(long segmentId, long indexId, SqliteConnection connection)
    {
        using var cmd = new SqliteCommand("SELECT rowid, length(data) FROM index_parts WHERE segment_id = $s AND index_id = $i ORDER BY part", connection);
        cmd.Parameters.AddWithValue("$s", segmentId);
        cmd.Parameters.AddWithValue("$i", indexId);
        return StoredParts.Join(connection, "index_parts", cmd);
    }

    public void Write(long segmentId, long indexId, byte[] data, SqliteTransaction tx)
    {
        using var cmd = _store.Command("INSERT OR REPLACE INTO segment_indexes(segment_id, index_id, data) VALUES($s, $i, $d)", tx);
        cmd.Parameters.AddWithValue("$s", segmentId);
        cmd.Parameters.AddWithValue("$i", indexId);
        cmd.Parameters.Add("$d", SqliteType.Blob).Value = data;
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Drops blobs whose segment was merged away or whose index was dropped, with their parts (parts staged for a
    /// segment not committed yet have no row and stay).
    /// </summary>
    public void DeleteOrphans(IReadOnlyCollection<long> liveIndexIds, SqliteTransaction tx)
    {
        var orphan = $"segment_id NOT IN (SELECT id FROM segments) OR index_id NOT IN ({string.Join(",", liveIndexIds.Append(-1))})";
        using var parts = _store.Command(
            $"DELETE FROM index_parts WHERE (segment_id, index_id) IN (SELECT segment_id, index_id FROM segment_indexes WHERE {orphan}) OR index_id NOT IN ({string.Join(",", liveIndexIds.Append(-1))})", tx);
        parts.ExecuteNonQuery();
        using var cmd = _store.Command($"DELETE FROM segment_indexes WHERE {orphan}", tx);
        cmd.ExecuteNonQuery();
    }
}
