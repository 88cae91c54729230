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
    private readonly Dictionary<long, CollectionLoader.Job> _loading = new();
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
        Indexes = new IndexBuilder(this);
        Loader = new CollectionLoader(this);
        // Like Milvus after a restart: collections whose load state is Loaded load in the background (state Loading).
        Segments.CacheFiles.SweepCollections(_collections.Values.Where(c => c.IsLoaded).Select(c => c.Id).ToHashSet());
        foreach (var c in _collections.Values.Where(c => c.IsLoaded)) BeginLoad(c);
        foreach (var c in _collections.Values.Where(c => c.Indexes.Count > 0)) Indexes.Refresh(c.Id);
        Sealer = new SegmentSealer(this);
        // Growing segments a previous process left due (killed before its seal ran) are sealed once the engine starts.
        foreach (var c in _collections.Values)
            foreach (var p in c.Partitions) Sealer.Request(c.Id, p.Id);
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

    /// <summary>Background loading of the collections that were loaded when the database was last closed.</summary>
    public CollectionLoader Loader { get; }

    /// <summary>Background sealing of growing segments (merges off the write path).</summary>
    public SegmentSealer Sealer { get; }

    /// <summary>How big segments grow (Milvus's defaults; tests may use a smaller maxSize, as Milvus's own tests do).</summary>
    public SegmentSizing Sizing { get; set; } = SegmentSizing.Milvus;

    public static EngineCore Open(string path) => new(SqliteStore.Open(path));

    public long NextConnectionId() => Interlocked.Increment(ref _connections);

    // ---- catalog lookups -------------------------------------------------------------------------------

    public IEnumerable<DatabaseMeta> Databases => _databases.Values.OrderBy(d => d.Id);

    // Plain loops (no closure, no boxed enumerator): every search and query looks its database and collection up.
    public DatabaseMeta? FindDatabase(string name)
    {
        foreach (var d in _databases.Values)
            if (d.Name == name) return d;
        return null;
    }

    public DatabaseMeta Database(string name) => FindDatabase(name) ?? throw MilvusError.DatabaseNotFound(name);

    public IEnumerable<CollectionMeta> CollectionsOf(long dbId) => _collections.Values.Where(c => c.DbId == dbId).OrderBy(c => c.Id);

    public CollectionMeta? FindCollection(long collectionId) => _collections.GetValueOrDefault(collectionId);

    public CollectionMeta? FindCollection(long dbId, string name)
    {
        foreach (var c in _collections.Values)
            if (c.DbId == dbId && c.Name == name) return c;
        return null;
    }

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
        Release(c.Id);
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
        foreach (var id in _loaded.Keys.ToList()) Release(id);
        // Loaded as LoadCollection loads (stored indexes attached): a search after the failed write walks the index
        // DescribeIndex reports Finished, not an exact scan until the index worker gets to it.
        foreach (var c in _collections.Values.Where(c => c.IsLoaded)) Load(c);
        foreach (var c in _collections.Values.Where(c => c.Indexes.Count > 0)) Indexes.Refresh(c.Id);
    }

    // ---- data ------------------------------------------------------------------------------------------

    /// <summary>
    /// The in-memory data of a loaded collection, or null when it is not loaded. While a background load runs
    /// (<see cref="IsLoading"/>) it holds only the segments read so far plus every write since: writers update it,
    /// readers must wait for the load to finish.
    /// </summary>
    public CollectionData? LoadedData(long collectionId) => _loaded.GetValueOrDefault(collectionId);

    /// <summary>Whether the collection is still being loaded in the background (its load state is Loading).</summary>
    public bool IsLoading(long collectionId) => _loading.ContainsKey(collectionId);

    /// <summary>
    /// Waits (releasing the engine lock, so writes and the loader go on) until a background load of the collection ends;
    /// true when it had to wait, so the caller looks its collection up again. Call under the engine lock.
    /// </summary>
    public bool AwaitLoaded(long collectionId)
    {
        if (!IsLoading(collectionId)) return false;
        while (IsLoading(collectionId) && !IsDisposed) Monitor.Wait(Gate, TimeSpan.FromSeconds(1));
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return true;
    }

    /// <summary>Percent of a loaded collection's rows in memory: less than 100 while loading in the background.</summary>
    public long LoadProgress(long collectionId) => _loading.TryGetValue(collectionId, out var job) ? job.Progress : 100;

    /// <summary>Loads the collection's segments and deletes into memory before returning (idempotent; finishes a background load).</summary>
    public CollectionData Load(CollectionMeta c)
    {
        if (IsLoading(c.Id)) Release(c.Id);
        if (!_loaded.TryGetValue(c.Id, out var data))
        {
            _loaded[c.Id] = data = ReadData(c, forLoad: true);
            foreach (var view in data.Snapshot) Indexes.AttachStored(c, view.Segment);
            Indexes.Refresh(c.Id);
        }
        return data;
    }

    /// <summary>
    /// Drops the collection's data from memory. When the catalog no longer has it loaded (released, dropped) its
    /// mmap cache files go too; a reload (refresh, schema change, a failed background load) keeps them for reuse.
    /// </summary>
    public void Release(long collectionId)
    {
        _loaded.Remove(collectionId);
        if (FindCollection(collectionId) is not { IsLoaded: true }) Segments.CacheFiles.DeleteCollection(collectionId);
        if (!_loading.Remove(collectionId, out var job)) return;
        job.Cancelled = true;
        Monitor.PulseAll(Gate);
    }

    /// <summary>Starts a background load: the data exists at once (deletes applied, writes go into it), the segments follow.</summary>
    private void BeginLoad(CollectionMeta c)
    {
        var data = new CollectionData(c.Schema);
        data.ApplyStoredDeletes(Segments.ReadDeletes(c.Id));
        var job = new CollectionLoader.Job(c.Id, data, Segments.ListSegments(c.Id));
        SweepCacheFiles(c, job.Segments);
        _loaded[c.Id] = data;
        _loading[c.Id] = job;
        Loader.Enqueue(job);
    }

    /// <summary>Ends a background load (the loader calls it under the lock): segments in id order, as a synchronous load has them.</summary>
    public void FinishLoad(CollectionLoader.Job job)
    {
        if (!_loading.Remove(job.CollectionId)) return;
        job.Data.Snapshot = job.Data.Snapshot.OrderBy(v => v.Segment.Id).ToArray();
        Segments.RecordCacheFiles();
        Indexes.Refresh(job.CollectionId);
        Monitor.PulseAll(Gate);
    }

    /// <summary>
    /// The complete data of the collection for a write that must see every row (delete by expression, compaction): the
    /// loaded data, or a transient copy read from disk when the collection is not loaded or still loading.
    /// </summary>
    public CollectionData DataForWrite(CollectionMeta c) => !IsLoading(c.Id) && LoadedData(c.Id) is { } data ? data : ReadData(c);

    /// <summary>Reads the collection from the file; <paramref name="forLoad"/>: as its loaded data (mmap-enabled vector columns mapped).</summary>
    private CollectionData ReadData(CollectionMeta c, bool forLoad = false)
    {
        var data = new CollectionData(c.Schema);
        var records = Segments.ListSegments(c.Id);
        if (forLoad) SweepCacheFiles(c, records);
        foreach (var record in records) data.AddSegment(Segments.ReadSegment(record, c.Schema, Store.Connection, forLoad ? c : null));
        if (forLoad) Segments.RecordCacheFiles();
        data.ApplyStoredDeletes(Segments.ReadDeletes(c.Id));
        return data;
    }

    /// <summary>Deletes cache files of segments or fields the collection no longer has (a crash, a merge while not loaded).</summary>
    private void SweepCacheFiles(CollectionMeta c, IEnumerable<SegmentStore.SegmentRecord> records)
        => Segments.CacheFiles.Sweep(c.Id, records.Select(r => r.Id).ToHashSet(), c.Schema.StorageFields().Select(f => f.FieldID).ToHashSet());

    public void Dispose()
    {
        Sealer.Stop();
        Loader.Stop();
        Indexes.Stop();
        IsDisposed = true;
        _closing.Cancel();
        Store.Dispose();
    }
}
