using System.Text.Json;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Milvus.Local.Storage;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Snapshots;

/// <summary>
/// The snapshot tables of the database file: snapshots (definition and schema), the segments each one references,
/// its copy of the delete records, pins and restore jobs. <see cref="Migrate"/> adds them to any existing file.
/// </summary>
internal sealed class SnapshotStore(SqliteStore store)
{
    public const int SchemaVersion = 1;

    // A segment whose collection dropped or rewrote it while a snapshot still references it keeps its rows under
    // this collection id (no collection has it), so collection reads skip it and restores still find it.
    public const long DetachedCollectionId = 0;

    private const string SchemaSql = """
        CREATE TABLE IF NOT EXISTS snapshots(id INTEGER PRIMARY KEY, db_id INTEGER NOT NULL, collection_id INTEGER NOT NULL,
            collection_name TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL, create_ts INTEGER NOT NULL,
            schema BLOB NOT NULL, definition TEXT NOT NULL, protected_until_ms INTEGER NOT NULL, dropped INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS snapshot_segments(snapshot_id INTEGER NOT NULL, segment_id INTEGER NOT NULL,
            PRIMARY KEY(snapshot_id, segment_id));
        CREATE INDEX IF NOT EXISTS snapshot_segments_by_segment ON snapshot_segments(segment_id);
        CREATE TABLE IF NOT EXISTS snapshot_deletes(snapshot_id INTEGER NOT NULL, partition_id INTEGER NOT NULL, pk ANY, ts INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS snapshot_deletes_by_snapshot ON snapshot_deletes(snapshot_id);
        CREATE TABLE IF NOT EXISTS snapshot_pins(id INTEGER PRIMARY KEY, snapshot_id INTEGER NOT NULL, expires_at_ms INTEGER);
        CREATE TABLE IF NOT EXISTS restore_jobs(id INTEGER PRIMARY KEY, snapshot_id INTEGER NOT NULL, snapshot_name TEXT NOT NULL,
            target_db TEXT NOT NULL, target_collection_id INTEGER NOT NULL, target_collection TEXT NOT NULL, state INTEGER NOT NULL,
            copied INTEGER NOT NULL, total INTEGER NOT NULL, reason TEXT NOT NULL, start_ms INTEGER NOT NULL, cost_ms INTEGER NOT NULL);
        """;

    /// <summary>Creates the snapshot tables if the file predates them and records the schema version.</summary>
    public void Migrate()
    {
        using var tx = store.Begin();
        Exec(tx, SchemaSql);
        Exec(tx, "INSERT OR REPLACE INTO meta(key, value) VALUES('snapshot_schema_version', $v)", ("$v", SchemaVersion.ToString()));
        tx.Commit();
    }

    // ---- snapshots -------------------------------------------------------------------------------------

    public void Save(SnapshotMeta s, IEnumerable<(object Key, long Ts, long PartitionId)> deletes, SqliteTransaction tx)
    {
        Exec(tx, """
            INSERT INTO snapshots(id, db_id, collection_id, collection_name, name, description, create_ts, schema, definition, protected_until_ms, dropped)
            VALUES($id, $db, $c, $cn, $n, $d, $ts, $schema, $def, $p, 0)
            """,
            ("$id", s.Id), ("$db", s.DbId), ("$c", s.CollectionId), ("$cn", s.CollectionName), ("$n", s.Name), ("$d", s.Description),
            ("$ts", (long)s.CreateTs), ("$schema", s.Schema.ToByteArray()), ("$def", JsonSerializer.Serialize(s.Definition)), ("$p", s.ProtectedUntilMs));
        foreach (var segment in s.SegmentIds)
            Exec(tx, "INSERT INTO snapshot_segments(snapshot_id, segment_id) VALUES($s, $g)", ("$s", s.Id), ("$g", segment));
        using var cmd = store.Command("INSERT INTO snapshot_deletes(snapshot_id, partition_id, pk, ts) VALUES($s, $p, $k, $ts)", tx);
        cmd.Parameters.AddWithValue("$s", s.Id);
        var partition = cmd.Parameters.Add("$p", SqliteType.Integer);
        var key = cmd.Parameters.Add("$k", SqliteType.Blob);
        var ts = cmd.Parameters.Add("$ts", SqliteType.Integer);
        foreach (var d in deletes)
        {
            partition.Value = d.PartitionId;
            Storage.StoredKey.Bind(key, d.Key);
            ts.Value = d.Ts;
            cmd.ExecuteNonQuery();
        }
    }

