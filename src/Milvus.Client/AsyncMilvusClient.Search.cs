using Google.Protobuf;
using Milvus.Client.Internal.Conversion;
using Milvus.Client.Internal.Transport;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>
    /// pymilvus <c>search(collection_name, data, filter, limit=10, output_fields, search_params, partition_names, anns_field, ranker, ids, **kw)</c>.
    /// <paramref name="data"/> holds query vectors (float[], ReadOnlyMemory&lt;float&gt;, Half[], byte[], sparse dictionaries, or texts for BM25);
    /// or give <paramref name="ids"/> to search by primary keys.
    /// </summary>
    public Task<SearchResults> SearchAsync(string collectionName, IReadOnlyList<object>? data = null, string filter = "", int limit = 10,
        IReadOnlyList<string>? outputFields = null, IDictionary<string, object?>? searchParams = null,
        IReadOnlyList<string>? partitionNames = null, string? annsField = null, Ranker? ranker = null, IReadOnlyList<object>? ids = null,
        SearchOptions? options = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => SearchCoreAsync(collectionName, data, filter, limit, outputFields, searchParams, partitionNames, annsField, ranker, ids,
            options ?? new SearchOptions(), timeout, cancellationToken);

    /// <summary>pymilvus <c>search</c> with its arguments named in one <see cref="SearchQuery"/> (same call as the positional overload).</summary>
    public Task<SearchResults> SearchAsync(string collectionName, SearchQuery query, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SearchCoreAsync(collectionName, query.Data, query.Filter, query.Limit, query.OutputFields, query.SearchParams, query.PartitionNames,
            query.AnnsField, query.Ranker, query.Ids, query.Options ?? new SearchOptions(), timeout, cancellationToken);
    }

    /// <summary>pymilvus <c>hybrid_search(collection_name, reqs, ranker, limit=10, output_fields, partition_names, **kw)</c>.</summary>
    public Task<SearchResults> HybridSearchAsync(string collectionName, IReadOnlyList<AnnSearchRequest> requests, Ranker ranker,
        int limit = 10, IReadOnlyList<string>? outputFields = null, IReadOnlyList<string>? partitionNames = null,
        SearchOptions? options = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => HybridSearchCoreAsync(collectionName, requests, ranker, limit, outputFields, partitionNames, options ?? new SearchOptions(), timeout,
            cancellationToken);

    private async Task<SearchResults> SearchCoreAsync(string collectionName, IReadOnlyList<object>? data, string filter, int limit,
        IReadOnlyList<string>? outputFields, IDictionary<string, object?>? searchParams, IReadOnlyList<string>? partitionNames, string? annsField,
        Ranker? ranker, IReadOnlyList<object>? ids, SearchOptions options, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var request = await BuildSearchRequestAsync(collectionName, data, filter, limit, outputFields, searchParams, partitionNames, annsField, ranker, ids,
            options, null, timeout, cancellationToken).ConfigureAwait(false);
        var reply = await CallAsync("Search", request, (c, r, o) => c.SearchAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        return ResultConverter.Search(reply.Results ?? new SearchResultData(), outputFields, options.RoundDecimal, reply.Status, reply.SessionTs);
    }

    internal async Task<SearchRequest> BuildSearchRequestAsync(string collectionName, IReadOnlyList<object>? data, string? filter, int limit,
        IReadOnlyList<string>? outputFields, IDictionary<string, object?>? searchParams, IReadOnlyList<string>? partitionNames, string? annsField,
        Ranker? ranker, IReadOnlyList<object>? ids, SearchOptions options, IDictionary<string, object?>? extraParams, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        if (data is not null && ids is not null) throw new ParamError("Either data or ids should be given for search, not both");
        if (data is null && ids is null) throw new ParamError("search needs data (query vectors) or ids");
        var (useDefault, gts, level) = ResolveConsistency(collectionName, options.ConsistencyLevel, options.GuaranteeTimestamp);
        var request = new SearchRequest
        {
            CollectionName = collectionName,
            Dsl = filter ?? "",
            DslType = Milvus.Protocol.Common.DslType.BoolExprV1,
            GuaranteeTimestamp = gts,
            UseDefaultConsistency = useDefault,
            ConsistencyLevel = level,
        };
        if (outputFields is not null) request.OutputFields.AddRange(outputFields);
        if (partitionNames is not null) request.PartitionNames.AddRange(partitionNames);
        if (data is not null)
        {
            DataType? fieldType = null;
            if (Placeholders.NeedsSchema(data))
            {
                var info = await GetCollectionInfoAsync(collectionName, timeout, cancellationToken).ConfigureAwait(false);
                fieldType = (string.IsNullOrEmpty(annsField) ? info.Fields.FirstOrDefault(f => SchemaConverter.IsVector(f.DataType)) : info.FieldOrSubField(annsField!))?.DataType;
            }
            request.PlaceholderGroup = Placeholders.Build(data, fieldType);
            request.Nq = data.Count;
        }
        else
        {
            var info = await GetCollectionInfoAsync(collectionName, timeout, cancellationToken).ConfigureAwait(false);
            request.Ids = ToIds(ids!, info);
            request.Nq = ids!.Count;
        }
        request.SearchParams.AddRange(SearchParamsBuilder.Build(limit, searchParams, annsField, options, extraParams));
        TemplateValues.AddTo(request.ExprTemplateValues, options.FilterParams);
        if (options.SearchAggregation is { } aggregation) request.SearchAggregation = SearchAggregationConverter.ToProto(aggregation);
        if (options.Highlighter is { } highlighter) request.Highlighter = highlighter.ToProto();
        if (ranker is FunctionRanker functionRanker) request.FunctionScore = ToFunctionScore(functionRanker);
        else if (ranker is not null) throw new ParamError("search takes only a function ranker; RRF and weighted rankers are for hybrid search");
        return request;
    }

    private static IDs ToIds(IReadOnlyList<object> ids, CollectionInfo info)
    {
        var result = new IDs();
        if (info.PrimaryIsString)
        {
            result.StrId = new StringArray();
            foreach (var id in ids)
                result.StrId.Data.Add(ValueCoercion.TryString(id, out var s) ? s : throw new ParamError($"the primary key {info.PrimaryName} is VARCHAR; got {id}"));
        }
        else
        {
            result.IntId = new LongArray();
            foreach (var id in ids)
                result.IntId.Data.Add(ValueCoercion.TryLong(id, out var l) ? l : throw new ParamError($"the primary key {info.PrimaryName} is INT64; got {id}"));
        }
        return result;
    }

    internal static FunctionScore ToFunctionScore(FunctionRanker ranker)
    {
        var score = new FunctionScore();
        score.Functions.AddRange(ranker.Functions.Select(SchemaConverter.ToProto));
        foreach (var (k, v) in ranker.Params)
            score.Params.Add(new Milvus.Protocol.Common.KeyValuePair { Key = k, Value = SchemaConverter.FunctionParamText(v) });
        return score;
    }

    private async Task<SearchResults> HybridSearchCoreAsync(string collectionName, IReadOnlyList<AnnSearchRequest> requests, Ranker ranker, int limit,
        IReadOnlyList<string>? outputFields, IReadOnlyList<string>? partitionNames, SearchOptions options, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var request = await BuildHybridSearchRequestAsync(collectionName, requests, ranker, limit, outputFields, partitionNames, options, timeout,
            cancellationToken).ConfigureAwait(false);
        var reply = await CallAsync("HybridSearch", request, (c, r, o) => c.HybridSearchAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        return ResultConverter.Search(reply.Results ?? new SearchResultData(), outputFields, options.RoundDecimal, reply.Status, reply.SessionTs);
    }

    internal async Task<HybridSearchRequest> BuildHybridSearchRequestAsync(string collectionName, IReadOnlyList<AnnSearchRequest> requests, Ranker ranker,
        int limit, IReadOnlyList<string>? outputFields, IReadOnlyList<string>? partitionNames, SearchOptions options, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(ranker);
        if (requests.Count == 0) throw new ParamError("hybrid_search needs at least one AnnSearchRequest");
        if (ranker is WeightedRanker w && w.Weights.Count != requests.Count)
            throw new ParamError($"the number of weights ({w.Weights.Count}) must equal the number of search requests ({requests.Count})");
        var (useDefault, gts, level) = ResolveConsistency(collectionName, options.ConsistencyLevel, options.GuaranteeTimestamp);
        var hybrid = new HybridSearchRequest
        {
            CollectionName = collectionName,
            GuaranteeTimestamp = gts,
            UseDefaultConsistency = useDefault,
            ConsistencyLevel = level,
        };
        if (outputFields is not null) hybrid.OutputFields.AddRange(outputFields);
        if (partitionNames is not null) hybrid.PartitionNames.AddRange(partitionNames);
        foreach (var sub in requests)
        {
            var subOptions = new SearchOptions
            {
                FilterParams = sub.FilterParams, ConsistencyLevel = options.ConsistencyLevel, GuaranteeTimestamp = options.GuaranteeTimestamp,
                RoundDecimal = options.RoundDecimal, Offset = options.Offset, GroupByField = options.GroupByField, GroupSize = options.GroupSize,
                StrictGroupSize = options.StrictGroupSize,
            };
            hybrid.Requests.Add(await BuildSearchRequestAsync(collectionName, sub.Data, sub.Filter, sub.Limit, null, sub.Param, partitionNames, sub.AnnsField,
                null, null, subOptions, null, timeout, cancellationToken).ConfigureAwait(false));
        }
        hybrid.RankParams.AddRange(SearchParamsBuilder.RankParams(ranker, limit, options));
        if (ranker is FunctionRanker functionRanker) hybrid.FunctionScore = ToFunctionScore(functionRanker);
        return hybrid;
    }
}
