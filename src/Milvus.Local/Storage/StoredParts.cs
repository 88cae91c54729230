using Microsoft.Data.Sqlite;

namespace Milvus.Local.Storage;

/// <summary>
/// A large blob stored as numbered parts (column_parts, index_parts), each written in its own short transaction so no
/// single transaction holds the writer for a whole merged column or index graph.
/// </summary>
internal static class StoredParts
{
    /// <summary>Largest part written ahead of a commit (about what one insert of 10k x 128 writes).</summary>
    public const int PartBytes = 4 * 1024 * 1024;

    /// <summary>The slices of <paramref name="bytes"/> to store, in part order.</summary>
    public static IEnumerable<(int Part, byte[] Bytes)> Split(byte[] bytes)
    {
        for (var (part, at) = (0, 0); at < bytes.Length; part++, at += PartBytes)
            yield return (part, bytes.AsSpan(at, Math.Min(PartBytes, bytes.Length - at)).ToArray());
    }

    /// <summary>
    /// Writes one part of a blob into <paramref name="table"/>(segment_id, <paramref name="owner"/>, part, data), the owner
    /// being the column's field id or the graph's index id.
    /// </summary>
    public static void WritePart(SqliteStore store, string table, string owner, (long Segment, long Owner, int Part) at, byte[] bytes, SqliteTransaction tx)
    {
        using var cmd = store.Command($"INSERT OR REPLACE INTO {table}(segment_id, {owner}, part, data) VALUES($s, $o, $p, $d)", tx);
        cmd.Parameters.AddWithValue("$s", at.Segment);
        cmd.Parameters.AddWithValue("$o", at.Owner);
        cmd.Parameters.AddWithValue("$p", at.Part);
        cmd.Parameters.Add("$d", SqliteType.Blob).Value = bytes;
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// The blobs (column "data" of <paramref name="table"/>) of the rows a command selects as (rowid, length(data)), in
    /// order, joined into one array. Each is read straight from SQLite's pages into its place (incremental blob I/O):
    /// one copy, where reading the value would assemble the blob in a native buffer and copy it again.
    /// </summary>
    public static byte[] Join(SqliteConnection connection, string table, SqliteCommand rowIdsAndLengths)
    {
        var rows = new List<(long RowId, int Length)>();
        using (var r = rowIdsAndLengths.ExecuteReader())
            while (r.Read()) rows.Add((r.GetInt64(0), r.GetInt32(1)));
        var bytes = LoadBuffers.Allocate(checked((int)rows.Sum(p => (long)p.Length)));
        var at = 0;
        foreach (var (rowId, length) in rows)
        {
            Read(connection, table, rowId, bytes.AsSpan(at, length));
            at += length;
        }
        return bytes;
    }

    /// <summary>One row's blob (column "data" of <paramref name="table"/>), read straight into a new array.</summary>
    public static byte[] Read(SqliteConnection connection, string table, long rowId, int length)
    {
        var bytes = LoadBuffers.Allocate(length);
        Read(connection, table, rowId, bytes);
        return bytes;
    }

    private static void Read(SqliteConnection connection, string table, long rowId, Span<byte> destination)
    {
        using var blob = new SqliteBlob(connection, table, "data", rowId, readOnly: true);
        blob.ReadExactly(destination);
    }
}