    public List<SnapshotMeta> LoadSnapshots()
    {
        var segments = new Dictionary<long, List<long>>();
        using (var cmd = store.Command("SELECT snapshot_id, segment_id FROM snapshot_segments ORDER BY segment_id"))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                if (!segments.TryGetValue(r.GetInt64(0), out var list)) segments[r.GetInt64(0)] = list = [];
                list.Add(r.GetInt64(1));
            }
        var result = new List<SnapshotMeta>();
        using (var cmd = store.Command("""
            SELECT id, db_id, collection_id, collection_name, name, description, create_ts, schema, definition, protected_until_ms, dropped
            FROM snapshots ORDER BY id
            """))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                result.Add(new SnapshotMeta
                {
                    Id = r.GetInt64(0), DbId = r.GetInt64(1), CollectionId = r.GetInt64(2), CollectionName = r.GetString(3), Name = r.GetString(4),
                    Description = r.GetString(5), CreateTs = (ulong)r.GetInt64(6), Schema = CollectionSchema.Parser.ParseFrom((byte[])r[7]),
                    Definition = JsonSerializer.Deserialize<SnapshotDefinition>(r.GetString(8))!, ProtectedUntilMs = r.GetInt64(9),
                    Dropped = r.GetInt64(10) != 0, SegmentIds = segments.GetValueOrDefault(r.GetInt64(0)) ?? [],
                });
        return result;
    }

    public void MarkDropped(long snapshotId, SqliteTransaction tx) => Exec(tx, "UPDATE snapshots SET dropped = 1 WHERE id = $id", ("$id", snapshotId));

    /// <summary>Removes the snapshot and frees the detached segments nothing references any more.</summary>
    public void Delete(long snapshotId, SqliteTransaction tx)
    {
        Exec(tx, "DELETE FROM snapshots WHERE id = $id", ("$id", snapshotId));
        Exec(tx, "DELETE FROM snapshot_segments WHERE snapshot_id = $id", ("$id", snapshotId));
        Exec(tx, "DELETE FROM snapshot_deletes WHERE snapshot_id = $id", ("$id", snapshotId));
        Exec(tx, "DELETE FROM snapshot_pins WHERE snapshot_id = $id", ("$id", snapshotId));
        const string unreferenced = "collection_id = $detached AND id NOT IN (SELECT segment_id FROM snapshot_segments)";
        Exec(tx, $"DELETE FROM segment_columns WHERE segment_id IN (SELECT id FROM segments WHERE {unreferenced})", ("$detached", DetachedCollectionId));
        Exec(tx, $"DELETE FROM column_parts WHERE segment_id IN (SELECT id FROM segments WHERE {unreferenced})", ("$detached", DetachedCollectionId));
        Exec(tx, $"DELETE FROM segments WHERE {unreferenced}", ("$detached", DetachedCollectionId));
    }

    public List<(object Key, long Ts, long PartitionId)> ReadDeletes(long snapshotId)
    {
        using var cmd = store.Command("SELECT pk, ts, partition_id FROM snapshot_deletes WHERE snapshot_id = $s");
        cmd.Parameters.AddWithValue("$s", snapshotId);
        using var r = cmd.ExecuteReader();
        var result = new List<(object, long, long)>();
        while (r.Read()) result.Add((Storage.StoredKey.Read(r, 0), r.GetInt64(1), r.GetInt64(2)));
        return result;
    }

    /// <summary>Copies one referenced segment (its row and column blobs, unchanged) into a collection's partition.</summary>
    public int CopySegment(long sourceSegmentId, long targetSegmentId, long targetCollectionId, long targetPartitionId, SqliteTransaction tx)
    {
        Exec(tx, """
            INSERT INTO segments(id, collection_id, partition_id, row_count, sealed, created_ts)
            SELECT $new, $c, $p, row_count, sealed, created_ts FROM segments WHERE id = $old
            """, ("$new", targetSegmentId), ("$c", targetCollectionId), ("$p", targetPartitionId), ("$old", sourceSegmentId));
        Exec(tx, "INSERT INTO segment_columns(segment_id, field_id, format, data) SELECT $new, field_id, format, data FROM segment_columns WHERE segment_id = $old",
            ("$new", targetSegmentId), ("$old", sourceSegmentId));
        Exec(tx, "INSERT INTO column_parts(segment_id, field_id, part, data) SELECT $new, field_id, part, data FROM column_parts WHERE segment_id = $old",
            ("$new", targetSegmentId), ("$old", sourceSegmentId));
        using var cmd = store.Command("SELECT row_count FROM segments WHERE id = $id", tx);
        cmd.Parameters.AddWithValue("$id", targetSegmentId);
        return cmd.ExecuteScalar() is long rows ? (int)rows : 0;
    }

    public long PartitionOfSegment(long segmentId)
    {
        using var cmd = store.Command("SELECT partition_id FROM segments WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", segmentId);
        return cmd.ExecuteScalar() is long p ? p : -1;
    }

    // ---- pins ------------------------------------------------------------------------------------------

    public void SavePin(SnapshotPin pin, SqliteTransaction tx)
        => Exec(tx, "INSERT INTO snapshot_pins(id, snapshot_id, expires_at_ms) VALUES($id, $s, $e)",
            ("$id", pin.Id), ("$s", pin.SnapshotId), ("$e", pin.ExpiresAtMs is { } e ? e : DBNull.Value));

    public void DeletePin(long pinId, SqliteTransaction tx) => Exec(tx, "DELETE FROM snapshot_pins WHERE id = $id", ("$id", pinId));

    public List<SnapshotPin> LoadPins()
    {
        using var cmd = store.Command("SELECT id, snapshot_id, expires_at_ms FROM snapshot_pins ORDER BY id");
        using var r = cmd.ExecuteReader();
        var result = new List<SnapshotPin>();
        while (r.Read()) result.Add(new SnapshotPin(r.GetInt64(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2)));
        return result;
    }

    // ---- restore jobs ----------------------------------------------------------------------------------

    public void SaveJob(RestoreJob job, SqliteTransaction tx)
        => Exec(tx, """
            INSERT OR REPLACE INTO restore_jobs(id, snapshot_id, snapshot_name, target_db, target_collection_id, target_collection, state,
                copied, total, reason, start_ms, cost_ms)
            VALUES($id, $s, $sn, $db, $tc, $tn, $st, $cp, $tot, $r, $start, $cost)
            """,
            ("$id", job.Id), ("$s", job.SnapshotId), ("$sn", job.SnapshotName), ("$db", job.TargetDbName), ("$tc", job.TargetCollectionId),
            ("$tn", job.TargetCollectionName), ("$st", (int)job.State), ("$cp", job.CopiedSegments), ("$tot", job.TotalSegments),
            ("$r", job.Reason), ("$start", job.StartMs), ("$cost", job.TimeCostMs));

    public List<RestoreJob> LoadJobs()
    {
        using var cmd = store.Command("""
            SELECT id, snapshot_id, snapshot_name, target_db, target_collection_id, target_collection, state, copied, total, reason, start_ms, cost_ms
            FROM restore_jobs ORDER BY id
            """);
        using var r = cmd.ExecuteReader();
        var result = new List<RestoreJob>();
        while (r.Read())
            result.Add(new RestoreJob
            {
                Id = r.GetInt64(0), SnapshotId = r.GetInt64(1), SnapshotName = r.GetString(2), TargetDbName = r.GetString(3),
                TargetCollectionId = r.GetInt64(4), TargetCollectionName = r.GetString(5), State = (RestoreSnapshotState)r.GetInt32(6),
                CopiedSegments = r.GetInt32(7), TotalSegments = r.GetInt32(8), Reason = r.GetString(9), StartMs = r.GetInt64(10), TimeCostMs = r.GetInt64(11),
            });
        return result;
    }

    private void Exec(SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = store.Command(sql, tx);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        cmd.ExecuteNonQuery();
    }
}
