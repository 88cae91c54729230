using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Milvus.Local.Storage;

/// <summary>
/// What the database knows of each mmap cache file (table vector_cache_files, one row per segment and field): the
/// file's <see cref="FileStamp"/> when its content was last hashed in full, that hash, a hash of sample pages, when
/// the row was taken, and the rows' norms computed in the same pass (FLOAT_VECTOR; a COSINE index needs them, and
/// computing them again would read every row). A load maps a file whose stamp, trailer and sample pages match its row without reading the rest
/// of it; any other file is hashed in full (or written again) first. A row is committed after its file is complete, so
/// a process killed in between leaves a file without a row, which the next load hashes in full. The database stays the
/// source of truth: a row only ever spares a read, and a row that matches no file is ignored.
/// </summary>
internal sealed class CacheFileRecords
{
    private readonly SqliteStore _store;

    public CacheFileRecords(SqliteStore store)
    {
        _store = store;
        using var cmd = store.Command("""
            CREATE TABLE IF NOT EXISTS vector_cache_files(segment_id INTEGER NOT NULL, field_id INTEGER NOT NULL, size INTEGER NOT NULL,
                inode INTEGER NOT NULL, modified_ns INTEGER NOT NULL, changed_ns INTEGER NOT NULL, hash INTEGER NOT NULL,
                sample_hash INTEGER NOT NULL, recorded_ns INTEGER NOT NULL, norms BLOB, PRIMARY KEY(segment_id, field_id));
            DELETE FROM vector_cache_files WHERE segment_id NOT IN (SELECT id FROM segments);
            """);
        cmd.ExecuteNonQuery();
    }

    /// <summary>A cache file as it was when hashed in full.</summary>
    public sealed record Entry(long SegmentId, long FieldId, FileStamp Stamp, long Hash, long SampleHash, long RecordedNs, float[]? Norms);

    /// <summary>The row of a segment's field, read through <paramref name="connection"/> (a loader's own, off the engine lock).</summary>
    public static Entry? Find(SqliteConnection connection, long segmentId, long fieldId)
    {
        using var cmd = new SqliteCommand(
            "SELECT size, inode, modified_ns, changed_ns, hash, sample_hash, recorded_ns, norms FROM vector_cache_files WHERE segment_id = $s AND field_id = $f", connection);
        cmd.Parameters.AddWithValue("$s", segmentId);
        cmd.Parameters.AddWithValue("$f", fieldId);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        var norms = r.IsDBNull(7) ? null : MemoryMarshal.Cast<byte, float>(r.GetFieldValue<byte[]>(7)).ToArray();
        return new Entry(segmentId, fieldId, new FileStamp(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), norms);
    }

    /// <summary>
    /// Writes rows in one transaction (call under the engine lock, outside any other transaction). A failure only means
    /// the files are hashed in full at the next load.
    /// </summary>
    public void Write(IReadOnlyCollection<Entry> entries)
    {
        if (entries.Count == 0) return;
        try
        {
            using var tx = _store.Begin();
            using var cmd = _store.Command("""
                INSERT OR REPLACE INTO vector_cache_files(segment_id, field_id, size, inode, modified_ns, changed_ns, hash, sample_hash, recorded_ns, norms)
                VALUES($s, $f, $size, $inode, $modified, $changed, $hash, $sample, $recorded, $norms)
                """, tx);
            foreach (var e in entries)
            {
                cmd.Parameters.Clear();
                cmd.Parameters.AddWithValue("$s", e.SegmentId);
                cmd.Parameters.AddWithValue("$f", e.FieldId);
                cmd.Parameters.AddWithValue("$size", e.Stamp.Size);
                cmd.Parameters.AddWithValue("$inode", e.Stamp.Inode);
                cmd.Parameters.AddWithValue("$modified", e.Stamp.ModifiedNs);
                cmd.Parameters.AddWithValue("$changed", e.Stamp.ChangedNs);
                cmd.Parameters.AddWithValue("$hash", e.Hash);
                cmd.Parameters.AddWithValue("$sample", e.SampleHash);
                cmd.Parameters.AddWithValue("$recorded", e.RecordedNs);
                cmd.Parameters.Add("$norms", SqliteType.Blob).Value = e.Norms is null ? DBNull.Value : MemoryMarshal.AsBytes(e.Norms.AsSpan()).ToArray();
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // Not recorded (storage error, or called inside another transaction): the files are hashed in full next time.
        }
    }

    /// <summary>Drops the rows of deleted segments (in the transaction that deletes them).</summary>
    public void Delete(long segmentId, SqliteTransaction tx)
    {
        using var cmd = _store.Command("DELETE FROM vector_cache_files WHERE segment_id = $s", tx);
        cmd.Parameters.AddWithValue("$s", segmentId);
        cmd.ExecuteNonQuery();
    }
}
