using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
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
/// a file that is missing, short or does not match is written again from the stored column, so a crash or a deleted
/// cache loses nothing; a matching file is mapped without reading the column from the database.
/// What "matching" costs (<see cref="CacheFileRecords"/>): a file whose stamp (size, inode, change time), trailer and
/// sample pages are those recorded in the database when it was last hashed in full is mapped without reading the rest
/// of it, its rows' norms (for COSINE) taken from that record; any other file (new, written again, changed, no row: a
/// kill before the row was committed) is hashed in full before it is used, flushed to disk and then recorded.
/// </summary>
internal sealed partial class VectorCacheFiles(string databasePath)
{
    private const long Magic = 0x31304C4F43534D56; // "VMSCOL01" little-endian
    private const int TrailerBytes = 8 * sizeof(long);
    private const int CopyBufferBytes = 1 << 20;
    private const int SamplePages = 8;
    private const int SampleBytes = 4096;

    public string Folder { get; } = databasePath + ".mmap";

    private long _written;
    private long _reused;
    private long _verified;
    private readonly ConcurrentQueue<CacheFileRecords.Entry> _pending = new();

    /// <summary>Columns written from the database into a cache file (each one a full read of the stored column).</summary>
    public long ColumnsWritten => Interlocked.Read(ref _written);

    /// <summary>Columns mapped from a cache file that matched, without reading the stored column.</summary>
    public long ColumnsReused => Interlocked.Read(ref _reused);

    /// <summary>Of <see cref="ColumnsReused"/>, the files hashed in full first (no matching row in the database).</summary>
    public long ColumnsVerified => Interlocked.Read(ref _verified);

    /// <summary>Rows for files hashed in full since the last call, to commit (<see cref="CacheFileRecords.Write"/>).</summary>
    public List<CacheFileRecords.Entry> TakeVerified()
    {
        var entries = new List<CacheFileRecords.Entry>();
        while (_pending.TryDequeue(out var entry)) entries.Add(entry);
        return entries;
    }

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
        var layout = new Layout(field.DataType, dim, key.RowCount, length);
        if (TryMapExisting(path, key, layout, connection) is { } existing)
        {
            Interlocked.Increment(ref _reused);
            return new DenseVectorColumn(field.DataType, dim, existing.Region, key.RowCount, existing.Norms);
        }
        var norms = Write(path, key, layout, sink =>
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
        return new DenseVectorColumn(field.DataType, dim, MappedFileRegion.Open(path, length), key.RowCount, norms);
    }

