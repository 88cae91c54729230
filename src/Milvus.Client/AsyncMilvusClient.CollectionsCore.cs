using System.Diagnostics;
using Google.Protobuf;
using Milvus.Client.Internal.Conversion;
using Milvus.Protocol.Api;
using ProtoCommon = Milvus.Protocol.Common;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
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
