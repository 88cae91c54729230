using Microsoft.Data.Sqlite;
using Milvus.Local.Catalog;
using Milvus.Local.Data;
using Milvus.Local.Errors;
using Milvus.Local.Indexes;
using Milvus.Local.Snapshots;
using Milvus.Local.Storage;
using Milvus.Local.Time;

namespace Milvus.Local.Engine;

/// <summary>
/// The engine's state: the catalog held in memory (persisted on every change), the loaded collections' data,
/// the storage and the timestamp oracle. Every mutation runs under <see cref="Gate"/> and commits its SQLite
/// transaction before the RPC replies; readers (search, query) take immutable snapshots and run outside the lock.
/// </summary>
internal sealed class EngineCore : IDisposable
{
    public const string DefaultDatabase = "default";
    public const string DefaultPartition = "_default";
    public const int MaxDatabases = 64;

    private readonly Dictionary<long, DatabaseMeta> _databases = new();
    private readonly Dictionary<long, CollectionMeta> _collections = new();
    private readonly Dictionary<(long DbId, string Name), long> _aliases = new();
    private readonly Dictionary<long, CollectionData> _loaded = new();
    private long _connections;

    private EngineCore(SqliteStore store)
    {
        Store = store;
        CatalogStore = new CatalogStore(store);
        Segments = new SegmentStore(store);
        Oracle = new TimestampOracle(CatalogStore.LoadLastTimestamp());
        Snapshots = new SnapshotCatalog(this, store);
        LoadCatalog();
        if (!_databases.Values.Any(d => d.Name == DefaultDatabase))
            Write(tx => AddDatabase(new DatabaseMeta { Id = 1, Name = DefaultDatabase, CreatedTs = Oracle.Next() }, tx));
        foreach (var c in _collections.Values.Where(c => c.IsLoaded)) _loaded[c.Id] = ReadData(c);
        Indexes = new IndexBuilder(this);
        foreach (var c in _collections.Values.Where(c => c.Indexes.Count > 0)) Indexes.Refresh(c.Id);
    }

    public object Gate { get; } = new();
    public SqliteStore Store { get; }
    public CatalogStore CatalogStore { get; }
    public SegmentStore Segments { get; }
    public TimestampOracle Oracle { get; }
    public SnapshotCatalog Snapshots { get; }

    /// <summary>Cancelled when the engine closes, so background work (restore jobs) stops.</summary>
    public CancellationToken Closing => _closing.Token;

    public bool IsDisposed { get; private set; }

    private readonly CancellationTokenSource _closing = new();

    /// <summary>Background builds of the vector indexes of sealed segments, and the built indexes.</summary>
    public IndexBuilder Indexes { get; }

    public static EngineCore Open(string path) => new(SqliteStore.Open(path));

    public long NextConnectionId() => Interlocked.Increment(ref _connections);

    // ---- catalog lookups -------------------------------------------------------------------------------

    public IEnumerable<DatabaseMeta> Databases => _databases.Values.OrderBy(d => d.Id);

    public DatabaseMeta? FindDatabase(string name) => _databases.Values.FirstOrDefault(d => d.Name == name);

    public DatabaseMeta Database(string name) => FindDatabase(name) ?? throw MilvusError.DatabaseNotFound(name);

    public IEnumerable<CollectionMeta> CollectionsOf(long dbId) => _collections.Values.Where(c => c.DbId == dbId).OrderBy(c => c.Id);

    public CollectionMeta? FindCollection(long dbId, string name)
        => _collections.Values.FirstOrDefault(c => c.DbId == dbId && c.Name == name);

    /// <summary>A collection by name or alias in the database; code 100 when neither exists.</summary>
    public CollectionMeta Collection(string dbName, string name)
    {
        var db = Database(dbName);
        return FindCollection(db.Id, name)
            ?? (_aliases.TryGetValue((db.Id, name), out var id) ? _collections[id] : null)
            ?? throw MilvusError.CollectionNotFound(dbName, name);
    }

    public string? AliasTarget(long dbId, string alias) => _aliases.TryGetValue((dbId, alias), out var id) ? _collections[id].Name : null;

    public IEnumerable<string> AliasesOf(long collectionId) => _aliases.Where(a => a.Value == collectionId).Select(a => a.Key.Name).Order(StringComparer.Ordinal);

    public IEnumerable<(string Alias, CollectionMeta Collection)> AliasesIn(long dbId)
        => _aliases.Where(a => a.Key.DbId == dbId).OrderBy(a => a.Key.Name, StringComparer.Ordinal).Select(a => (a.Key.Name, _collections[a.Value]));

    public string DatabaseName(long dbId) => _databases[dbId].Name;

    // ---- catalog changes (call inside Write) -----------------------------------------------------------

    public void AddDatabase(DatabaseMeta db, SqliteTransaction tx)
    {
        CatalogStore.SaveDatabase(db, tx);
        _databases[db.Id] = db;
    }

