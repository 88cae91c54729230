using System.Text.Json;
using Grpc.Core;
using Milvus.Local.Catalog;
using Milvus.Local.Errors;
using Milvus.Local.Indexes;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local;

// Indexes: accepted and validated as Milvus does; vector indexes are built per sealed segment in the background (Indexes/IndexBuilder).
public sealed partial class LocalMilvusService
{
    public override Task<Status> CreateIndex(CreateIndexRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var field = c.FindField(request.FieldName) ?? c.Schema.FindSubField(request.FieldName)
            ?? throw MilvusError.Unexpected($"cannot create index on non-exist field: {request.FieldName}");
        if (field.IsDynamic) throw MilvusError.InvalidParameter("create index on dynamic field is not supported without json_path");
        var parameters = IndexRules.Validate(field, IndexRules.Normalize(request.ExtraParams));
        if (VectorTypes.IsVector(field.DataType) && parameters.First(p => p.Key == "index_type").Value is var type && !VectorIndexKinds.IsServed(type, field.DataType))
            throw MilvusError.IndexNotSupported(type);
        // Milvus 2.6 (datacoord CreateIndex) names an unnamed index after its field, or reuses the name of the
        // field's existing index, so pymilvus's quick setup gives an index called "vector".
        var existing = c.Indexes.FirstOrDefault(i => i.FieldId == field.FieldID);
        var name = !string.IsNullOrEmpty(request.IndexName) ? request.IndexName : existing?.Name ?? field.Name;
        // Only a given name is checked: a default one is a field name, and a struct sub-field's is "struct[sub]".
        if (!string.IsNullOrEmpty(request.IndexName)) NameRules.IndexName(name);
        if (existing is not null)
        {
            if (existing.Name == name && SameParams(existing.Params, parameters)) return Ok();
            throw MilvusError.Plain("at most one distinct index is allowed per field");
        }
        if (c.Indexes.Any(i => i.Name == name))
            throw MilvusError.IndexDuplicate($"indexName={name}");
        c.Indexes.Add(new IndexMeta { Id = (long)_core.Oracle.Next(), Name = name, FieldId = field.FieldID, Params = parameters, CreatedTs = _core.Oracle.Last });
        _core.Write(tx => _core.SaveCollection(c, tx));
        _core.Indexes.Refresh(c.Id);
        return Ok();
    });

    private static bool SameParams(List<KeyValuePair> a, List<KeyValuePair> b)
        => a.Count == b.Count && a.All(p => b.Any(q => q.Key == p.Key && q.Value == p.Value));

    public override Task<Status> AlterIndex(AlterIndexRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var index = c.Indexes.FirstOrDefault(i => i.Name == request.IndexName) ?? throw MilvusError.IndexNotFound($"indexName={request.IndexName}");
        foreach (var p in request.ExtraParams.Concat(request.DeleteKeys.Select(k => new KeyValuePair { Key = k })))
            if (p.Key != "mmap.enabled") throw MilvusError.InvalidParameter($"{p.Key} is not a configable index property");
        if (c.IsLoaded) throw MilvusError.InvalidParameter("can't alter index on loaded collection, please release the collection first");
        PropertyBag.Apply(index.Params, request.ExtraParams, request.DeleteKeys);
        _core.Write(tx => _core.SaveCollection(c, tx));
        return Ok();
    });

    public override Task<DescribeIndexResponse> DescribeIndex(DescribeIndexRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var reply = new DescribeIndexResponse { Status = Ok() };
        reply.IndexDescriptions.Add(FindIndexes(c, request.FieldName, request.IndexName).Select(i => DescribeOne(c, i)));
        return reply;
    });

    public override Task<GetIndexStatisticsResponse> GetIndexStatistics(GetIndexStatisticsRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var reply = new GetIndexStatisticsResponse { Status = Ok() };
        reply.IndexDescriptions.Add(FindIndexes(c, "", request.IndexName).Select(i => DescribeOne(c, i)));
        return reply;
    });

    [Obsolete("Deprecated by Milvus (DescribeIndex reports state and progress); still served for older SDKs.")]
    public override Task<GetIndexStateResponse> GetIndexState(GetIndexStateRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var progress = FindIndexes(c, request.FieldName, request.IndexName).Select(i => _core.Indexes.Progress(c, i)).ToList();
        var worst = progress.FirstOrDefault(p => p.State == IndexState.Failed) ?? progress.FirstOrDefault(p => p.State == IndexState.InProgress) ?? progress[0];
        return new GetIndexStateResponse { Status = Ok(), State = worst.State, FailReason = worst.FailReason };
    });

    [Obsolete("Deprecated by Milvus (DescribeIndex reports state and progress); still served for older SDKs.")]
    public override Task<GetIndexBuildProgressResponse> GetIndexBuildProgress(GetIndexBuildProgressRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var progress = _core.Indexes.Progress(c, FindIndexes(c, request.FieldName, request.IndexName)[0]);
        return new GetIndexBuildProgressResponse { Status = Ok(), IndexedRows = progress.IndexedRows, TotalRows = progress.TotalRows };
    });

    public override Task<Status> DropIndex(DropIndexRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var targets = c.Indexes.Where(i =>
            (string.IsNullOrEmpty(request.IndexName) || i.Name == request.IndexName) &&
            (string.IsNullOrEmpty(request.FieldName) || c.Schema.StorageFields().Any(f => f.FieldID == i.FieldId && f.Name == request.FieldName))).ToList();
        if (targets.Count == 0) return Ok();
        if (c.IsLoaded && targets.Any(i => c.Schema.StorageFields().Any(f => f.FieldID == i.FieldId && VectorTypes.IsVector(f.DataType))))
            throw MilvusError.Plain("index cannot be dropped, collection is loaded, please release it first");
        if (targets.Count > 1) throw MilvusError.InvalidParameter("there are multiple indexes, please specify the index_name");
        c.Indexes.Remove(targets[0]);
        _core.Write(tx => _core.SaveCollection(c, tx));
        return Ok();
    });

    private static List<IndexMeta> FindIndexes(CollectionMeta c, string fieldName, string indexName)
    {
        var found = c.Indexes.Where(i =>
            (string.IsNullOrEmpty(indexName) || i.Name == indexName) &&
            (string.IsNullOrEmpty(fieldName) || c.Schema.StorageFields().Any(f => f.FieldID == i.FieldId && f.Name == fieldName))).ToList();
        if (found.Count == 0) throw MilvusError.IndexNotFound($"collection={c.Name}");
        return found;
    }

    private IndexDescription DescribeOne(CollectionMeta c, IndexMeta index)
    {
        var progress = _core.Indexes.Progress(c, index);
        var description = new IndexDescription
        {
            IndexName = index.Name, IndexID = index.Id, FieldName = c.Schema.StorageFields().First(f => f.FieldID == index.FieldId).Name,
            IndexedRows = progress.IndexedRows, TotalRows = progress.TotalRows, State = progress.State, PendingIndexRows = progress.PendingRows,
            IndexStateFailReason = progress.FailReason,
        };
        var extra = new Dictionary<string, object>();
        foreach (var p in index.Params)
        {
            if (p.Key is "index_type" or "metric_type" or "mmap.enabled") description.Params.Add(p.Clone());
            else extra[p.Key] = long.TryParse(p.Value, out var n) ? n : double.TryParse(p.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : p.Value;
        }
        if (extra.Count > 0) description.Params.Add(new KeyValuePair { Key = "params", Value = JsonSerializer.Serialize(extra) });
        return description;
    }
}
