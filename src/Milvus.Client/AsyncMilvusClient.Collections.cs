using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using Milvus.Client.Internal.Conversion;
using Milvus.Protocol.Api;
using ProtoCommon = Milvus.Protocol.Common;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>
    /// pymilvus <c>create_collection</c>. Quick setup when <paramref name="schema"/> is null (needs <paramref name="dimension"/>):
    /// primary "id" (INT64, or VARCHAR when <paramref name="idType"/> is "string"), FLOAT_VECTOR "vector", dynamic field on,
    /// an AUTOINDEX with <paramref name="metricType"/>, then load. With a schema: creates it, and indexes and loads only if
    /// <paramref name="indexParams"/> is given.
    /// </summary>
    public Task CreateCollectionAsync(string collectionName, int? dimension = null, string primaryFieldName = "id", string idType = "int",
        string vectorFieldName = "vector", string metricType = "COSINE", bool autoId = false, CollectionSchema? schema = null,
        IndexParams? indexParams = null, CreateCollectionOptions? options = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CreateCollectionCoreAsync(collectionName, dimension, primaryFieldName, idType, vectorFieldName, metricType, autoId, schema,
            indexParams, options ?? new CreateCollectionOptions(), timeout, cancellationToken);

    /// <summary>pymilvus <c>describe_collection</c>.</summary>
    public Task<CollectionDescription> DescribeCollectionAsync(string collectionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => DescribeCollectionCoreAsync(collectionName, timeout, cancellationToken);

    /// <summary>pymilvus <c>has_collection</c>.</summary>
    public Task<bool> HasCollectionAsync(string collectionName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => HasCollectionCoreAsync(collectionName, timeout, cancellationToken);

    /// <summary>pymilvus <c>list_collections</c>.</summary>
    public Task<IReadOnlyList<string>> ListCollectionsAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("ShowCollections", new ShowCollectionsRequest(), (c, r, o) => c.ShowCollectionsAsync(r, o), timeout, cancellationToken),
            r => (IReadOnlyList<string>)r.CollectionNames.ToList());

    /// <summary>pymilvus <c>drop_collection</c>.</summary>
    public Task DropCollectionAsync(string collectionName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => DropCollectionCoreAsync(collectionName, timeout, cancellationToken);

    /// <summary>pymilvus <c>truncate_collection</c>.</summary>
    public Task TruncateCollectionAsync(string collectionName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => CallAsync("TruncateCollection", new TruncateCollectionRequest { CollectionName = collectionName },
            (c, r, o) => c.TruncateCollectionAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>rename_collection(old_name, new_name, target_db="")</c>.</summary>
    public Task RenameCollectionAsync(string oldName, string newName, string targetDb = "", TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => RenameCollectionCoreAsync(oldName, newName, targetDb, timeout, cancellationToken);

    /// <summary>pymilvus <c>get_collection_stats</c>.</summary>
    public Task<CollectionStatistics> GetCollectionStatsAsync(string collectionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => MapAsync(CallAsync("GetCollectionStatistics", new GetCollectionStatisticsRequest { CollectionName = collectionName },
            (c, r, o) => c.GetCollectionStatisticsAsync(r, o), timeout, cancellationToken), r => ToStatistics(r.Stats));

    /// <summary>pymilvus <c>load_collection</c>: waits until loading reaches 100 % (unless <see cref="LoadOptions.NoWait"/>).</summary>
    public Task LoadCollectionAsync(string collectionName, LoadOptions? options = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => LoadCoreAsync(collectionName, null, options ?? new LoadOptions(), timeout, cancellationToken);

    /// <summary>pymilvus <c>release_collection</c>.</summary>
    public Task ReleaseCollectionAsync(string collectionName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => CallAsync("ReleaseCollection", new ReleaseCollectionRequest { CollectionName = collectionName },
            (c, r, o) => c.ReleaseCollectionAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>get_load_state</c> (async form: several partition names).</summary>
    public Task<LoadStateInfo> GetLoadStateAsync(string collectionName, IReadOnlyList<string>? partitionNames = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => GetLoadStateCoreAsync(collectionName, partitionNames, timeout, cancellationToken);

    /// <summary>pymilvus <c>refresh_load</c> (async form): starts a refresh and returns refresh progress.</summary>
    public Task<long> RefreshLoadAsync(string collectionName, IReadOnlyList<string>? partitionNames = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => RefreshLoadCoreAsync(collectionName, partitionNames, timeout, cancellationToken);

    /// <summary>pymilvus <c>alter_collection_properties</c>.</summary>
    public Task AlterCollectionPropertiesAsync(string collectionName, IDictionary<string, object?> properties, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("AlterCollection", WithProperties(new AlterCollectionRequest { CollectionName = collectionName }, properties),
            (c, r, o) => c.AlterCollectionAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>drop_collection_properties</c>.</summary>
    public Task DropCollectionPropertiesAsync(string collectionName, IEnumerable<string> propertyKeys, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("AlterCollection", new AlterCollectionRequest { CollectionName = collectionName, DeleteKeys = { propertyKeys } },
            (c, r, o) => c.AlterCollectionAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>alter_collection_field</c>.</summary>
    public Task AlterCollectionFieldAsync(string collectionName, string fieldName, IDictionary<string, object?> fieldParams,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => CallAsync("AlterCollectionField",
            new AlterCollectionFieldRequest { CollectionName = collectionName, FieldName = fieldName, Properties = { KeyValues.FromProperties(fieldParams) } },
            (c, r, o) => c.AlterCollectionFieldAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>add_collection_field</c> with a prepared field (vector fields must be nullable).</summary>
    public Task AddCollectionFieldAsync(string collectionName, FieldSchema field, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => AddCollectionFieldCoreAsync(collectionName, field, timeout, cancellationToken);

    /// <summary>pymilvus <c>add_collection_field(collection_name, field_name, data_type, desc, **kw)</c>.</summary>
    public Task AddCollectionFieldAsync(string collectionName, string fieldName, DataType dataType, bool nullable = false,
        object? defaultValue = null, int? maxLength = null, int? dim = null, DataType elementType = DataType.None, int? maxCapacity = null,
        string description = "", TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => AddCollectionFieldAsync(collectionName, new FieldSchema(fieldName, dataType, description)
        {
            Nullable = nullable, DefaultValue = defaultValue, MaxLength = maxLength, Dim = dim, ElementType = elementType,
            MaxCapacity = maxCapacity,
        }, timeout, cancellationToken);

    /// <summary>pymilvus <c>add_collection_function</c>.</summary>
    public Task AddCollectionFunctionAsync(string collectionName, FunctionSchema function, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => InvalidateAfter(collectionName, CallAsync("AddCollectionFunction",
            new AddCollectionFunctionRequest { CollectionName = collectionName, FunctionSchema = SchemaConverter.ToProto(function) },
            (c, r, o) => c.AddCollectionFunctionAsync(r, o), timeout, cancellationToken));

    /// <summary>pymilvus <c>alter_collection_function</c>.</summary>
    public Task AlterCollectionFunctionAsync(string collectionName, string functionName, FunctionSchema function,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => InvalidateAfter(collectionName, CallAsync("AlterCollectionFunction",
            new AlterCollectionFunctionRequest { CollectionName = collectionName, FunctionName = functionName, FunctionSchema = SchemaConverter.ToProto(function) },
            (c, r, o) => c.AlterCollectionFunctionAsync(r, o), timeout, cancellationToken));

    /// <summary>pymilvus <c>drop_collection_function</c>.</summary>
    public Task DropCollectionFunctionAsync(string collectionName, string functionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => InvalidateAfter(collectionName, CallAsync("DropCollectionFunction",
            new DropCollectionFunctionRequest { CollectionName = collectionName, FunctionName = functionName },
            (c, r, o) => c.DropCollectionFunctionAsync(r, o), timeout, cancellationToken));

    /// <summary>pymilvus <c>create_schema</c>: an empty schema (field checks happen at create time).</summary>
    public static CollectionSchema CreateSchema(bool autoId = false, bool enableDynamicField = false, string description = "",
        string? primaryField = null, string? partitionKeyField = null, string? clusteringKeyField = null, bool enableNamespace = false)
        => new()
        {
            AutoId = autoId, EnableDynamicField = enableDynamicField, Description = description, PrimaryField = primaryField,
            PartitionKeyField = partitionKeyField, ClusteringKeyField = clusteringKeyField, EnableNamespace = enableNamespace,
        };

    /// <summary>pymilvus <c>create_field_schema(name, data_type, desc="", **kw)</c>.</summary>
    public static FieldSchema CreateFieldSchema(string name, DataType dataType, string description = "", bool isPrimary = false,
        bool autoId = false, int? maxLength = null, int? dim = null, DataType elementType = DataType.None, int? maxCapacity = null,
        bool nullable = false, object? defaultValue = null, bool isPartitionKey = false, bool isClusteringKey = false)
        => new(name, dataType, description)
        {
            IsPrimary = isPrimary, AutoId = autoId, MaxLength = maxLength, Dim = dim, ElementType = elementType, MaxCapacity = maxCapacity,
            Nullable = nullable, DefaultValue = defaultValue, IsPartitionKey = isPartitionKey, IsClusteringKey = isClusteringKey,
        };

    /// <summary>pymilvus <c>create_struct_field_schema</c>.</summary>
    public static StructFieldSchema CreateStructFieldSchema() => new();

    /// <summary>pymilvus <c>prepare_index_params(field_name="", **kw)</c>: adds one index when a field name is given.</summary>
    public static IndexParams PrepareIndexParams(string fieldName = "", string indexType = "", string indexName = "",
        string? metricType = null, IDictionary<string, object?>? parameters = null)
    {
        var result = new IndexParams();
        if (!string.IsNullOrEmpty(fieldName)) result.AddIndex(fieldName, indexType, indexName, metricType, parameters);
        return result;
    }

    private async Task CreateCollectionCoreAsync(string collectionName, int? dimension, string primaryFieldName, string idType,
        string vectorFieldName, string metricType, bool autoId, CollectionSchema? schema, IndexParams? indexParams,
        CreateCollectionOptions options, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (schema is null)
        {
            schema = QuickSetupSchema(dimension, primaryFieldName, idType, vectorFieldName, autoId, options);
            indexParams = PrepareIndexParams(vectorFieldName, "AUTOINDEX", "", metricType);
        }
        SchemaValidator.Validate(schema);
        var request = new CreateCollectionRequest
        {
            CollectionName = collectionName,
            Schema = SchemaConverter.ToProto(collectionName, schema).ToByteString(),
            ConsistencyLevel = (ProtoCommon.ConsistencyLevel)(int)options.ConsistencyLevel,
            Properties = { KeyValues.FromProperties(options.Properties) },
        };
        if (!string.IsNullOrEmpty(options.Description) && string.IsNullOrEmpty(schema.Description))
        {
            schema.Description = options.Description;
            request.Schema = SchemaConverter.ToProto(collectionName, schema).ToByteString();
        }
        if (options.NumShards is { } shards) request.ShardsNum = shards;
        if (options.NumPartitions is { } partitions) request.NumPartitions = partitions;
        await CallAsync("CreateCollection", request, (c, r, o) => c.CreateCollectionAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        InvalidateSchema(collectionName);
        if (indexParams is null || indexParams.Count == 0) return;
        await CreateIndexAsync(collectionName, indexParams, Remaining(timeout, clock), cancellationToken).ConfigureAwait(false);
        await LoadCollectionAsync(collectionName, null, Remaining(timeout, clock), cancellationToken).ConfigureAwait(false);
    }

    private static CollectionSchema QuickSetupSchema(int? dimension, string primaryFieldName, string idType, string vectorFieldName, bool autoId,
        CreateCollectionOptions options)
    {
        if (dimension is not { } dim) throw new ParamError("dimension is required when no schema is given (quick setup)");
        var schema = CreateSchema(autoId: autoId, enableDynamicField: options.EnableDynamicField, description: options.Description ?? "");
        switch (idType.ToLowerInvariant())
        {
            case "int":
                schema.AddField(primaryFieldName, DataType.Int64, isPrimary: true, autoId: autoId);
                break;
            case "string" or "str":
                schema.AddField(primaryFieldName, DataType.VarChar, isPrimary: true, autoId: autoId, maxLength: options.MaxLength);
                break;
            default:
                throw new PrimaryKeyException($"Unsupported id_type: {idType}; use \"int\" or \"string\"");
        }
        schema.AddField(vectorFieldName, DataType.FloatVector, dim: dim);
        return schema;
    }

    private async Task<CollectionDescription> DescribeCollectionCoreAsync(string collectionName, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var reply = await CallAsync("DescribeCollection", new DescribeCollectionRequest { CollectionName = collectionName },
            (c, r, o) => c.DescribeCollectionAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        var info = new CollectionInfo(reply);
        _schemaCache[(_dbName, collectionName)] = info;
        var schema = info.Schema;
        return new CollectionDescription
        {
            CollectionName = string.IsNullOrEmpty(reply.CollectionName) ? collectionName : reply.CollectionName,
            CollectionId = reply.CollectionID,
            AutoId = schema.AutoId,
            NumShards = reply.ShardsNum,
            Description = schema.Description,
            Fields = schema.Fields.ToList(),
            Functions = schema.Functions.ToList(),
            Aliases = reply.Aliases.ToList(),
            ConsistencyLevel = (ConsistencyLevel)(int)reply.ConsistencyLevel,
            Properties = KeyValues.ToDictionary(reply.Properties),
            NumPartitions = reply.NumPartitions,
            EnableDynamicField = schema.EnableDynamicField,
            EnableNamespace = schema.EnableNamespace,
            CreatedTimestamp = reply.CreatedTimestamp,
            UpdateTimestamp = reply.UpdateTimestamp,
            DbName = reply.DbName,
            Schema = schema,
        };
    }

    /// <summary>pymilvus: false on error_code 4 (CollectionNotExists), code 100, or an old "can't find collection" reason.</summary>
    private async Task<bool> HasCollectionCoreAsync(string collectionName, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync("DescribeCollection", new DescribeCollectionRequest { CollectionName = collectionName },
                (c, r, o) => c.DescribeCollectionAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MilvusException e) when (e is not MilvusRpcException && (e.CompatibleCode == MilvusErrorCode.LegacyCollectionNotExists
            || e.Code == MilvusErrorCode.CollectionNotFound || e.Message.Contains("can't find collection", StringComparison.Ordinal)))
        {
            return false;
        }
    }

    private async Task DropCollectionCoreAsync(string collectionName, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        await CallAsync("DropCollection", new DropCollectionRequest { CollectionName = collectionName },
            (c, r, o) => c.DropCollectionAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        InvalidateSchema(collectionName);
        _lastWrite.TryRemove((_dbName, collectionName), out _);
    }

    private async Task RenameCollectionCoreAsync(string oldName, string newName, string targetDb, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        await CallAsync("RenameCollection", new RenameCollectionRequest { OldName = oldName, NewName = newName, NewDBName = targetDb ?? "" },
            (c, r, o) => c.RenameCollectionAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        InvalidateSchema(oldName);
        InvalidateSchema(newName);
    }

    /// <summary>load_collection / load_partitions: the load RPC, then GetLoadingProgress polls (0.2 s) until 100.</summary>
    private async Task LoadCoreAsync(string collectionName, IReadOnlyList<string>? partitionNames, LoadOptions options, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var loadParams = new Dictionary<string, string>();
        if (options.Priority is { } priority) loadParams["load_priority"] = priority == LoadPriority.High ? "high" : "low";
        if (partitionNames is null)
        {
            var request = new LoadCollectionRequest
            {
                CollectionName = collectionName,
                ReplicaNumber = options.ReplicaNumber ?? 0,
                Refresh = options.Refresh,
                SkipLoadDynamicField = options.SkipLoadDynamicField,
            };
            if (options.ResourceGroups is { } rgs) request.ResourceGroups.AddRange(rgs);
            if (options.LoadFields is { } lf) request.LoadFields.AddRange(lf);
            request.LoadParams.Add(loadParams);
            await CallAsync("LoadCollection", request, (c, r, o) => c.LoadCollectionAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var request = new LoadPartitionsRequest
            {
                CollectionName = collectionName,
                ReplicaNumber = options.ReplicaNumber ?? 0,
                Refresh = options.Refresh,
                SkipLoadDynamicField = options.SkipLoadDynamicField,
                PartitionNames = { partitionNames },
            };
            if (options.ResourceGroups is { } rgs) request.ResourceGroups.AddRange(rgs);
            if (options.LoadFields is { } lf) request.LoadFields.AddRange(lf);
            request.LoadParams.Add(loadParams);
            await CallAsync("LoadPartitions", request, (c, r, o) => c.LoadPartitionsAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        }
        if (options.NoWait) return;
        await PollAsync(async () =>
        {
            var progress = await GetLoadingProgressAsync(collectionName, partitionNames, Remaining(timeout, clock), cancellationToken).ConfigureAwait(false);
            long percent = options.Refresh ? progress.RefreshProgress : progress.Progress;
            options.Progress?.Report(new LoadStateInfo(percent >= 100 ? LoadState.Loaded : LoadState.Loading, percent));
            return percent >= 100;
        }, PollInterval(TimeSpan.FromMilliseconds(200)), timeout, $"loading collection {collectionName}", cancellationToken).ConfigureAwait(false);
    }

    private Task<GetLoadingProgressResponse> GetLoadingProgressAsync(string collectionName, IReadOnlyList<string>? partitionNames, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var request = new GetLoadingProgressRequest { CollectionName = collectionName };
        if (partitionNames is not null) request.PartitionNames.AddRange(partitionNames);
        return CallAsync("GetLoadingProgress", request, (c, r, o) => c.GetLoadingProgressAsync(r, o), timeout, cancellationToken);
    }

    private async Task<LoadStateInfo> GetLoadStateCoreAsync(string collectionName, IReadOnlyList<string>? partitionNames, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var request = new GetLoadStateRequest { CollectionName = collectionName };
        if (partitionNames is not null) request.PartitionNames.AddRange(partitionNames);
        var reply = await CallAsync("GetLoadState", request, (c, r, o) => c.GetLoadStateAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        var state = (LoadState)(int)reply.State;
        if (state != LoadState.Loading) return new LoadStateInfo(state);
        var progress = await GetLoadingProgressAsync(collectionName, partitionNames, timeout, cancellationToken).ConfigureAwait(false);
        return new LoadStateInfo(state, progress.Progress);
    }

    /// <summary>Async pymilvus refresh_load: LoadCollection(refresh=true) and the current refresh progress (no wait).</summary>
    private async Task<long> RefreshLoadCoreAsync(string collectionName, IReadOnlyList<string>? partitionNames, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        await LoadCoreAsync(collectionName, partitionNames, new LoadOptions { Refresh = true, NoWait = true }, timeout, cancellationToken).ConfigureAwait(false);
        var progress = await GetLoadingProgressAsync(collectionName, partitionNames, timeout, cancellationToken).ConfigureAwait(false);
        return progress.RefreshProgress;
    }
}
