using Grpc.Core;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Local.Engine;
using Milvus.Local.Errors;
using Milvus.Local.Expressions;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;

namespace Milvus.Local;

// Writes: Insert, Upsert (incl. partial_update), Delete. Each is committed to disk before the reply and is
// visible to the next search or query.
public sealed partial class LocalMilvusService
{
    public override Task<MutationResult> Insert(InsertRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        RefuseNamespace(request.HasNamespace);
        var batch = RowBatchBuilder.Build(c, request.FieldsData, request.NumRows, WriteMode.Insert, AllocateIds);
        var ts = (long)_core.Oracle.Next();
        _writer.WriteRows(c, request.PartitionName, batch, ts);
        return Mutation(c, batch.PrimaryKeys, ts, insertCount: batch.RowCount);
    });

    public override Task<MutationResult> Upsert(UpsertRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        RefuseNamespace(request.HasNamespace);
        // A partial update reads the existing rows, so it waits for a background load (a plain upsert does not).
        if (_core.IsLoading(c.Id) && (request.PartialUpdate || ArrayFieldOps.Validate(c, request).Count > 0) && _core.AwaitLoaded(c.Id))
            c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        if (c.PartitionKeyField is not null && !string.IsNullOrEmpty(request.PartitionName))
            throw MilvusError.PartitionNameInPartitionKeyMode();
        if (HasDuplicateKeys(c, request.FieldsData)) throw MilvusError.InvalidParameter("duplicate primary keys are not allowed in the same batch");
        var scope = DataWriter.ReplaceScope(c, request.PartitionName);
        var arrayOps = ArrayFieldOps.Validate(c, request);
        RowBatch batch;
        // Like Milvus, an array operator makes the upsert a partial update even without partial_update.
        if (request.PartialUpdate || arrayOps.Count > 0)
        {
            var data = _core.LoadedData(c.Id) ?? throw MilvusError.CollectionNotLoaded("upsert", c.Id);
            // Like Milvus, the existing row is looked up only where the upsert replaces rows.
            var locator = LiveRowIndex(c, data.Snapshot.Where(v => scope is null || v.Segment.PartitionId == scope));
            batch = RowBatchBuilder.Build(c, request.FieldsData, request.NumRows, WriteMode.PartialUpsert, AllocateIds,
                key => locator.TryGetValue(key, out var hit) ? hit : null, arrayOps);
        }
        else batch = RowBatchBuilder.Build(c, request.FieldsData, request.NumRows, WriteMode.Upsert, AllocateIds);
        var keys = batch.PrimaryKeys.Distinct().ToList();
        var ts = (long)_core.Oracle.Next();
        _writer.WriteRows(c, request.PartitionName, batch, ts, keys);
        return Mutation(c, batch.PrimaryKeys, ts, upsertCount: batch.RowCount);
    });

    public override Task<MutationResult> Delete(DeleteRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        RefuseNamespace(request.HasNamespace);
        if (string.IsNullOrWhiteSpace(request.Expr)) throw MilvusError.InvalidParameter("expr cannot be empty");
        long? partitionId = null;
        if (!string.IsNullOrEmpty(request.PartitionName) && c.PartitionKeyField is not null)
            throw MilvusError.PartitionNameInPartitionKeyMode();
        if (!string.IsNullOrEmpty(request.PartitionName))
            partitionId = (c.FindPartition(request.PartitionName) ?? throw MilvusError.PartitionNotFound(request.PartitionName)).Id;
        var filter = FilterExpression.Parse(request.Expr, c.Schema, request.ExprTemplateValues, TimestamptzValues.CollectionTimezone(c.Properties));
        var keys = new List<object>();
        var seen = new HashSet<object>();
        var pkId = c.PrimaryField.FieldID;
        foreach (var view in _core.DataForWrite(c).Snapshot)
        {
            if (partitionId is not null && view.Segment.PartitionId != partitionId) continue;
            var matches = filter.Evaluate(view);
            var pk = view.Segment.Column(pkId)!;
            for (var row = 0; row < view.RowCount; row++)
                if (matches[row] && !view.Deleted[row] && seen.Add(PrimaryKeys.At(pk, row))) keys.Add(PrimaryKeys.At(pk, row));
        }
        var ts = (long)_core.Oracle.Next();
        _writer.WriteDeletes(c, partitionId, keys, ts);
        return Mutation(c, keys, ts, deleteCount: keys.Count);
    });

    /// <summary>Whether the request's primary key column repeats a key (Milvus's CheckDuplicatePkExist, before any other row check).</summary>
    private static bool HasDuplicateKeys(CollectionMeta c, IEnumerable<FieldData> fields)
    {
        var pk = fields.FirstOrDefault(f => f.FieldName == c.PrimaryField.Name)?.Scalars;
        if (pk is null) return false;
        return pk.DataCase switch
        {
            ScalarField.DataOneofCase.LongData => pk.LongData.Data.Distinct().Count() != pk.LongData.Data.Count,
            ScalarField.DataOneofCase.StringData => pk.StringData.Data.Distinct(StringComparer.Ordinal).Count() != pk.StringData.Data.Count,
            _ => false,
        };
    }

    private long AllocateIds(int count) => (long)_core.Oracle.NextRange(count);

    /// <summary>Where each live row of the collection is, by primary key (the latest write wins).</summary>
    private static Dictionary<object, (Segment Segment, int Row)> LiveRowIndex(CollectionMeta c, IEnumerable<SegmentView> snapshot)
    {
        var index = new Dictionary<object, (Segment, int)>();
        foreach (var view in snapshot)
        {
            var pk = view.Segment.Column(c.PrimaryField.FieldID)!;
            for (var row = 0; row < view.RowCount; row++)
                if (!view.Deleted[row]) index[PrimaryKeys.At(pk, row)] = (view.Segment, row);
        }
        return index;
    }

    private static MutationResult Mutation(CollectionMeta c, IReadOnlyList<object> keys, long ts,
        int insertCount = 0, int upsertCount = 0, int deleteCount = 0)
    {
        var result = new MutationResult
        {
            Status = Ok(), IDs = PrimaryKeys.ToIds(c.PrimaryField.DataType, keys), InsertCnt = insertCount, UpsertCnt = upsertCount,
            DeleteCnt = deleteCount, Timestamp = (ulong)ts, Acknowledged = true,
        };
        if (deleteCount == 0) result.SuccIndex.Add(Enumerable.Range(0, keys.Count).Select(i => (uint)i));
        return result;
    }
}
