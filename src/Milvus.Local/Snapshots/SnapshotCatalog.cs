using Milvus.Local.Catalog;
using Milvus.Local.Engine;
using Milvus.Local.Storage;
using Milvus.Local.Time;

namespace Milvus.Local.Snapshots;

/// <summary>
/// Snapshots, pins and restore jobs held in memory and persisted by <see cref="SnapshotStore"/>. Every method runs
/// under the engine lock (<see cref="EngineCore.Gate"/>). Names are unique per collection, as in Milvus 3.0.
/// </summary>
internal sealed class SnapshotCatalog
{
    private readonly EngineCore _core;
    private readonly List<SnapshotMeta> _snapshots;
    private readonly List<SnapshotPin> _pins;
    private readonly List<RestoreJob> _jobs;

    public SnapshotCatalog(EngineCore core, SqliteStore store)
    {
        _core = core;
        Store = new SnapshotStore(store);
        Store.Migrate();
        _snapshots = Store.LoadSnapshots();
        _pins = Store.LoadPins();
        _jobs = Store.LoadJobs();
    }

    public SnapshotStore Store { get; }

    /// <summary>Wall clock in unix milliseconds (protection windows and pin TTLs); tests move it.</summary>
    public Func<long> NowMs { get; set; } = () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public IEnumerable<RestoreJob> Jobs => _jobs;

    // ---- snapshots -------------------------------------------------------------------------------------

    /// <summary>Captures the collection as of now: its definition, the segments it has and the deletes written so far.</summary>
    public SnapshotMeta Create(CollectionMeta c, string name, string description, long protectionSeconds)
    {
        ExpirePins();
        if (Visible().Any(s => s.CollectionId == c.Id && s.Name == name)) throw SnapshotErrors.AlreadyExists(name, c.Name);
        var ts = _core.Oracle.Next();
        var snapshot = new SnapshotMeta
        {
            Id = (long)ts, DbId = c.DbId, CollectionId = c.Id, CollectionName = c.Name, Name = name, Description = description, CreateTs = ts,
            Schema = c.Schema.Clone(), Definition = SnapshotDefinition.Of(c),
            SegmentIds = _core.Segments.ListSegments(c.Id).Select(s => s.Id).ToList(),
            ProtectedUntilMs = protectionSeconds > 0 ? NowMs() + protectionSeconds * 1000 : 0,
        };
        var deletes = _core.Segments.ReadDeletes(c.Id).Where(d => d.Ts <= (long)ts).ToList();
        _core.Write(tx => Store.Save(snapshot, deletes, tx));
        _snapshots.Add(snapshot);
        return snapshot;
    }

