using Google.Protobuf;
using Grpc.Core;
using Milvus.Local.Catalog;
using Milvus.Local.Data;
using Milvus.Local.Engine;
using Milvus.Local.Errors;
using Milvus.Local.Security;
using Milvus.Local.Time;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local;

// Collections: create, describe, has, show, drop, rename, alter, fields, statistics, truncate.
public sealed partial class LocalMilvusService
{
    public const int MaxCollectionsPerDatabase = 65536;

    public override Task<Status> CreateCollection(CreateCollectionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var dbName = DbName(request.DbName, context);
        var db = _core.Database(dbName);
        CollectionSchema input;
        try { input = CollectionSchema.Parser.ParseFrom(request.Schema); }
        catch (InvalidProtocolBufferException) { throw MilvusError.InvalidParameter("failed to unmarshal collection schema"); }
        // Milvus's rootcoord (createCollectionTask.Prepare) writes a timezone onto every new collection that does
        // not set its own: the database's, else the default UTC; DescribeCollection then lists it.
        List<KeyValuePair> properties = [.. request.Properties];
        if (PropertyBag.Get(properties, Time.Timestamptz.TimezoneKey) is null)
            properties.Add(new KeyValuePair
            {
                Key = Time.Timestamptz.TimezoneKey,
                Value = PropertyBag.Get(db.Properties, Time.Timestamptz.TimezoneKey) ?? Time.Timestamptz.DefaultTimezone,
            });
        var schema = SchemaValidator.Validate(request.CollectionName, input, request.ShardsNum, request.NumPartitions, properties);
        if (_core.AliasTarget(db.Id, request.CollectionName) is not null)
            throw MilvusError.AliasCollectionConflict($"collection name [{request.CollectionName}] conflicts with an existing alias, please choose a unique name");
        if (_core.FindCollection(db.Id, request.CollectionName) is { } existing)
        {
            if (existing.Schema.Equals(schema)) return Ok();
            throw MilvusError.InvalidParameter($"create duplicate collection with different parameters, collection: {request.CollectionName}");
        }
        var limit = PropertyBag.Get(db.Properties, "database.max.collections") is { } text && int.TryParse(text, out var l) ? l : MaxCollectionsPerDatabase;
        if (_core.CollectionsOf(db.Id).Count() >= limit) throw MilvusError.CollectionLimit(dbName, limit);

        var ts = _core.Oracle.Next();
        var numPartitions = schema.Fields.Any(f => f.IsPartitionKey)
            ? request.NumPartitions > 0 ? request.NumPartitions : SchemaValidator.DefaultPartitionKeyPartitions
            : 0;
        var collection = new CollectionMeta
        {
            Id = (long)ts, DbId = db.Id, Name = request.CollectionName, Schema = schema,
            ShardsNum = request.ShardsNum <= 0 ? 1 : request.ShardsNum, ConsistencyLevel = request.ConsistencyLevel,
            Properties = properties, CreatedTs = ts, UpdatedTs = ts, NumPartitions = numPartitions,
        };
        var names = numPartitions > 0
            ? Enumerable.Range(0, (int)numPartitions).Select(i => $"{EngineCore.DefaultPartition}_{i}")
            : [EngineCore.DefaultPartition];
        foreach (var name in names)
            collection.Partitions.Add(new PartitionMeta { Id = (long)_core.Oracle.Next(), Name = name, CreatedTs = ts });
        _core.Write(tx => _core.SaveCollection(collection, tx));
        return Ok();
    });

    public override Task<Status> DropCollection(DropCollectionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var dbName = DbName(request.DbName, context);
        var db = _core.Database(dbName);
        var collection = _core.FindCollection(db.Id, request.CollectionName);
        if (collection is null)
        {
            if (_core.AliasTarget(db.Id, request.CollectionName) is not null)
                throw MilvusError.InvalidParameter($"cannot drop the collection via alias = {request.CollectionName}");
            return Ok();
        }
        var aliases = _core.AliasesOf(collection.Id).ToList();
        if (aliases.Count > 0)
            throw MilvusError.Plain($"unable to drop the collection [{collection.Name}] because it has associated aliases [{string.Join(" ", aliases)}], please remove all aliases before dropping the collection");
        _core.Write(tx => _core.RemoveCollection(collection, tx));
        return Ok();
    });

    public override Task<BoolResponse> HasCollection(HasCollectionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var db = _core.Database(DbName(request.DbName, context));
        return new BoolResponse { Status = Ok(), Value = _core.FindCollection(db.Id, request.CollectionName) is not null };
    });

    public override Task<DescribeCollectionResponse> DescribeCollection(DescribeCollectionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var dbName = DbName(request.DbName, context);
        var c = string.IsNullOrEmpty(request.CollectionName) && request.CollectionID != 0
            ? _core.CollectionsOf(_core.Database(dbName).Id).FirstOrDefault(x => x.Id == request.CollectionID)
              ?? throw MilvusError.CollectionNotFound(dbName, request.CollectionID.ToString())
            : _core.Collection(dbName, request.CollectionName);
        return Describe(c);
    });

    public override Task<BatchDescribeCollectionResponse> BatchDescribeCollection(BatchDescribeCollectionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        if (request.CollectionName.Count == 0) throw MilvusError.MissingParameter("collection names cannot be empty: missing parameter");
        var dbName = DbName(request.DbName, context);
        var reply = new BatchDescribeCollectionResponse { Status = Ok() };
        foreach (var name in request.CollectionName)
        {
            try { reply.Responses.Add(Describe(_core.Collection(dbName, name))); }
            catch (MilvusError e) { reply.Responses.Add(new DescribeCollectionResponse { Status = e.ToStatus(), CollectionName = name }); }
        }
        return reply;
    });

    private DescribeCollectionResponse Describe(CollectionMeta c)
    {
        var reply = new DescribeCollectionResponse
        {
            Status = Ok(), Schema = StructArrays.WithPlainSubFieldNames(c.Schema), CollectionID = c.Id, CollectionName = c.Name, DbName = _core.DatabaseName(c.DbId), DbId = c.DbId,
            CreatedTimestamp = c.CreatedTs, CreatedUtcTimestamp = TimestampOracle.PhysicalMilliseconds(c.CreatedTs), ShardsNum = c.ShardsNum,
            ConsistencyLevel = c.ConsistencyLevel, NumPartitions = c.NumPartitions, Properties = { c.Properties },
            UpdateTimestamp = c.UpdatedTs, UpdateTimestampStr = c.UpdatedTs.ToString(), RequestTime = _core.Oracle.Last,
        };
        reply.Schema.DbName = reply.DbName;
        TimestamptzValues.DefaultsToText(reply.Schema, TimestamptzValues.CollectionTimezone(c.Properties));
        // Like Milvus's describeCollectionTask, the hidden dynamic field ($meta) is not listed: enable_dynamic_field says it.
        foreach (var dynamic in reply.Schema.Fields.Where(f => f.IsDynamic).ToList()) reply.Schema.Fields.Remove(dynamic);
        reply.Aliases.Add(_core.AliasesOf(c.Id));
        for (var shard = 0; shard < c.ShardsNum; shard++)
        {
            reply.VirtualChannelNames.Add($"by-dev-rootcoord-dml_{shard}_{c.Id}v{shard}");
            reply.PhysicalChannelNames.Add($"by-dev-rootcoord-dml_{shard}");
        }
        return reply;
    }

    public override Task<ShowCollectionsResponse> ShowCollections(ShowCollectionsRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var db = _core.Database(DbName(request.DbName, context));
        var reply = new ShowCollectionsResponse { Status = Ok() };
        var collections = _core.CollectionsOf(db.Id);
        if (request.CollectionNames.Count > 0)
        {
            collections = request.CollectionNames.Select(n => _core.FindCollection(db.Id, n) ?? throw MilvusError.CollectionNotFound(db.Name, n)).ToList();
            if (request.Type == ShowType.InMemory && collections.FirstOrDefault(c => !c.IsLoaded) is { } notLoaded)
                throw MilvusError.CollectionNotLoaded("show collections", notLoaded.Id);
        }
        else if (request.Type == ShowType.InMemory) collections = collections.Where(c => c.IsLoaded);
        var visible = Visible(context, (rbac, user) => rbac.VisibleCollections(user, db.Name));
        foreach (var c in collections.Where(c => RbacCatalog.IsVisible(visible, c.Name)))
        {
            reply.CollectionNames.Add(c.Name);
            reply.CollectionIds.Add(c.Id);
            reply.CreatedTimestamps.Add(c.CreatedTs);
            reply.CreatedUtcTimestamps.Add(TimestampOracle.PhysicalMilliseconds(c.CreatedTs));
            reply.InMemoryPercentages.Add(c.IsLoaded ? _core.LoadProgress(c.Id) : 0);
            reply.QueryServiceAvailable.Add(c.IsLoaded && !_core.IsLoading(c.Id));
            reply.ShardsNum.Add(c.ShardsNum);
        }
        return reply;
    });

    public override Task<Status> RenameCollection(RenameCollectionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var dbName = DbName(request.DbName, context);
        var db = _core.Database(dbName);
        var targetDb = string.IsNullOrEmpty(request.NewDBName) ? db : _core.Database(request.NewDBName);
        NameRules.CollectionName(request.NewName);
        var c = _core.FindCollection(db.Id, request.OldName) ?? throw MilvusError.CollectionNotFound(dbName, request.OldName);
        if (_core.FindCollection(targetDb.Id, request.NewName) is not null)
            throw MilvusError.InvalidParameter($"duplicated new collection name {request.NewName} in database {targetDb.Name} with other collection name or alias");
        if (_core.AliasTarget(targetDb.Id, request.NewName) is not null)
            throw MilvusError.InvalidParameter($"duplicated new collection name {request.NewName} in database {targetDb.Name} with other collection name or alias");
        if (targetDb.Id != db.Id && _core.AliasesOf(c.Id).Any())
            throw MilvusError.InvalidParameter($"fail to rename collection to different database, must drop all aliases of collection {c.Name} before rename");
        c.Name = request.NewName;
        c.Schema.Name = request.NewName;
        c.DbId = targetDb.Id;
        c.UpdatedTs = _core.Oracle.Next();
        _core.Write(tx => _core.SaveCollection(c, tx));
        return Ok();
    });

    public override Task<Status> AlterCollection(AlterCollectionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        if (request.Properties.Count > 0 && request.DeleteKeys.Count > 0)
            throw MilvusError.InvalidParameter("cannot provide both DeleteKeys and ExtraParams");
        SchemaValidator.ValidateProperties(request.Properties);
        if (c.IsLoaded && (request.Properties.Any(p => p.Key == "mmap.enabled") || request.DeleteKeys.Contains("mmap.enabled")))
            throw MilvusError.InvalidParameter("can not alter mmap properties if collection loaded");
        if (request.Properties.FirstOrDefault(p => p.Key == "dynamicfield.enabled") is { } dynamic)
            EnableDynamicField(c, dynamic.Value);
        TimeToLive.CheckOnAlter(c.Schema, c.Properties, request.Properties);
        PropertyBag.Apply(c.Properties, request.Properties.Where(p => p.Key != "dynamicfield.enabled"), request.DeleteKeys);
        c.UpdatedTs = _core.Oracle.Next();
        _core.Write(tx => _core.SaveCollection(c, tx));
        return Ok();
    });

    private void EnableDynamicField(CollectionMeta c, string value)
    {
        if (!bool.TryParse(value, out var enable)) throw MilvusError.InvalidParameter($"invalid value for dynamicfield.enabled: {value}");
        if (!enable && c.Schema.EnableDynamicField) throw MilvusError.InvalidParameter("dynamic schema cannot be disabled once enabled");
        if (!enable || c.Schema.EnableDynamicField) return;
        c.Schema.EnableDynamicField = true;
        c.Schema.Fields.Add(new FieldSchema
        {
            FieldID = StructArrays.MaxFieldId(c.Schema) + 1, Name = SchemaValidator.DynamicFieldName, DataType = DataType.Json,
            IsDynamic = true, Description = "dynamic schema", State = FieldState.FieldCreated,
        });
        _core.LoadedData(c.Id)?.UpdateSchema(c.Schema);
    }

    public override Task<Status> AlterCollectionField(AlterCollectionFieldRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var field = c.FindField(request.FieldName) ?? throw MilvusError.FieldNotFound(request.FieldName);
        foreach (var p in request.Properties)
        {
            switch (p.Key)
            {
                case "max_length" when field.DataType == DataType.VarChar || field.ElementType == DataType.VarChar:
                    if (!long.TryParse(p.Value, out var length) || length <= 0 || length > SchemaValidator.MaxVarCharLength)
                        throw MilvusError.InvalidParameter($"the maximum length specified for the field({field.Name}) should be in (0, {SchemaValidator.MaxVarCharLength}], but got {p.Value} instead");
                    SetTypeParam(field, p.Key, p.Value);
                    break;
                case "max_capacity" when field.DataType == DataType.Array:
                    if (!long.TryParse(p.Value, out var cap) || cap <= 0 || cap > SchemaValidator.MaxArrayCapacity)
                        throw MilvusError.InvalidParameter($"the maximum capacity specified for a Array should be in (0, {SchemaValidator.MaxArrayCapacity}]");
                    SetTypeParam(field, p.Key, p.Value);
                    break;
                case "mmap.enabled":
                    if (c.IsLoaded) throw MilvusError.InvalidParameter("can not alter mmap properties if collection loaded");
                    SetTypeParam(field, p.Key, p.Value);
                    break;
                default:
                    throw MilvusError.InvalidParameter($"{p.Key} is not a valid property key of field {field.Name}");
            }
        }
        foreach (var key in request.DeleteKeys) RemoveTypeParam(field, key);
        c.UpdatedTs = _core.Oracle.Next();
        _core.Write(tx => _core.SaveCollection(c, tx));
        return Ok();
    });

    private static void SetTypeParam(FieldSchema field, string key, string value)
    {
        RemoveTypeParam(field, key);
        field.TypeParams.Add(new KeyValuePair { Key = key, Value = value });
    }

    // A key the field does not have yet is simply absent (RepeatedField.Remove refuses null).
    private static void RemoveTypeParam(FieldSchema field, string key)
    {
        for (var i = field.TypeParams.Count - 1; i >= 0; i--)
            if (field.TypeParams[i].Key == key) field.TypeParams.RemoveAt(i);
    }

    public override Task<Status> AddCollectionField(AddCollectionFieldRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        FieldSchema field;
        try { field = FieldSchema.Parser.ParseFrom(request.Schema); }
        catch (InvalidProtocolBufferException) { throw MilvusError.InvalidParameter("failed to unmarshal field schema"); }
        AddField(c, field);
        return Ok();
    });

    public override Task<GetCollectionStatisticsResponse> GetCollectionStatistics(GetCollectionStatisticsRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        return new GetCollectionStatisticsResponse
        {
            Status = Ok(), Stats = { new KeyValuePair { Key = "row_count", Value = RowCount(c, null).ToString() } },
        };
    });

    /// <summary>
    /// Rows stored in the segments, as Milvus reports row_count (from segment sizes: deleted rows still count
    /// until a compaction rewrites their segment).
    /// </summary>
    private long RowCount(CollectionMeta c, long? partitionId) => _core.Segments.CountRows(c.Id, partitionId);

    public override Task<TruncateCollectionResponse> TruncateCollection(TruncateCollectionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        _core.Write(tx => _core.Segments.DeleteCollectionData(c.Id, tx));
        if (_core.LoadedData(c.Id) is not null)
        {
            _core.Release(c.Id);
            _core.Load(c);
        }
        return new TruncateCollectionResponse { Status = Ok() };
    });
}