    /// <summary>
    /// A column in memory (a segment a merge just sealed in a loaded collection) written to its cache file and mapped
    /// in its place; the array can then be collected.
    /// </summary>
    public DenseVectorColumn Map(ColumnKey key, DenseVectorColumn column)
    {
        var bytes = column.Array ?? throw new ArgumentException("the column is mapped already", nameof(column));
        var path = PathOf(key.CollectionId, key.SegmentId, key.FieldId);
        var norms = Write(path, key, new Layout(column.DataType, column.Dim, key.RowCount, bytes.Length), sink => sink(bytes));
        Interlocked.Increment(ref _written);
        return new DenseVectorColumn(column.DataType, column.Dim, MappedFileRegion.Open(path, bytes.Length), key.RowCount, norms);
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

    /// <summary>A column's shape: the file holds its <see cref="Length"/> bytes, then the trailer; FLOAT_VECTOR rows have norms.</summary>
    private readonly record struct Layout(DataType DataType, int Dim, int Rows, int Length)
    {
        public bool HasNorms => DataType == DataType.FloatVector;
        public long FileLength => (long)Length + TrailerBytes;
    }

    private sealed record Existing(MappedFileRegion Region, float[]? Norms);

    /// <summary>
    /// The file mapped when it holds the column: cheaply when the database's row for it still describes it, else after a
    /// full hash (then flushed to disk and queued for recording). Null: missing, short, stale or damaged.
    /// </summary>
    private Existing? TryMapExisting(string path, ColumnKey key, Layout layout, SqliteConnection connection)
    {
        if (layout.Length == 0) return null;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            var stamp = FileStamp.Of(handle, path);
            if (stamp.Size != layout.FileLength) return null;
            var trailer = new byte[TrailerBytes];
            RandomAccess.Read(handle, trailer, layout.Length);
            var hash = ReadHash(trailer);
            if (!trailer.AsSpan().SequenceEqual(Trailer(key, layout.Length, hash))) return null;
            if (CacheFileRecords.Find(connection, key.SegmentId, key.FieldId) is { } row && row.Stamp == stamp && row.Hash == hash
                && stamp.IsSettledAt(row.RecordedNs) && SampleHash(handle, layout) == row.SampleHash && row.Norms?.Length == (layout.HasNorms ? layout.Rows : null))
                return new Existing(MappedFileRegion.Open(path, layout.Length), row.Norms);
            var mapped = MappedFileRegion.Open(path, layout.Length);
            if ((long)XxHash3.HashToUInt64(mapped.Span) != hash) return null;
            Interlocked.Increment(ref _verified);
            var norms = layout.HasNorms ? RowNormSink.Of(layout, mapped.Span) : null;
            // Recorded only once the bytes hashed are on disk and the file did not change while they were read.
            if (FlushedToDisk(handle) && FileStamp.Of(handle, path) == stamp)
                _pending.Enqueue(new CacheFileRecords.Entry(key.SegmentId, key.FieldId, stamp, hash, SampleHash(handle, layout), FileStamp.NowNs(), norms));
            return new Existing(mapped, norms);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>An XxHash3 of <see cref="SamplePages"/> pages spread evenly over the column's bytes (first and last included).</summary>
    private static long SampleHash(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Layout layout)
    {
        var hash = new XxHash3();
        var page = new byte[SampleBytes];
        var last = Math.Max(0L, (long)layout.Length - SampleBytes);
        for (var i = 0; i < SamplePages; i++)
        {
            var read = RandomAccess.Read(handle, page, last * i / (SamplePages - 1));
            hash.Append(page.AsSpan(0, read));
        }
        return (long)hash.GetCurrentHashAsUInt64();
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
    /// Writes the column's bytes <paramref name="produce"/> hands over, in order, into a new file beside the target,
    /// hashing on the way and taking each row's norm (FLOAT_VECTOR), then the trailer, then renames it into place.
    /// Returns the norms (null for other types). The file gets no row in the database (it is not flushed to disk here):
    /// the next load hashes it in full and records it then.
    /// </summary>
    private static float[]? Write(string path, ColumnKey key, Layout layout, Action<ChunkSink> produce)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var hash = new XxHash3();
            var norms = layout.HasNorms ? new RowNormSink(layout.Dim, layout.Rows) : null;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                file.SetLength(layout.FileLength);
                produce(chunk =>
                {
                    hash.Append(chunk);
                    norms?.Append(chunk);
                    file.Write(chunk);
                });
                if (file.Position != layout.Length) throw new IOException($"{path}: wrote {file.Position} bytes, expected {layout.Length}");
                file.Write(Trailer(key, layout.Length, (long)hash.GetCurrentHashAsUInt64()));
            }
            File.Move(temporary, path, overwrite: true);
            return norms?.Norms;
        }
        catch
        {
            TryDelete(() => File.Delete(temporary));
            throw;
        }
    }

    /// <summary>Each row's Euclidean norm (as the vector space computes it) from the column's bytes in chunks of any size.</summary>
    private sealed class RowNormSink(int dim, int rows)
    {
        private readonly byte[] _partial = new byte[dim * sizeof(float)];
        private int _partialBytes;
        private int _row;

        public float[] Norms { get; } = new float[rows];

        /// <summary>The norms of a whole column at once.</summary>
        public static float[] Of(Layout layout, ReadOnlySpan<byte> bytes)
        {
            var sink = new RowNormSink(layout.Dim, layout.Rows);
            sink.Append(bytes);
            return sink.Norms;
        }

        public void Append(ReadOnlySpan<byte> chunk)
        {
            if (_partialBytes > 0)
            {
                var take = Math.Min(chunk.Length, _partial.Length - _partialBytes);
                chunk[..take].CopyTo(_partial.AsSpan(_partialBytes));
                _partialBytes += take;
                chunk = chunk[take..];
                if (_partialBytes < _partial.Length) return;
                Add(_partial);
                _partialBytes = 0;
            }
            for (; chunk.Length >= _partial.Length; chunk = chunk[_partial.Length..]) Add(chunk[.._partial.Length]);
            chunk.CopyTo(_partial);
            _partialBytes = chunk.Length;
        }

        private void Add(ReadOnlySpan<byte> row) => Norms[_row++] = TensorPrimitives.Norm(MemoryMarshal.Cast<byte, float>(row));
    }

    /// <summary>fsync of the file (Unix); false where it is not available or fails: the file is then not recorded.</summary>
    private static bool FlushedToDisk(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (OperatingSystem.IsWindows()) return false;
        try
        {
            return fsync((int)handle.DangerousGetHandle()) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

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
