using Grpc.Core;
using Milvus.Local.Engine;
using Milvus.Local.Errors;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local;

// Flush, compaction and segment information. Data is durable on every write, so Flush only seals growing
// segments; compaction merges each partition into one segment and drops deleted rows, synchronously.
public sealed partial class LocalMilvusService
{
    private readonly Dictionary<long, int> _compactions = new();

    public override Task<FlushResponse> Flush(FlushRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var dbName = DbName(request.DbName, context);
        var reply = new FlushResponse { Status = Ok(), DbName = dbName };
        foreach (var name in request.CollectionNames)
        {
            var c = _core.Collection(dbName, name);
            foreach (var p in c.Partitions)
            {
                _writer.SealIfDue(c, p.Id, force: true);
                // Small sealed segments are combined in the background, as Milvus's compaction does.
                _core.Sealer.Request(c.Id, p.Id);
            }
            var ids = new LongArray();
            ids.Data.Add(_core.Segments.ListSegments(c.Id).Select(s => s.Id));
            reply.CollSegIDs[name] = ids;
            reply.FlushCollSegIDs[name] = ids.Clone();
            reply.CollSealTimes[name] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            reply.CollFlushTs[name] = _core.Oracle.Next();
        }
        return reply;
    });

    public override Task<GetFlushStateResponse> GetFlushState(GetFlushStateRequest request, ServerCallContext context) => Locked(context, () =>
    {
        if (!string.IsNullOrEmpty(request.CollectionName)) _core.Collection(DbName(request.DbName, context), request.CollectionName);
        return new GetFlushStateResponse { Status = Ok(), Flushed = true };
    });

    public override Task<FlushAllResponse> FlushAll(FlushAllRequest request, ServerCallContext context) => Locked(context, () =>
    {
        foreach (var db in _core.Databases.ToList())
            foreach (var c in _core.CollectionsOf(db.Id).ToList())
                foreach (var p in c.Partitions)
                {
                    _writer.SealIfDue(c, p.Id, force: true);
                    _core.Sealer.Request(c.Id, p.Id);
                }
        return new FlushAllResponse { Status = Ok(), FlushAllTs = _core.Oracle.Next() };
    });

    public override Task<GetFlushAllStateResponse> GetFlushAllState(GetFlushAllStateRequest request, ServerCallContext context)
        => Locked(context, () => new GetFlushAllStateResponse { Status = Ok(), Flushed = true });

    public override Task<ManualCompactionResponse> ManualCompaction(ManualCompactionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var dbName = DbName(request.DbName, context);
        var c = string.IsNullOrEmpty(request.CollectionName) && request.CollectionID != 0
            ? _core.CollectionsOf(_core.Database(dbName).Id).FirstOrDefault(x => x.Id == request.CollectionID)
              ?? throw MilvusError.CollectionNotFound(dbName, request.CollectionID.ToString())
            : _core.Collection(dbName, request.CollectionName);
        // Compaction here rewrites each partition as one segment; sizing the output segments is not offered.
        if (request.TargetSize != 0) throw MilvusError.NotSupported("compaction target_size");
        var merged = _writer.Compact(c);
        var id = (long)_core.Oracle.Next();
        _compactions[id] = merged > 0 ? 1 : 0;
        return new ManualCompactionResponse { Status = Ok(), CompactionID = id, CompactionPlanCount = _compactions[id] };
    });

    public override Task<GetCompactionStateResponse> GetCompactionState(GetCompactionStateRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var plans = _compactions.GetValueOrDefault(request.CompactionID);
        return new GetCompactionStateResponse { Status = Ok(), State = CompactionState.Completed, CompletedPlanNo = plans };
    });

    public override Task<GetCompactionPlansResponse> GetCompactionStateWithPlans(GetCompactionPlansRequest request, ServerCallContext context)
        => Locked(context, () => new GetCompactionPlansResponse { Status = Ok(), State = CompactionState.Completed });

    public override Task<GetPersistentSegmentInfoResponse> GetPersistentSegmentInfo(GetPersistentSegmentInfoRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var reply = new GetPersistentSegmentInfoResponse { Status = Ok() };
        foreach (var g in ReportedSegments.Group(_core.Segments.ListSegments(c.Id), s => s.Id, s => s.PartitionId, s => s.Sealed))
            reply.Infos.Add(new PersistentSegmentInfo
            {
                SegmentID = g[0].Id, CollectionID = c.Id, PartitionID = g[0].PartitionId, NumRows = g.Sum(s => (long)s.RowCount),
                State = g[0].Sealed ? SegmentState.Flushed : SegmentState.Growing, Level = SegmentLevel.L1, StorageVersion = 1,
            });
        return reply;
    });

    public override Task<GetQuerySegmentInfoResponse> GetQuerySegmentInfo(GetQuerySegmentInfoRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var reply = new GetQuerySegmentInfoResponse { Status = Ok() };
        if (_core.LoadedData(c.Id) is not { } data) return reply;
        var index = c.Indexes.FirstOrDefault(i => c.VectorFields.Any(f => f.FieldID == i.FieldId));
        foreach (var g in ReportedSegments.Group(data.Snapshot, v => v.Segment.Id, v => v.Segment.PartitionId, v => v.Segment.IsSealed))
            reply.Infos.Add(new QuerySegmentInfo
            {
                SegmentID = g[0].Segment.Id, CollectionID = c.Id, PartitionID = g[0].Segment.PartitionId, NumRows = g.Sum(v => (long)v.RowCount),
                MemSize = g.Sum(v => v.Segment.Columns.Values.Sum(SizeOf)), IndexName = index?.Name ?? "", IndexID = index?.Id ?? 0, NodeID = 1,
                NodeIds = { 1 }, State = g[0].Segment.IsSealed ? SegmentState.Sealed : SegmentState.Growing, Level = SegmentLevel.L1,
            });
        return reply;
    });

    public override Task<GetReplicasResponse> GetReplicas(GetReplicasRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var db = _core.Database(DbName(request.DbName, context));
        var c = _core.CollectionsOf(db.Id).FirstOrDefault(x => x.Id == request.CollectionID || x.Name == request.CollectionName)
            ?? throw MilvusError.CollectionNotFound(db.Name, string.IsNullOrEmpty(request.CollectionName) ? request.CollectionID.ToString() : request.CollectionName);
        var reply = new GetReplicasResponse { Status = Ok() };
        if (c.IsLoaded)
            reply.Replicas.Add(new ReplicaInfo
            {
                ReplicaID = c.Id, CollectionID = c.Id, PartitionIds = { c.Partitions.Where(p => p.Loaded).Select(p => p.Id) },
                NodeIds = { 1 }, ResourceGroupName = "__default_resource_group",
            });
        return reply;
    });

    private static long SizeOf(Columns.Column column) => column switch
    {
        Columns.DenseVectorColumn v => v.ByteLength,
        Columns.Int64Column or Columns.DoubleColumn => column.Length * 8L,
        Columns.FloatColumn => column.Length * 4L,
        Columns.BoolColumn => column.Length,
        Columns.StringColumn s => s.Values.Sum(x => x.Length * 2L),
        Columns.JsonColumn j => j.Values.Sum(x => (long)x.Length),
        Columns.SparseVectorColumn s => s.Values.Sum(r => r.Indices.Length * 8L),
        _ => column.Length * 16L,
    };
}
