using Grpc.Core;
using Milvus.Local.Catalog;
using Milvus.Local.Errors;
using Milvus.Local.Snapshots;
using Milvus.Local.Time;
using Milvus.Protocol.Api;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local;

// Snapshots (Milvus 3.0): create, list, describe, drop, restore into a new collection (a background job), pin and
// unpin. A collection name may be an alias; without one, a snapshot is found by its name alone when that is unique.
// Snapshots outlive their source collection (restorable, listed with no collection filter). Export and external
// restore need object storage, which the local engine does not have.
public sealed partial class LocalMilvusService
{
    internal SnapshotRestorer Restorer { get; }

    public override Task<Status> CreateSnapshot(CreateSnapshotRequest request, ServerCallContext context) => Locked(context, () =>
    {
        SnapshotErrors.ValidateName(request.Name);
        if (request.CompactionProtectionSeconds < 0) throw SnapshotErrors.Negative("compaction_protection_seconds");
        var c = SourceCollection(DbName(request.DbName, context), request.CollectionName);
        _core.Snapshots.Create(c, request.Name, request.Description, request.CompactionProtectionSeconds);
        return Ok();
    });

    public override Task<Status> DropSnapshot(DropSnapshotRequest request, ServerCallContext context) => Locked(context, () =>
    {
        SnapshotErrors.ValidateName(request.Name);
        if (FindSnapshot(request.Name, request.DbName, request.CollectionName, context) is { } snapshot) _core.Snapshots.Drop(snapshot);
        return Ok();
    });

