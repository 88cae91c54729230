using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Storage;

/// <summary>
/// Data tables: a segment row per run of rows, one blob per column in its <see cref="ColumnBlob"/> format (raw
/// little-endian vectors, else a serialized <see cref="FieldData"/>; the per-row write timestamps under field id 1),
/// and delete records (pk, ts, partition; 0 = every partition).
/// </summary>
internal sealed class SegmentStore(SqliteStore store)
{
    private const long DetachedCollectionId = Snapshots.SnapshotStore.DetachedCollectionId;
    private const string Referenced = "id IN (SELECT segment_id FROM snapshot_segments)";

    public sealed record SegmentRecord(long Id, long PartitionId, int RowCount, bool Sealed, long CreatedTs);

    public void WriteSegment(long collectionId, SegmentRecord segment, IEnumerable<ColumnBlob.Stored> columns, SqliteTransaction tx)
    {
        using (var cmd = store.Command("INSERT INTO segments(id, collection_id, partition_id, row_count, sealed, created_ts) VALUES($id, $c, $p, $n, $s, $ts)", tx))
        {
            cmd.Parameters.AddWithValue("$id", segment.Id);
            cmd.Parameters.AddWithValue("$c", collectionId);
            cmd.Parameters.AddWithValue("$p", segment.PartitionId);
            cmd.Parameters.AddWithValue("$n", segment.RowCount);
            cmd.Parameters.AddWithValue("$s", segment.Sealed ? 1 : 0);
            cmd.Parameters.AddWithValue("$ts", segment.CreatedTs);
            cmd.ExecuteNonQuery();
        }
        using var insert = store.Command("INSERT INTO segment_columns(segment_id, field_id, format, data) VALUES($s, $f, $format, $d)", tx);
        var s = insert.Parameters.Add("$s", SqliteType.Integer);
        var f = insert.Parameters.Add("$f", SqliteType.Integer);
        var format = insert.Parameters.Add("$format", SqliteType.Integer);
        var d = insert.Parameters.Add("$d", SqliteType.Blob);
        foreach (var column in columns)
        {
            s.Value = segment.Id;
            f.Value = column.FieldId;
            format.Value = column.Format;
            d.Value = column.Bytes;
            insert.ExecuteNonQuery();
        }
    }

    public List<SegmentRecord> ListSegments(long collectionId, SqliteTransaction? tx = null)
    {
        using var cmd = store.Command("SELECT id, partition_id, row_count, sealed, created_ts FROM segments WHERE collection_id = $c ORDER BY id", tx);
        cmd.Parameters.AddWithValue("$c", collectionId);
        using var r = cmd.ExecuteReader();
        var result = new List<SegmentRecord>();
        while (r.Read()) result.Add(new SegmentRecord(r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetInt64(3) != 0, r.GetInt64(4)));
        return result;
    }

    /// <summary>Reads every segment of the collection and decodes its columns against the current schema.</summary>
    public List<Segment> ReadSegments(long collectionId, CollectionSchema schema, Func<SegmentRecord, bool>? include = null)
        => ListSegments(collectionId).Where(r => include is null || include(r)).Select(r => ReadSegment(r, schema, store.Connection)).ToList();

    /// <summary>The files loaded sealed vector columns are mapped from when mmap.enabled is on.</summary>
    public VectorCacheFiles CacheFiles { get; } = new(store.Path);

    private readonly CacheFileRecords _cacheRecords = new(store);

    /// <summary>Commits the rows of cache files a load hashed in full (call under the engine lock, outside a transaction).</summary>
    public void RecordCacheFiles() => _cacheRecords.Write(CacheFiles.TakeVerified());

