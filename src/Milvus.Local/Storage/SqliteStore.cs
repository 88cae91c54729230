using Microsoft.Data.Sqlite;

namespace Milvus.Local.Storage;

/// <summary>
/// The engine's single SQLite file. WAL journal with synchronous=FULL: a transaction is on disk (WAL fsync'd)
/// when Commit returns, so an acknowledged write survives a process kill or power loss. One process owns the
/// file at a time, enforced by an exclusive lock file beside it ("&lt;file&gt;.lock"); a second opener gets
/// <see cref="DatabaseInUseException"/> instead of racing on the data. All access is serialized by the engine.
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
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var lockFile = AcquireLock(full);
        try
        {
            CreateOwnerOnly(full);
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = full,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString());
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF;");
            Execute(connection, SchemaSql);
            return new SqliteStore(full, lockFile, connection);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    public SqliteTransaction Begin() => Connection.BeginTransaction();

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
        try { File.Delete(_lockFile.Name); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static FileStream AcquireLock(string path)
    {
        try
        {
            return new FileStream(path + ".lock", OwnerOnly(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new DatabaseInUseException(path, e);
        }
    }

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

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // Catalog tables, then data: segments hold one blob per column (a serialized schema.FieldData), deletes hold
    // (pk, ts) records that hide rows with the same pk written before ts.
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
        CREATE TABLE IF NOT EXISTS deletes(collection_id INTEGER NOT NULL, partition_id INTEGER NOT NULL, pk ANY, ts INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS deletes_by_collection ON deletes(collection_id);
        """;
}

/// <summary>Another process (or engine instance) has the database file open.</summary>
public sealed class DatabaseInUseException(string path, Exception inner)
    : IOException($"database is in use: the Milvus local database '{path}' is already opened by another process or engine instance", inner);