    public override Task<ListSnapshotsResponse> ListSnapshots(ListSnapshotsRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var dbName = DbName(request.DbName, context);
        var db = _core.Database(dbName);
        var c = string.IsNullOrEmpty(request.CollectionName) ? null : _core.Collection(dbName, request.CollectionName);
        return new ListSnapshotsResponse { Status = Ok(), Snapshots = { _core.Snapshots.List(db.Id, c) } };
    });

    public override Task<DescribeSnapshotResponse> DescribeSnapshot(DescribeSnapshotRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var s = RequireSnapshot(request.Name, request.DbName, request.CollectionName, context);
        return new DescribeSnapshotResponse
        {
            Status = Ok(), Name = s.Name, Description = s.Description, CollectionName = s.CollectionName,
            PartitionNames = { s.Definition.Partitions.Select(p => p.Name) }, CreateTs = (long)TimestampOracle.PhysicalMilliseconds(s.CreateTs),
        };
    });

    public override Task<RestoreSnapshotResponse> RestoreSnapshot(RestoreSnapshotRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var snapshot = RequireSnapshot(request.Name, request.DbName, request.CollectionName, context);
        var targetDb = _core.Database(DbName(request.TargetDbName, context));
        NameRules.CollectionName(request.TargetCollectionName);
        if (_core.FindCollection(targetDb.Id, request.TargetCollectionName) is not null || _core.AliasTarget(targetDb.Id, request.TargetCollectionName) is not null)
            throw SnapshotErrors.DuplicateTarget(targetDb.Name, request.TargetCollectionName);
        var target = RestoredCollection(snapshot, targetDb.Id, request.TargetCollectionName);
        _core.Write(tx => _core.SaveCollection(target, tx));
        var job = _core.Snapshots.AddJob(snapshot, targetDb.Name, target);
        Restorer.Enqueue(job);
        return new RestoreSnapshotResponse { Status = Ok(), JobId = job.Id };
    });

    public override Task<GetRestoreSnapshotStateResponse> GetRestoreSnapshotState(GetRestoreSnapshotStateRequest request, ServerCallContext context)
        => Locked(context, () => new GetRestoreSnapshotStateResponse { Status = Ok(), Info = _core.Snapshots.Job(request.JobId).ToInfo() });

    public override Task<ListRestoreSnapshotJobsResponse> ListRestoreSnapshotJobs(ListRestoreSnapshotJobsRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var dbName = DbName(request.DbName, context);
        var target = string.IsNullOrEmpty(request.CollectionName) ? null : _core.Collection(dbName, request.CollectionName);
        var jobs = _core.Snapshots.Jobs.Where(j => target is null ? j.TargetDbName == dbName : j.TargetCollectionId == target.Id);
        return new ListRestoreSnapshotJobsResponse { Status = Ok(), Jobs = { jobs.Select(j => j.ToInfo()) } };
    });

    public override Task<PinSnapshotDataResponse> PinSnapshotData(PinSnapshotDataRequest request, ServerCallContext context) => Locked(context, () =>
    {
        if (request.TtlSeconds < 0) throw SnapshotErrors.Negative("ttl_seconds");
        var snapshot = RequireSnapshot(request.Name, request.DbName, request.CollectionName, context);
        return new PinSnapshotDataResponse { Status = Ok(), PinId = _core.Snapshots.Pin(snapshot, request.TtlSeconds).Id };
    });

    public override Task<Status> UnpinSnapshotData(UnpinSnapshotDataRequest request, ServerCallContext context) => Locked(context, () =>
    {
        if (request.PinId <= 0) throw MilvusError.InvalidParameter("pin_id must be a positive integer");
        _core.Snapshots.Unpin(request.PinId);
        return Ok();
    });

    public override Task<RestoreExternalSnapshotResponse> RestoreExternalSnapshot(RestoreExternalSnapshotRequest request, ServerCallContext context)
        => NotSupported<RestoreExternalSnapshotResponse>(context, "RestoreExternalSnapshot");

    public override Task<ExportSnapshotResponse> ExportSnapshot(ExportSnapshotRequest request, ServerCallContext context)
        => NotSupported<ExportSnapshotResponse>(context, "ExportSnapshot");

    private CollectionMeta SourceCollection(string dbName, string collectionName)
    {
        if (string.IsNullOrEmpty(collectionName)) NameRules.CollectionName(collectionName);
        return _core.Collection(dbName, collectionName);
    }

    /// <summary>The snapshot a request names: in its collection (name or alias) when given, else by its name alone.</summary>
    private SnapshotMeta? FindSnapshot(string name, string requestDb, string collectionName, ServerCallContext context)
    {
        if (!string.IsNullOrEmpty(collectionName)) return _core.Snapshots.Find(name, _core.Collection(DbName(requestDb, context), collectionName), null);
        var dbId = string.IsNullOrEmpty(requestDb) ? (long?)null : _core.Database(requestDb).Id;
        return _core.Snapshots.Find(name, null, dbId);
    }

    private SnapshotMeta RequireSnapshot(string name, string requestDb, string collectionName, ServerCallContext context)
    {
        SnapshotErrors.ValidateName(name);
        return FindSnapshot(name, requestDb, collectionName, context) ?? throw SnapshotErrors.NotFound(name);
    }

    /// <summary>The empty collection a restore fills: the snapshot's schema (same field ids), settings, partitions and index definitions.</summary>
    private CollectionMeta RestoredCollection(SnapshotMeta snapshot, long dbId, string name)
    {
        var ts = _core.Oracle.Next();
        var schema = snapshot.Schema.Clone();
        schema.Name = name;
        var definition = snapshot.Definition;
        var c = new CollectionMeta
        {
            Id = (long)ts, DbId = dbId, Name = name, Schema = schema, ShardsNum = definition.ShardsNum,
            ConsistencyLevel = (Protocol.Common.ConsistencyLevel)definition.ConsistencyLevel, Properties = definition.PropertyPairs(),
            CreatedTs = ts, UpdatedTs = ts, NumPartitions = definition.NumPartitions,
        };
        foreach (var p in definition.Partitions)
            c.Partitions.Add(new PartitionMeta { Id = (long)_core.Oracle.Next(), Name = p.Name, CreatedTs = ts });
        foreach (var i in definition.Indexes)
            c.Indexes.Add(new IndexMeta { Id = (long)_core.Oracle.Next(), Name = i.Name, FieldId = i.FieldId, Params = i.ParamPairs(), CreatedTs = ts });
        return c;
    }
}