    /// <summary>
    /// Reads one segment through <paramref name="connection"/> (the engine's, or a reader's off the engine lock).
    /// <paramref name="loadingFor"/>: the collection whose loaded data the segment joins; a sealed segment's raw vector
    /// columns whose field has mmap.enabled are then mapped from their cache files instead of read into memory.
    /// </summary>
    public Segment ReadSegment(SegmentRecord record, CollectionSchema schema, SqliteConnection connection, CollectionMeta? loadingFor = null)
    {
        var fields = schema.StorageFields().ToDictionary(f => f.FieldID);
        var columns = new Dictionary<long, Column>();
        long[] timestamps = [];
        foreach (var (rowId, fieldId, stored, length) in StoredColumns(record.Id, connection))
        {
            if (loadingFor is not null && fields.TryGetValue(fieldId, out var mappedField) && Mapped(loadingFor, record, mappedField, stored))
            {
                var blobs = stored == ColumnBlob.Parts ? PartBlobs(record.Id, fieldId, connection) : [("segment_columns", rowId, length)];
                var key = new VectorCacheFiles.ColumnKey(loadingFor.Id, record.Id, fieldId, record.CreatedTs, record.RowCount);
                columns[fieldId] = CacheFiles.Map(key, mappedField, ColumnCodec.DimOf(mappedField), connection, blobs);
                continue;
            }
            var bytes = stored == ColumnBlob.Parts ? ReadParts(record.Id, fieldId, connection) : StoredParts.Read(connection, "segment_columns", rowId, length);
            var format = stored == ColumnBlob.Parts ? ColumnBlob.Raw : stored;
            if (fieldId == Segment.TimestampFieldId) timestamps = ColumnBlob.DecodeTimestamps(format, bytes);
            else if (fields.TryGetValue(fieldId, out var field)) columns[fieldId] = ColumnBlob.Decode(field, format, bytes, record.RowCount);
        }
        return DefaultColumns.Fill(new Segment(record.Id, record.PartitionId, record.Sealed, record.RowCount, columns, timestamps), schema);
    }

    /// <summary>
    /// A segment a merge just sealed into a loaded collection, with its mmap-enabled vector columns written to their cache
    /// files and mapped (as a load would have them), so the merged rows do not stay in managed memory until the next load.
    /// </summary>
    public Segment MapSealed(CollectionMeta c, SegmentRecord record, Segment segment)
    {
        Dictionary<long, Column>? columns = null;
        foreach (var field in c.Schema.StorageFields())
        {
            if (segment.Column(field.FieldID) is not DenseVectorColumn { Array: not null, Validity: null } dense || !Mapped(c, record, field, ColumnBlob.Raw)) continue;
            columns ??= new Dictionary<long, Column>(segment.Columns);
            columns[field.FieldID] = CacheFiles.Map(new VectorCacheFiles.ColumnKey(c.Id, record.Id, field.FieldID, record.CreatedTs, record.RowCount), dense);
        }
        return columns is null ? segment : new Segment(segment.Id, segment.PartitionId, segment.IsSealed, segment.RowCount, columns, segment.Timestamps);
    }

    /// <summary>Whether a stored column is mapped: a raw dense vector column of a sealed segment, its field's mmap.enabled on.</summary>
    private static bool Mapped(CollectionMeta c, SegmentRecord record, FieldSchema field, int stored)
        => record.Sealed && record.RowCount > 0 && stored is ColumnBlob.Raw or ColumnBlob.Parts
            && VectorTypes.IsVector(field.DataType) && field.DataType is not DataType.SparseFloatVector && MmapSettings.RawDataMapped(c, field);

    private static List<(long RowId, long FieldId, int Format, int Length)> StoredColumns(long segmentId, SqliteConnection connection)
    {
        using var cmd = new SqliteCommand("SELECT rowid, field_id, format, length(data) FROM segment_columns WHERE segment_id = $s", connection);
        cmd.Parameters.AddWithValue("$s", segmentId);
        using var r = cmd.ExecuteReader();
        var result = new List<(long, long, int, int)>();
        while (r.Read()) result.Add((r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetInt32(3)));
        return result;
    }

    /// <summary>Writes one part of a column stored in parts (<see cref="ColumnBlob.Parts"/>), before its segment exists.</summary>
    public void WritePart(long segmentId, long fieldId, int part, byte[] bytes, SqliteTransaction tx)
        => StoredParts.WritePart(store, "column_parts", "field_id", (segmentId, fieldId, part), bytes, tx);

    /// <summary>A column stored in parts, concatenated into one array.</summary>
    private static byte[] ReadParts(long segmentId, long fieldId, SqliteConnection connection)
    {
        using var cmd = PartRows(segmentId, fieldId, connection);
        return StoredParts.Join(connection, "column_parts", cmd);
    }

    /// <summary>The blobs of a column stored in parts, in order.</summary>
    private static List<(string Table, long RowId, int Length)> PartBlobs(long segmentId, long fieldId, SqliteConnection connection)
    {
        using var cmd = PartRows(segmentId, fieldId, connection);
        using var r = cmd.ExecuteReader();
        var result = new List<(string, long, int)>();
        while (r.Read()) result.Add(("column_parts", r.GetInt64(0), r.GetInt32(1)));
        return result;
    }

