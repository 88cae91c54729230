using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Data.Sqlite;
using Milvus.Local.Columns;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Storage;

/// <summary>
/// The local files a loaded collection's sealed vector columns are memory-mapped from when <c>mmap.enabled</c> is on
/// (Milvus's query node writes a loaded segment's field data to local mmap files the same way): a folder beside the
/// database file named after it (<c>demo.db.mmap/</c>), one subfolder per collection, one file per segment and field.
/// A file holds the column's raw bytes followed by a trailer naming what it holds (collection, segment, field, the
/// segment's creation timestamp, rows, bytes) and an XxHash3 of the bytes. The database stays the source of truth:
/// a file that is missing, short or does not match (trailer or hash) is written again from the stored column, so a
/// crash or a deleted cache loses nothing; a matching file is mapped without reading the column from the database.
/// </summary>
internal sealed class VectorCacheFiles(string databasePath)
{
    private const long Magic = 0x31304C4F43534D56; // "VMSCOL01" little-endian
    private const int TrailerBytes = 8 * sizeof(long);
    private const int CopyBufferBytes = 1 << 20;

    public string Folder { get; } = databasePath + ".mmap";

    private long _written;
    private long _reused;

    /// <summary>Columns written from the database into a cache file (each one a full read of the stored column).</summary>
    public long ColumnsWritten => Interlocked.Read(ref _written);

    /// <summary>Columns mapped from a cache file that matched, without reading the stored column.</summary>
    public long ColumnsReused => Interlocked.Read(ref _reused);

    /// <summary>Where a segment's column is cached.</summary>
    public string PathOf(long collectionId, long segmentId, long fieldId) => Path.Combine(CollectionFolder(collectionId), $"{segmentId}-{fieldId}.vec");

    private string CollectionFolder(long collectionId) => Path.Combine(Folder, collectionId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The identity a cache file must carry to stand for a stored column.</summary>
    public readonly record struct ColumnKey(long CollectionId, long SegmentId, long FieldId, long SegmentCreatedTs, int RowCount);

    /// <summary>
    /// The column mapped from its cache file: the file as it is when it matches <paramref name="key"/>, else written
    /// first from the stored blobs <paramref name="blobs"/> (table, rowid, length; concatenated in order).
    /// </summary>
    public DenseVectorColumn Map(ColumnKey key, FieldSchema field, int dim, SqliteConnection connection, IReadOnlyList<(string Table, long RowId, int Length)> blobs)
    {
        var length = checked((int)blobs.Sum(b => (long)b.Length));
        var path = PathOf(key.CollectionId, key.SegmentId, key.FieldId);
        if (TryMapExisting(path, key, length) is { } existing)
        {
            Interlocked.Increment(ref _reused);
            return new DenseVectorColumn(field.DataType, dim, existing, key.RowCount);
        }
        Write(path, key, length, sink =>
        {
            var buffer = new byte[Math.Min(CopyBufferBytes, length)];
            foreach (var (table, rowId, blobLength) in blobs)
            {
                using var blob = new SqliteBlob(connection, table, "data", rowId, readOnly: true);
                for (var done = 0; done < blobLength;)
                {
                    var chunk = buffer.AsSpan(0, Math.Min(buffer.Length, blobLength - done));
                    blob.ReadExactly(chunk);
                    sink(chunk);
                    done += chunk.Length;
                }
            }
        });
        Interlocked.Increment(ref _written);
        return new DenseVectorColumn(field.DataType, dim, MappedFileRegion.Open(path, length), key.RowCount);
    }

    /// <summary>
    /// A column in memory (a segment a merge just sealed in a loaded collection) written to its cache file and mapped
    /// in its place; the array can then be collected.
    /// </summary>
    public DenseVectorColumn Map(ColumnKey key, DenseVectorColumn column)
    {
        var bytes = column.Array ?? throw new ArgumentException("the column is mapped already", nameof(column));
        var path = PathOf(key.CollectionId, key.SegmentId, key.FieldId);
        Write(path, key, bytes.Length, sink => sink(bytes));
        Interlocked.Increment(ref _written);
        return new DenseVectorColumn(column.DataType, column.Dim, MappedFileRegion.Open(path, bytes.Length), key.RowCount);
    }

    /// <summary>Deletes the cache files of a collection (released or dropped). Best effort: a file still open elsewhere stays until the next sweep.</summary>
    public void DeleteCollection(long collectionId) => TryDelete(() => Directory.Delete(CollectionFolder(collectionId), recursive: true));

    /// <summary>Deletes the cache files of segments that no longer exist (merged, compacted, dropped with their partition).</summary>
    public void DeleteSegments(IEnumerable<long> segmentIds)
    {
        if (!Directory.Exists(Folder)) return;
        foreach (var id in segmentIds)
            foreach (var file in Directory.EnumerateFiles(Folder, $"{id}-*.vec", SearchOption.AllDirectories))
                TryDelete(() => File.Delete(file));
    }

    /// <summary>Deletes a collection's files other than those of live segments and fields (left by a crash, a merge while released, a dropped field).</summary>
    public void Sweep(long collectionId, IReadOnlySet<long> liveSegments, IReadOnlySet<long> liveFields)
    {
        var folder = CollectionFolder(collectionId);
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            var parts = Path.GetFileNameWithoutExtension(name).Split('-');
            var live = name.EndsWith(".vec", StringComparison.Ordinal) && parts.Length == 2
                && long.TryParse(parts[0], out var segmentId) && liveSegments.Contains(segmentId)
                && long.TryParse(parts[1], out var fieldId) && liveFields.Contains(fieldId);
            if (!live) TryDelete(() => File.Delete(file));
        }
    }

