using Microsoft.Data.Sqlite;

namespace Milvus.Local.Storage;

/// <summary>
/// The engine's single SQLite file. WAL journal with synchronous=FULL: a transaction is on disk (WAL fsync'd)
/// when Commit returns, so an acknowledged write survives a process kill or power loss. One process owns the
/// file at a time, enforced by an exclusive lock on the file's identity (see <see cref="AcquireLock"/>); a second
/// opener gets <see cref="DatabaseInUseException"/> instead of racing on the data. A file that cannot be used gets a
/// <see cref="DatabaseFileException"/> saying why. All access is serialized by the engine.
/// </summary>
internal sealed class SqliteStore : IDisposable
{
    private readonly FileStream _lockFile;

    private SqliteStore(string path, FileStream lockFile, SqliteConnection connection)
    {
        Path = path;
        _lockFile = lockFile;
        Connection = connection;
    }

    public string Path { get; }

    public SqliteConnection Connection { get; }

    public static SqliteStore Open(string path)
    {
        var full = DatabaseFileIdentity.Resolve(System.IO.Path.GetFullPath(path));
        EnsureFolder(full);
        if (!DatabaseFileIdentity.TryClaim(full)) throw new DatabaseInUseException(full, null);
        FileStream lockFile;
        try
        {
            lockFile = AcquireLock(full);
        }
        catch
        {
            DatabaseFileIdentity.Release(full);
            throw;
        }
        try
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = full,
                // ReadWrite, not ReadWriteCreate: the file exists (AcquireLock made it) and SQLite must not fall back
                // to read-only silently; an unwritable file was refused above.
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
            }.ToString());
            try
            {
                connection.Open();
                Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF;");
                Execute(connection, SchemaSql);
                AddColumnFormat(connection);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteNotADatabase)
            {
                connection.Dispose();
                throw DatabaseFileException.NotADatabase(full, e);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
            return new SqliteStore(full, lockFile, connection);
        }
        catch
        {
            lockFile.Dispose();
            DatabaseFileIdentity.Release(full);
            throw;
        }
    }

    private const int SqliteNotADatabase = 26;

    public SqliteTransaction Begin() => Connection.BeginTransaction();

    /// <summary>
    /// A second, read-only connection to the file, for reading committed rows off the engine lock (WAL lets readers run
    /// beside the writer; the background loader reads segments with it). The caller disposes it.
    /// It reads the file through a memory mapping (PRAGMA mmap_size; SQLite caps it at its compiled maximum, 2 GB by
    /// default): a large blob is a chain of 4 KiB overflow pages, read one pread each without it, and from a cold page
    /// cache the kernel's read-around of the mapping's faults read a 307 MB column 4-6x faster than those preads
    /// (docs/performance.md, "Cold reopen").
    /// </summary>
    public SqliteConnection OpenReader()
    {
        var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        reader.Open();
        using var mapped = reader.CreateCommand();
        mapped.CommandText = "PRAGMA mmap_size = 1099511627776";
        mapped.ExecuteNonQuery();
        return reader;
    }

    public SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        Connection.Dispose();
        _lockFile.Dispose();
        DatabaseFileIdentity.Release(Path);
        if (!OperatingSystem.IsWindows()) return;
        try { File.Delete(_lockFile.Name); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Creates a missing folder; a folder that cannot be created is its own error, not "in use".</summary>
    private static void EnsureFolder(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(path);
        if (string.IsNullOrEmpty(directory) || Directory.Exists(directory)) return;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DatabaseFileException.MissingFolder(path, directory, e);
        }
    }

    /// <summary>
    /// Takes the one-process lock on the file's identity, creating the file (owner-only) when it is missing. On Unix
    /// the lock is an exclusive flock on the database file itself, so a symlink, a hard link or another spelling of
    /// the path reaches the same lock; on Windows the file is opened without sharing through a lock file beside the
    /// resolved path (Windows paths are case-insensitive). The handle is opened read-write, so a read-only file or file
    /// system is refused here with its own error instead of failing every later write.
    /// </summary>
    private static FileStream AcquireLock(string path)
    {
        var lockPath = OperatingSystem.IsWindows() ? path + ".lock" : path;
        try
        {
            if (OperatingSystem.IsWindows()) CreateOwnerOnly(path);
            return new FileStream(lockPath, OwnerOnly(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (UnauthorizedAccessException e)
        {
            throw File.Exists(path) ? DatabaseFileException.ReadOnlyFile(path, e) : DatabaseFileException.FolderNotWritable(path, e);
        }
        catch (IOException e) when (e.HResult == ReadOnlyFileSystem)
        {
            throw DatabaseFileException.ReadOnlyFileSystem(path, e);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new DatabaseInUseException(path, e);
        }
    }

    // EROFS (30 on Linux and macOS): .NET reports it as an IOException whose HResult is the errno.
    private const int ReadOnlyFileSystem = 30;

    /// <summary>
    /// A new database file is readable by its owner only (0600 on Unix): it holds the data and the password hashes.
    /// SQLite creates the -wal and -shm files with the database file's permissions, so they follow.
    /// </summary>
    private static void CreateOwnerOnly(string path)
    {
        if (File.Exists(path)) return;
        using var _ = new FileStream(path, OwnerOnly(FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite));
    }

    private static FileStreamOptions OwnerOnly(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 1 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }

    /// <summary>
    /// Files written before raw columns have no segment_columns.format: every blob in them is a serialized FieldData,
    /// which the added column's default (0, <see cref="ColumnBlob.Protobuf"/>) says. SQLite adds it without a rewrite.
    /// </summary>
    private static void AddColumnFormat(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_table_info('segment_columns') WHERE name = 'format'";
        if (Convert.ToInt64(command.ExecuteScalar()) == 0)
            Execute(connection, $"ALTER TABLE segment_columns ADD COLUMN format INTEGER NOT NULL DEFAULT {ColumnBlob.Protobuf}");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // Catalog tables, then data: segments hold one blob per column (format column added by AddColumnFormat), or, for a
    // large column of a merged segment, its parts in column_parts (parts a killed merge left behind are dropped here);
    // deletes hold (pk, ts) records that hide rows with the same pk written before ts.
    private const string SchemaSql = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS databases(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_ts INTEGER NOT NULL, properties TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS collections(id INTEGER PRIMARY KEY, db_id INTEGER NOT NULL, name TEXT NOT NULL, schema BLOB NOT NULL,
            shards INTEGER NOT NULL, consistency INTEGER NOT NULL, properties TEXT NOT NULL, created_ts INTEGER NOT NULL,
            updated_ts INTEGER NOT NULL, num_partitions INTEGER NOT NULL, loaded INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS fields(collection_id INTEGER NOT NULL, field_id INTEGER NOT NULL, name TEXT NOT NULL,
            data_type INTEGER NOT NULL, PRIMARY KEY(collection_id, field_id));
        CREATE TABLE IF NOT EXISTS partitions(id INTEGER PRIMARY KEY, collection_id INTEGER NOT NULL, name TEXT NOT NULL,
            created_ts INTEGER NOT NULL, loaded INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS aliases(db_id INTEGER NOT NULL, name TEXT NOT NULL, collection_id INTEGER NOT NULL, PRIMARY KEY(db_id, name));
        CREATE TABLE IF NOT EXISTS indexes(id INTEGER PRIMARY KEY, collection_id INTEGER NOT NULL, field_id INTEGER NOT NULL,
            name TEXT NOT NULL, params TEXT NOT NULL, created_ts INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS segments(id INTEGER PRIMARY KEY, collection_id INTEGER NOT NULL, partition_id INTEGER NOT NULL,
            row_count INTEGER NOT NULL, sealed INTEGER NOT NULL, created_ts INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS segments_by_collection ON segments(collection_id);
        CREATE TABLE IF NOT EXISTS segment_columns(segment_id INTEGER NOT NULL, field_id INTEGER NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY(segment_id, field_id));
        CREATE TABLE IF NOT EXISTS column_parts(segment_id INTEGER NOT NULL, field_id INTEGER NOT NULL, part INTEGER NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY(segment_id, field_id, part));
        DELETE FROM column_parts WHERE segment_id NOT IN (SELECT id FROM segments);
        CREATE TABLE IF NOT EXISTS deletes(collection_id INTEGER NOT NULL, partition_id INTEGER NOT NULL, pk ANY, ts INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS deletes_by_collection ON deletes(collection_id);
        """;
}

/// <summary>Another process (or engine instance) has the database file open.</summary>
public sealed class DatabaseInUseException(string path, Exception? inner)
    : IOException($"database is in use: the Milvus local database '{path}' is already opened by another process or engine instance", inner);

/// <summary>The database file cannot be used: its folder, file system or permissions, or it is not a database.</summary>
public sealed class DatabaseFileException : IOException
{
    private DatabaseFileException(string path, string reason, Exception inner)
        : base($"cannot open the Milvus local database '{path}': {reason}", inner) => Reason = reason;

    /// <summary>Why the file cannot be used, without the path.</summary>
    public string Reason { get; }

    internal static DatabaseFileException MissingFolder(string path, string folder, Exception e)
        => new(path, $"the folder '{folder}' does not exist and cannot be created ({e.Message})", e);

    internal static DatabaseFileException FolderNotWritable(string path, Exception e)
        => new(path, "the folder is not writable, so the file cannot be created", e);

    internal static DatabaseFileException ReadOnlyFile(string path, Exception e)
        => new(path, "the file is read-only (the engine needs to write it)", e);

    internal static DatabaseFileException ReadOnlyFileSystem(string path, Exception e)
        => new(path, "the file system is read-only", e);

    internal static DatabaseFileException NotADatabase(string path, Exception e)
        => new(path, "the file is not a database (a Milvus local .db file is an SQLite database)", e);
}