    private static SqliteCommand PartRows(long segmentId, long fieldId, SqliteConnection connection)
    {
        var cmd = new SqliteCommand("SELECT rowid, length(data) FROM column_parts WHERE segment_id = $s AND field_id = $f ORDER BY part", connection);
        cmd.Parameters.AddWithValue("$s", segmentId);
        cmd.Parameters.AddWithValue("$f", fieldId);
        return cmd;
    }

    /// <summary>Deletes the segments; those a snapshot references are detached from the collection and kept (copy-on-write).</summary>
    public void DeleteSegments(IEnumerable<long> segmentIds, SqliteTransaction tx)
    {
        // Their cache files go at once: a mapping stays readable until its column is unreachable (Unix), and a rolled
        // back delete only means the next load writes the file again.
        CacheFiles.DeleteSegments(segmentIds);
        foreach (var id in segmentIds)
        {
            _cacheRecords.Delete(id, tx);
            Exec(tx, $"UPDATE segments SET collection_id = {DetachedCollectionId} WHERE id = $id AND {Referenced}", id);
            Exec(tx, $"DELETE FROM segment_columns WHERE segment_id = $id AND segment_id NOT IN (SELECT segment_id FROM snapshot_segments)", id);
            Exec(tx, $"DELETE FROM column_parts WHERE segment_id = $id AND segment_id NOT IN (SELECT segment_id FROM snapshot_segments)", id);
            Exec(tx, $"DELETE FROM segments WHERE id = $id AND NOT {Referenced}", id);
        }
    }

    public void DeleteCollectionData(long collectionId, SqliteTransaction tx)
    {
        CacheFiles.DeleteCollection(collectionId);
        Exec(tx, "DELETE FROM vector_cache_files WHERE segment_id IN (SELECT id FROM segments WHERE collection_id = $id)", collectionId);
        Exec(tx, $"UPDATE segments SET collection_id = {DetachedCollectionId} WHERE collection_id = $id AND {Referenced}", collectionId);
        Exec(tx, "DELETE FROM segment_columns WHERE segment_id IN (SELECT id FROM segments WHERE collection_id = $id)", collectionId);
        Exec(tx, "DELETE FROM column_parts WHERE segment_id IN (SELECT id FROM segments WHERE collection_id = $id)", collectionId);
        Exec(tx, "DELETE FROM segments WHERE collection_id = $id", collectionId);
        Exec(tx, "DELETE FROM deletes WHERE collection_id = $id", collectionId);
    }

    public void DeletePartitionData(long collectionId, long partitionId, SqliteTransaction tx)
    {
        var ids = ListSegments(collectionId, tx).Where(s => s.PartitionId == partitionId).Select(s => s.Id).ToList();
        DeleteSegments(ids, tx);
    }

    public void WriteDeletes(long collectionId, long partitionId, IEnumerable<object> keys, long ts, SqliteTransaction tx)
    {
        using var cmd = store.Command("INSERT INTO deletes(collection_id, partition_id, pk, ts) VALUES($c, $p, $k, $ts)", tx);
        cmd.Parameters.AddWithValue("$c", collectionId);
        cmd.Parameters.AddWithValue("$p", partitionId);
        cmd.Parameters.AddWithValue("$ts", ts);
        var key = cmd.Parameters.Add("$k", SqliteType.Blob);
        foreach (var k in keys)
        {
            StoredKey.Bind(key, k);
            cmd.ExecuteNonQuery();
        }
    }

    public List<(object Key, long Ts, long PartitionId)> ReadDeletes(long collectionId)
    {
        using var cmd = store.Command("SELECT pk, ts, partition_id FROM deletes WHERE collection_id = $c");
        cmd.Parameters.AddWithValue("$c", collectionId);
        using var r = cmd.ExecuteReader();
        var result = new List<(object, long, long)>();
        while (r.Read()) result.Add((StoredKey.Read(r, 0), r.GetInt64(1), r.GetInt64(2)));
        return result;
    }

    public long CountRows(long collectionId, long? partitionId = null)
        => ListSegments(collectionId).Where(s => partitionId is null || s.PartitionId == partitionId).Sum(s => (long)s.RowCount);

    private void Exec(SqliteTransaction tx, string sql, long id)
    {
        using var cmd = store.Command(sql, tx);
        cmd.Parameters.AddWithValue("$id", id);
        cmd.ExecuteNonQuery();
    }
}