    /// <summary>
    /// The snapshot named <paramref name="name"/>: of the collection when one is given, otherwise the only snapshot
    /// with that name in <paramref name="dbId"/> (or in any database when null); null when there is none.
    /// </summary>
    public SnapshotMeta? Find(string name, CollectionMeta? collection, long? dbId)
    {
        ExpirePins();
        if (collection is not null) return Visible().FirstOrDefault(s => s.CollectionId == collection.Id && s.Name == name);
        var matches = Visible().Where(s => s.Name == name && (dbId is null || s.DbId == dbId)).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw SnapshotErrors.Ambiguous(name, matches.Count),
        };
    }

    /// <summary>Names in creation order: of one collection, or of every snapshot taken in the database.</summary>
    public IEnumerable<string> List(long dbId, CollectionMeta? collection)
        => Visible().Where(s => collection is null ? s.DbId == dbId : s.CollectionId == collection.Id).OrderBy(s => s.CreateTs).Select(s => s.Name);

    /// <summary>Drops the snapshot; a pinned one disappears now and frees its data when its last pin goes.</summary>
    public void Drop(SnapshotMeta snapshot)
    {
        var restoring = _jobs.Count(j => j.SnapshotId == snapshot.Id && j.IsActive);
        if (restoring > 0) throw SnapshotErrors.Restoring(snapshot.Name, restoring);
        snapshot.Dropped = true;
        if (ActivePins().Any(p => p.SnapshotId == snapshot.Id)) _core.Write(tx => Store.MarkDropped(snapshot.Id, tx));
        else Remove(snapshot);
    }

    public SnapshotMeta? ById(long id) => _snapshots.FirstOrDefault(s => s.Id == id);

    private IEnumerable<SnapshotMeta> Visible() => _snapshots.Where(s => !s.Dropped);

    private void Remove(SnapshotMeta snapshot)
    {
        _core.Write(tx => Store.Delete(snapshot.Id, tx));
        _snapshots.Remove(snapshot);
    }

    // ---- pins and compaction protection ----------------------------------------------------------------

    public SnapshotPin Pin(SnapshotMeta snapshot, long ttlSeconds)
    {
        var pin = new SnapshotPin((long)_core.Oracle.Next(), snapshot.Id, ttlSeconds > 0 ? NowMs() + ttlSeconds * 1000 : null);
        _core.Write(tx => Store.SavePin(pin, tx));
        _pins.Add(pin);
        return pin;
    }

    public void Unpin(long pinId)
    {
        ExpirePins();
        var pin = _pins.FirstOrDefault(p => p.Id == pinId) ?? throw SnapshotErrors.PinNotFound(pinId);
        _core.Write(tx => Store.DeletePin(pin.Id, tx));
        _pins.Remove(pin);
        ReleaseDropped();
    }

    /// <summary>
    /// Segments compaction must leave as they are: those of snapshots inside their compaction protection window and
    /// those of pinned snapshots.
    /// </summary>
    public IReadOnlySet<long> ProtectedSegments()
    {
        ExpirePins();
        var now = NowMs();
        var pinned = ActivePins().Select(p => p.SnapshotId).ToHashSet();
        return _snapshots.Where(s => s.ProtectedUntilMs > now || pinned.Contains(s.Id)).SelectMany(s => s.SegmentIds).ToHashSet();
    }

    private IEnumerable<SnapshotPin> ActivePins()
    {
        var now = NowMs();
        return _pins.Where(p => p.ExpiresAtMs is null || p.ExpiresAtMs > now);
    }

    /// <summary>Forgets expired pins and frees dropped snapshots no pin holds any more.</summary>
    private void ExpirePins()
    {
        var now = NowMs();
        var expired = _pins.Where(p => p.ExpiresAtMs <= now).ToList();
        if (expired.Count == 0) return;
        _core.Write(tx => { foreach (var pin in expired) Store.DeletePin(pin.Id, tx); });
        _pins.RemoveAll(expired.Contains);
        ReleaseDropped();
    }

    private void ReleaseDropped()
    {
        var held = _pins.Select(p => p.SnapshotId).ToHashSet();
        foreach (var snapshot in _snapshots.Where(s => s.Dropped && !held.Contains(s.Id)).ToList()) Remove(snapshot);
    }

    // ---- restore jobs ----------------------------------------------------------------------------------

    public RestoreJob AddJob(SnapshotMeta snapshot, string targetDb, CollectionMeta target)
    {
        var job = new RestoreJob
        {
            Id = (long)_core.Oracle.Next(), SnapshotId = snapshot.Id, SnapshotName = snapshot.Name, TargetDbName = targetDb,
            TargetCollectionId = target.Id, TargetCollectionName = target.Name, TotalSegments = snapshot.SegmentIds.Count,
            StartMs = (long)TimestampOracle.PhysicalMilliseconds(_core.Oracle.Last),
        };
        SaveJob(job);
        _jobs.Add(job);
        return job;
    }

    public RestoreJob Job(long jobId) => _jobs.FirstOrDefault(j => j.Id == jobId) ?? throw SnapshotErrors.JobNotFound(jobId);

    public void SaveJob(RestoreJob job) => _core.Write(tx => Store.SaveJob(job, tx));
}
