using Milvus.Client.Internal.Conversion;
using Milvus.Client.Internal.Transport;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>
    /// pymilvus <c>insert(collection_name, data, partition_name="")</c>. Each row maps field names to values (vectors as float[],
    /// ReadOnlyMemory&lt;float&gt;, Half[], byte[], number lists or sparse dictionaries; JSON as JsonElement, dictionaries, lists or JSON text).
    /// Unknown keys go to the dynamic field when the schema has one. An empty list inserts nothing and sends no RPC.
    /// </summary>
    public Task<MutationResult> InsertAsync(string collectionName, IEnumerable<IReadOnlyDictionary<string, object?>> data,
        string partitionName = "", TimeSpan? timeout = null, CancellationToken cancellationToken = default) => WriteAsync(collectionName, data, partitionName, false, null, timeout, cancellationToken);

    /// <summary>pymilvus <c>upsert(collection_name, data, partition_name="", partial_update=, field_ops=)</c>.</summary>
    public Task<MutationResult> UpsertAsync(string collectionName, IEnumerable<IReadOnlyDictionary<string, object?>> data,
        string partitionName = "", UpsertOptions? options = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => WriteAsync(collectionName, data, partitionName, true, options ?? new UpsertOptions(), timeout, cancellationToken);

    /// <summary>pymilvus <c>delete(collection_name, ids=None, filter=None, partition_name=None, filter_params=, consistency_level=)</c>.
    /// Give ids or a filter, not both.</summary>
    public Task<MutationResult> DeleteAsync(string collectionName, IEnumerable<object>? ids = null, string? filter = null,
        string? partitionName = null, IDictionary<string, object?>? filterParams = null, ConsistencyLevel? consistencyLevel = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => DeleteCoreAsync(collectionName, ids, filter, partitionName, filterParams, consistencyLevel, timeout, cancellationToken);

    /// <summary>pymilvus <c>get(collection_name, ids, output_fields=None, partition_names=None)</c>.</summary>
    public Task<QueryResult> GetAsync(string collectionName, IEnumerable<object> ids, IReadOnlyList<string>? outputFields = null,
        IReadOnlyList<string>? partitionNames = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => GetCoreAsync(collectionName, ids, outputFields, partitionNames, timeout, cancellationToken);

    /// <summary>pymilvus <c>query(collection_name, filter="", output_fields=None, ids=None, partition_names=None, **kw)</c>.</summary>
    public Task<QueryResult> QueryAsync(string collectionName, string filter = "", IReadOnlyList<string>? outputFields = null,
        IEnumerable<object>? ids = null, IReadOnlyList<string>? partitionNames = null, QueryOptions? options = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => QueryCoreAsync(collectionName, filter, outputFields, ids, partitionNames, options ?? new QueryOptions(), timeout, cancellationToken);

    /// <summary>pymilvus <c>query</c> with its arguments named in one <see cref="EntityQuery"/> (same call as the positional overload).</summary>
    public Task<QueryResult> QueryAsync(string collectionName, EntityQuery query, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return QueryCoreAsync(collectionName, query.Filter, query.OutputFields, query.Ids, query.PartitionNames, query.Options ?? new QueryOptions(),
            timeout, cancellationToken);
    }

    /// <summary>Insert/upsert with pymilvus's schema-mismatch rule: drop the cached schema and retry once.</summary>
    private async Task<MutationResult> WriteAsync(string collectionName, IEnumerable<IReadOnlyDictionary<string, object?>> data, string partitionName,
        bool isUpsert, UpsertOptions? upsert, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = data as IReadOnlyList<IReadOnlyDictionary<string, object?>> ?? data.ToList();
        if (rows.Count == 0) return new MutationResult();
        if (rows.Any(r => r is null)) throw new DataNotMatchException(ExceptionMessages.DataTypeInconsistent);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var info = await GetCollectionInfoAsync(collectionName, timeout, cancellationToken).ConfigureAwait(false);
                var reply = isUpsert
                    ? await CallAsync("Upsert", BuildUpsertRequest(collectionName, partitionName, info, rows, upsert!), (c, r, o) => c.UpsertAsync(r, o),
                        timeout, cancellationToken).ConfigureAwait(false)
                    : await CallAsync("Insert", BuildInsertRequest(collectionName, partitionName, info, rows), (c, r, o) => c.InsertAsync(r, o),
                        timeout, cancellationToken).ConfigureAwait(false);
                RecordWrite(collectionName, reply.Timestamp);
                return ToMutationResult(reply);
            }
            catch (MilvusException e) when (attempt == 0 && e is DataNotMatchException or SchemaMismatchRetryableException)
            {
                InvalidateSchema(collectionName);
            }
        }
    }

    internal static InsertRequest BuildInsertRequest(string collectionName, string partitionName, CollectionInfo info,
        IReadOnlyList<IReadOnlyDictionary<string, object?>> rows)
    {
        var request = new InsertRequest
        {
            CollectionName = collectionName,
            PartitionName = partitionName ?? "",
            NumRows = (uint)rows.Count,
            SchemaTimestamp = info.UpdateTimestamp,
        };
        request.FieldsData.AddRange(RowConverter.ToColumns(info, rows, isUpsert: false, partialUpdate: false));
        return request;
    }

    internal static UpsertRequest BuildUpsertRequest(string collectionName, string partitionName, CollectionInfo info,
        IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, UpsertOptions options)
    {
        var partial = options.PartialUpdate || options.FieldOps is { Count: > 0 };
        var request = new UpsertRequest
        {
            CollectionName = collectionName,
            PartitionName = partitionName ?? "",
            NumRows = (uint)rows.Count,
            SchemaTimestamp = info.UpdateTimestamp,
            PartialUpdate = partial,
        };
        request.FieldsData.AddRange(RowConverter.ToColumns(info, rows, isUpsert: true, partialUpdate: partial));
        foreach (var (field, op) in options.FieldOps ?? new Dictionary<string, string>())
        {
            var opType = op.ToLowerInvariant() switch
            {
                "replace" => FieldPartialUpdateOp.Types.OpType.Replace,
                "array_append" => FieldPartialUpdateOp.Types.OpType.ArrayAppend,
                "array_remove" => FieldPartialUpdateOp.Types.OpType.ArrayRemove,
                _ => throw new ParamError($"Unsupported field op {op} for field {field}; use array_append, array_remove or replace"),
            };
            request.FieldOps.Add(new FieldPartialUpdateOp { FieldName = field, Op = opType });
        }
        return request;
    }

    private static MutationResult ToMutationResult(Milvus.Protocol.Api.MutationResult reply)
    {
        IReadOnlyList<object> ids = reply.IDs?.IdFieldCase switch
        {
            IDs.IdFieldOneofCase.IntId => reply.IDs.IntId.Data.Select(x => (object)x).ToList(),
            IDs.IdFieldOneofCase.StrId => reply.IDs.StrId.Data.Select(x => (object)x).ToList(),
            _ => Array.Empty<object>(),
        };
        return new MutationResult
        {
            InsertCount = reply.InsertCnt,
            UpsertCount = reply.UpsertCnt,
            DeleteCount = reply.DeleteCnt,
            Ids = ids,
            Cost = RpcStatus.CostOf(reply.Status),
            Timestamp = reply.Timestamp,
        };
    }

    private async Task<MutationResult> DeleteCoreAsync(string collectionName, IEnumerable<object>? ids, string? filter, string? partitionName,
        IDictionary<string, object?>? filterParams, ConsistencyLevel? consistencyLevel, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var idList = ids?.ToList();
        if (idList is not null && !string.IsNullOrEmpty(filter)) throw new ParamError(ExceptionMessages.AmbiguousDeleteFilterParam);
        string expr;
        if (idList is not null)
        {
            if (idList.Count == 0) return new MutationResult();
            var info = await GetCollectionInfoAsync(collectionName, timeout, cancellationToken).ConfigureAwait(false);
            expr = SearchParamsBuilder.IdsFilter(info.PrimaryName, info.PrimaryIsString, idList);
        }
        else if (!string.IsNullOrEmpty(filter))
        {
            expr = filter;
        }
        else
        {
            throw new ParamError("Either ids or filter should be specified for delete");
        }
        var request = new DeleteRequest
        {
            CollectionName = collectionName,
            PartitionName = partitionName ?? "",
            Expr = expr,
            ConsistencyLevel = (Milvus.Protocol.Common.ConsistencyLevel)(int)(consistencyLevel ?? 0),
        };
        TemplateValues.AddTo(request.ExprTemplateValues, filterParams);
        var reply = await CallAsync("Delete", request, (c, r, o) => c.DeleteAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        RecordWrite(collectionName, reply.Timestamp);
        return ToMutationResult(reply);
    }

    private async Task<QueryResult> GetCoreAsync(string collectionName, IEnumerable<object> ids, IReadOnlyList<string>? outputFields,
        IReadOnlyList<string>? partitionNames, TimeSpan? timeout, CancellationToken cancellationToken, QueryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var idList = ids.ToList();
        if (idList.Count == 0) return new QueryResult(Array.Empty<IReadOnlyDictionary<string, object?>>());
        return await QueryCoreAsync(collectionName, "", outputFields, idList, partitionNames, options ?? new QueryOptions(), timeout, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<QueryResult> QueryCoreAsync(string collectionName, string filter, IReadOnlyList<string>? outputFields, IEnumerable<object>? ids,
        IReadOnlyList<string>? partitionNames, QueryOptions options, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var idList = ids?.ToList();
        if (idList is not null && !string.IsNullOrEmpty(filter)) throw new ParamError(ExceptionMessages.AmbiguousQueryFilterParam);
        var expr = filter ?? "";
        if (idList is not null)
        {
            var info = await GetCollectionInfoAsync(collectionName, timeout, cancellationToken).ConfigureAwait(false);
            expr = SearchParamsBuilder.IdsFilter(info.PrimaryName, info.PrimaryIsString, idList);
        }
        var request = BuildQueryRequest(collectionName, expr, outputFields, partitionNames, options);
        var reply = await CallAsync("Query", request, (c, r, o) => c.QueryAsync(r, o), timeout, cancellationToken, checkStatus: false).ConfigureAwait(false);
        if (!RpcStatus.IsSuccess(reply.Status))
        {
            if (reply.Status.Code == MilvusErrorCode.LegacyEmptyCollection || (int)reply.Status.ErrorCode == MilvusErrorCode.LegacyEmptyCollection)
                return new QueryResult(Array.Empty<IReadOnlyDictionary<string, object?>>());
            throw RpcStatus.ToException(reply.Status, "Query");
        }
        var extra = new Dictionary<string, object?>(StringComparer.Ordinal) { ["cost"] = RpcStatus.CostOf(reply.Status) };
        if (reply.SessionTs > 0) extra["iterator_session_ts"] = reply.SessionTs;
        var rows = ResultConverter.Rows(reply.FieldsData, outputFields);
        if (reply.ElementIndices.Count > 0) rows = ResultConverter.ExpandElements(rows, reply.ElementIndices);
        return new QueryResult(rows, extra);
    }

    internal QueryRequest BuildQueryRequest(string collectionName, string expr, IReadOnlyList<string>? outputFields, IReadOnlyList<string>? partitionNames,
        QueryOptions options, IDictionary<string, string>? extraParams = null)
    {
        var (useDefault, gts, level) = ResolveConsistency(collectionName, options.ConsistencyLevel, options.GuaranteeTimestamp);
        var request = new QueryRequest
        {
            CollectionName = collectionName,
            Expr = expr,
            GuaranteeTimestamp = gts,
            UseDefaultConsistency = useDefault,
            ConsistencyLevel = level,
        };
        request.OutputFields.AddRange(outputFields is { Count: > 0 } ? outputFields : new[] { "*" });
        if (partitionNames is not null) request.PartitionNames.AddRange(partitionNames);
        TemplateValues.AddTo(request.ExprTemplateValues, options.FilterParams);
        void Add(string key, string value) => request.QueryParams.Add(new KeyValuePair { Key = key, Value = value });
        if (options.Limit is { } limit) Add("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (options.Offset is { } offset) Add("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (options.Timezone is { } tz) Add("timezone", tz);
        if (options.TimeFields is { } tf) Add("time_fields", tf);
        if (options.ClusterId is { } clusterId) Add("cluster_id", clusterId);
        Add("ignore_growing", options.IgnoreGrowing ? "True" : "False");
        if (extraParams is not null) foreach (var (k, v) in extraParams) Add(k, v);
        if (extraParams is null || !extraParams.ContainsKey("reduce_stop_for_best")) Add("reduce_stop_for_best", "False");
        if (options.OrderByFields is { Count: > 0 } order) Add("order_by_fields", string.Join(",", order.Select(o => $"{o.Field}:{o.Order}")));
        return request;
    }
}