    /// <summary>Deletes the folders of collections not in <paramref name="keep"/> (released or dropped while no process had the file open).</summary>
    public void SweepCollections(IReadOnlySet<long> keep)
    {
        if (!Directory.Exists(Folder)) return;
        foreach (var folder in Directory.EnumerateDirectories(Folder))
            if (!long.TryParse(Path.GetFileName(folder), out var id) || !keep.Contains(id))
                TryDelete(() => Directory.Delete(folder, recursive: true));
    }

    private static MappedFileRegion? TryMapExisting(string path, ColumnKey key, int length)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != (long)length + TrailerBytes || length == 0) return null;
            Span<byte> trailer = stackalloc byte[TrailerBytes];
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete))
            {
                stream.Position = length;
                stream.ReadExactly(trailer);
            }
            if (!trailer.SequenceEqual(Trailer(key, length, ReadHash(trailer)))) return null;
            var mapped = MappedFileRegion.Open(path, length);
            return XxHash3.HashToUInt64(mapped.Span) == (ulong)ReadHash(trailer) ? mapped : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long ReadHash(ReadOnlySpan<byte> trailer) => BinaryPrimitives.ReadInt64LittleEndian(trailer[^sizeof(long)..]);

    private static byte[] Trailer(ColumnKey key, int length, long hash)
    {
        var trailer = new byte[TrailerBytes];
        long[] values = [Magic, key.CollectionId, key.SegmentId, key.FieldId, key.SegmentCreatedTs, key.RowCount, length, hash];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(trailer.AsSpan(i * sizeof(long)), values[i]);
        return trailer;
    }

    private delegate void ChunkSink(ReadOnlySpan<byte> chunk);

    /// <summary>
    /// Writes the <paramref name="length"/> bytes <paramref name="produce"/> hands over, in order, into a new file beside
    /// the target, hashing on the way, then the trailer, then renames it into place.
    /// </summary>
    private static void Write(string path, ColumnKey key, int length, Action<ChunkSink> produce)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var hash = new XxHash3();
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                file.SetLength((long)length + TrailerBytes);
                produce(chunk =>
                {
                    hash.Append(chunk);
                    file.Write(chunk);
                });
                if (file.Position != length) throw new IOException($"{path}: wrote {file.Position} bytes, expected {length}");
                file.Write(Trailer(key, length, (long)hash.GetCurrentHashAsUInt64()));
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(() => File.Delete(temporary));
            throw;
        }
    }

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