    public void RemoveDatabase(DatabaseMeta db, SqliteTransaction tx)
    {
        CatalogStore.DeleteDatabase(db.Id, tx);
        _databases.Remove(db.Id);
    }

    public void SaveCollection(CollectionMeta c, SqliteTransaction tx)
    {
        CatalogStore.SaveCollection(c, tx);
        _collections[c.Id] = c;
    }

    public void RemoveCollection(CollectionMeta c, SqliteTransaction tx)
    {
        CatalogStore.DeleteCollection(c.Id, tx);
        Segments.DeleteCollectionData(c.Id, tx);
        _collections.Remove(c.Id);
        _loaded.Remove(c.Id);
        foreach (var key in _aliases.Where(a => a.Value == c.Id).Select(a => a.Key).ToList()) _aliases.Remove(key);
    }

    public void SetAlias(long dbId, string alias, long collectionId, SqliteTransaction tx)
    {
        CatalogStore.SaveAlias(dbId, alias, collectionId, tx);
        _aliases[(dbId, alias)] = collectionId;
    }

    public void RemoveAlias(long dbId, string alias, SqliteTransaction tx)
    {
        CatalogStore.DeleteAlias(dbId, alias, tx);
        _aliases.Remove((dbId, alias));
    }

    /// <summary>
    /// Runs <paramref name="change"/> in one SQLite transaction and commits (durable) before returning. When storage
    /// fails (disk full, I/O error) the transaction rolls back and the in-memory catalog and data, which the change
    /// may already have updated, are read back from the file: an error leaves no trace, on disk or in memory.
    /// </summary>
    public void Write(Action<SqliteTransaction> change)
    {
        try
        {
            using var tx = Store.Begin();
            change(tx);
            CatalogStore.SaveLastTimestamp(Oracle.Last, tx);
            tx.Commit();
        }
        catch (SqliteException)
        {
            ReloadFromStore();
            throw;
        }
    }

    /// <summary>How many pieces of post-commit work (merges) failed and were left for later; the last failure.</summary>
    public int DeferredFailures => _deferredFailures;

    public string? LastDeferredFailure { get; private set; }

    private int _deferredFailures;

    /// <summary>Notes work after a commit that failed harmlessly (it rolled back and is retried by a later write).</summary>
    public void RecordDeferredFailure(string work, Exception e)
    {
        Interlocked.Increment(ref _deferredFailures);
        LastDeferredFailure = $"{work}: {e.Message}";
        System.Diagnostics.Trace.TraceWarning("Milvus local engine: {0} failed and is deferred: {1}", work, e.Message);
    }

    private void LoadCatalog()
    {
        foreach (var db in CatalogStore.LoadDatabases()) _databases[db.Id] = db;
        foreach (var c in CatalogStore.LoadCollections()) _collections[c.Id] = c;
        foreach (var (dbId, name, collectionId) in CatalogStore.LoadAliases()) _aliases[(dbId, name)] = collectionId;
    }

    /// <summary>Replaces the in-memory catalog and the loaded data with what the file holds.</summary>
    private void ReloadFromStore()
    {
        _databases.Clear();
        _collections.Clear();
        _aliases.Clear();
        LoadCatalog();
        _loaded.Clear();
        foreach (var c in _collections.Values.Where(c => c.IsLoaded)) _loaded[c.Id] = ReadData(c);
        foreach (var c in _collections.Values.Where(c => c.Indexes.Count > 0)) Indexes.Refresh(c.Id);
    }

    // ---- data ------------------------------------------------------------------------------------------

    /// <summary>The in-memory data of a loaded collection, or null when it is not loaded.</summary>
    public CollectionData? LoadedData(long collectionId) => _loaded.GetValueOrDefault(collectionId);

    /// <summary>Loads the collection's segments and deletes into memory (idempotent).</summary>
    public CollectionData Load(CollectionMeta c)
    {
        if (!_loaded.TryGetValue(c.Id, out var data))
        {
            _loaded[c.Id] = data = ReadData(c);
            Indexes.Refresh(c.Id);
        }
        return data;
    }

    public void Release(long collectionId) => _loaded.Remove(collectionId);

    /// <summary>The loaded data, or a transient copy read from disk for operations that need rows of an unloaded collection.</summary>
    public CollectionData DataForWrite(CollectionMeta c) => LoadedData(c.Id) ?? ReadData(c);

    private CollectionData ReadData(CollectionMeta c)
    {
        var data = new CollectionData(c.Schema);
        foreach (var segment in Segments.ReadSegments(c.Id, c.Schema)) data.AddSegment(segment);
        data.ApplyStoredDeletes(Segments.ReadDeletes(c.Id));
        return data;
    }

    public void Dispose()
    {
        Indexes.Stop();
        IsDisposed = true;
        _closing.Cancel();
        Store.Dispose();
    }
}
