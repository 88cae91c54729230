using System.Globalization;
using System.Runtime.CompilerServices;
using Milvus.Client.Internal.Conversion;
using Milvus.Client.Internal.Transport;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>
    /// pymilvus <c>query_iterator(collection_name, batch_size=1000, limit=-1, filter="", output_fields, partition_names, **kw)</c>:
    /// pages of rows ordered by primary key, pinned to one MVCC snapshot.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryIterator(string collectionName, int batchSize = 1000,
        long limit = -1, string filter = "", IReadOnlyList<string>? outputFields = null, IReadOnlyList<string>? partitionNames = null,
        QueryIteratorOptions? options = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => QueryIteratorCore(collectionName, batchSize, limit, filter, outputFields, partitionNames, options ?? new QueryIteratorOptions(),
            timeout, cancellationToken);

    /// <summary>
    /// pymilvus <c>search_iterator(collection_name, data, batch_size=1000, filter, limit=-1, output_fields, search_params,
    /// partition_names, anns_field, round_decimal=-1)</c> (SearchIteratorV2): pages of hits for one query vector.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<SearchHit>> SearchIterator(string collectionName, object data, int batchSize = 1000,
        string? filter = null, long limit = -1, IReadOnlyList<string>? outputFields = null, IDictionary<string, object?>? searchParams = null,
        IReadOnlyList<string>? partitionNames = null, string? annsField = null, int roundDecimal = -1, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => SearchIteratorCore(collectionName, data, batchSize, filter, limit, outputFields, searchParams, partitionNames, annsField,
            roundDecimal, timeout, cancellationToken);

    private const int MaxBatchSize = 16384;

    /// <summary>pymilvus QueryIterator: pinned MVCC snapshot, paging by primary key, limit and offset applied client-side.</summary>
    private async IAsyncEnumerable<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryIteratorCore(string collectionName, int batchSize, long limit,
        string filter, IReadOnlyList<string>? outputFields, IReadOnlyList<string>? partitionNames, QueryIteratorOptions options, TimeSpan? timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (batchSize < 0 || batchSize > MaxBatchSize) throw new ParamError($"batch size cannot be less than zero or larger than {MaxBatchSize}");
        if (options.Offset < 0) throw new ParamError($"offset must be a non-negative integer, got {options.Offset}");
        var info = await GetCollectionInfoAsync(collectionName, timeout, cancellationToken).ConfigureAwait(false);
        var pk = info.PrimaryName;
        var baseFilter = string.IsNullOrWhiteSpace(filter) ? (info.PrimaryIsString ? $"{pk} != \"\"" : $"{pk} < 9223372036854775807") : filter;
        var iteratorParams = new Dictionary<string, string>
        {
            ["iterator"] = "True",
            ["reduce_stop_for_best"] = options.ReduceStopForBest ? "True" : "False",
            ["collection_id"] = info.CollectionId.ToString(CultureInfo.InvariantCulture),
        };
        var queryOptions = new QueryOptions { FilterParams = options.FilterParams, ConsistencyLevel = options.ConsistencyLevel, Limit = 1 };

        // Pin the snapshot: a limit-1 query whose session_ts becomes the guarantee timestamp of every page.
        var probe = await RunIteratorQueryAsync(collectionName, baseFilter, new[] { pk }, partitionNames, queryOptions, iteratorParams, timeout,
            cancellationToken).ConfigureAwait(false);
        var sessionTs = probe.SessionTs > 0 ? probe.SessionTs : HybridTimestampNow(TimeSpan.FromSeconds(1));
        queryOptions.ConsistencyLevel = ConsistencyLevel.Customized;
        queryOptions.GuaranteeTimestamp = sessionTs;

        // An element_filter iterator pages by struct element (pymilvus 3.0.1): each entity expands into one row per matching
        // element, and the cursor is (pk, offset), so a page may end inside an entity and the next one resumes there.
        var byElement = baseFilter.Contains("element_filter", StringComparison.OrdinalIgnoreCase);
        object? cursor = null;
        long? elementCursor = null;
        var toSkip = options.Offset;
        var returned = 0L;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var skipping = toSkip > 0;
            var want = skipping ? Math.Min(toSkip, MaxBatchSize) : batchSize;
            if (!skipping && limit >= 0) want = Math.Min(want, limit - returned);
            if (want <= 0) yield break;
            queryOptions.Limit = want;
            // The cursor goes left of the AND: element_filter must stay the right-most operand.
            var pageFilter = cursor is null ? baseFilter : $"{pk} {(elementCursor is null ? ">" : ">=")} {FormatPk(cursor)} and ({baseFilter})";
            var pageParams = elementCursor is null ? iteratorParams : new Dictionary<string, string>(iteratorParams)
            {
                ["query_iter_last_pk"] = Convert.ToString(cursor, CultureInfo.InvariantCulture)!,
                ["query_iter_last_element_offset"] = elementCursor.Value.ToString(CultureInfo.InvariantCulture),
            };
            var reply = await RunIteratorQueryAsync(collectionName, pageFilter, skipping ? new[] { pk } : outputFields, partitionNames, queryOptions,
                pageParams, timeout, cancellationToken).ConfigureAwait(false);
            var rows = ResultConverter.Rows(reply.FieldsData, outputFields);
            if (reply.ElementIndices.Count > 0) rows = ResultConverter.ExpandElements(rows, reply.ElementIndices);
            rows = rows.OrderBy(r => r[pk], PkComparer).ToList();
            if (rows.Count > want) rows.RemoveRange((int)want, rows.Count - (int)want);
            if (rows.Count == 0) yield break;
            cursor = rows[^1][pk];
            elementCursor = byElement && rows[^1].TryGetValue("offset", out var offset) && offset is long last ? last : null;
            if (skipping)
            {
                toSkip -= rows.Count;
                if (rows.Count < want) yield break;
                continue;
            }
            returned += rows.Count;
            yield return rows;
            if (rows.Count < want || (limit >= 0 && returned >= limit)) yield break;
        }
    }

    private async Task<QueryResults> RunIteratorQueryAsync(string collectionName, string expr, IReadOnlyList<string>? outputFields,
        IReadOnlyList<string>? partitionNames, QueryOptions options, IDictionary<string, string> iteratorParams, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var request = BuildQueryRequest(collectionName, expr, outputFields, partitionNames, options, iteratorParams);
        return await CallAsync("Query", request, (c, r, o) => c.QueryAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
    }

    private static string FormatPk(object pk) => pk is string s ? $"\"{s}\"" : Convert.ToString(pk, CultureInfo.InvariantCulture)!;

    /// <summary>Orders rows by primary key; LINQ's OrderBy is stable, so an entity's element rows keep their offset order.</summary>
    private static readonly Comparer<object?> PkComparer = Comparer<object?>.Create((a, b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => 0,
    });

    /// <summary>A Milvus hybrid timestamp: physical milliseconds shifted left by 18 bits.</summary>
    internal static ulong HybridTimestampNow(TimeSpan ahead)
        => (ulong)(DateTimeOffset.UtcNow + ahead).ToUnixTimeMilliseconds() << 18;

    /// <summary>
    /// pymilvus SearchIteratorV2: iterator params in search_params, the server's token and last bound carried page to page.
    /// A server that returns no token gets the fallback: each page excludes the ids already returned.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<SearchHit>> SearchIteratorCore(string collectionName, object data, int batchSize, string? filter,
        long limit, IReadOnlyList<string>? outputFields, IDictionary<string, object?>? searchParams, IReadOnlyList<string>? partitionNames,
        string? annsField, int roundDecimal, TimeSpan? timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data is object[] wrapped)
        {
            if (wrapped.Length != 1) throw new ParamError("search iterator takes exactly one query vector");
            data = wrapped[0];
        }
        if (batchSize <= 0 || batchSize > MaxBatchSize) throw new ParamError($"batch size must be between 1 and {MaxBatchSize}");
        var vectors = new[] { data };
        var options = new SearchOptions { RoundDecimal = roundDecimal };
        var extra = new Dictionary<string, object?>
        {
            ["iterator"] = true,
            ["search_iter_v2"] = true,
            ["search_iter_batch_size"] = batchSize,
        };
        var returned = 0L;
        string? token = null;
        var fallback = false;
        var seen = new List<object>();
        CollectionInfo? info = null;
        while (true)
        {
            var pageSize = limit >= 0 ? (int)Math.Min(batchSize, limit - returned) : batchSize;
            if (pageSize <= 0) yield break;
            extra["search_iter_batch_size"] = pageSize;
            var pageFilter = filter;
            if (fallback && seen.Count > 0)
            {
                info ??= await GetCollectionInfoAsync(collectionName, timeout, cancellationToken).ConfigureAwait(false);
                var exclusion = SearchParamsBuilder.IdsFilter(info.PrimaryName, info.PrimaryIsString, seen).Replace(" in [", " not in [", StringComparison.Ordinal);
                pageFilter = string.IsNullOrWhiteSpace(filter) ? exclusion : $"({filter}) and {exclusion}";
            }
            var request = await BuildSearchRequestAsync(collectionName, vectors, pageFilter, pageSize, outputFields, searchParams, partitionNames, annsField,
                null, null, options, fallback ? null : extra, timeout, cancellationToken).ConfigureAwait(false);
            var reply = await CallAsync("Search", request, (c, r, o) => c.SearchAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
            var v2 = reply.Results?.SearchIteratorV2Results;
            if (token is null && !fallback)
            {
                if (v2 is null || string.IsNullOrEmpty(v2.Token))
                {
                    // Servers without iterator v2 tokens: page by excluding the ids already returned (pymilvus's v1 idea, exact for FLAT).
                    fallback = true;
                }
                else
                {
                    token = v2.Token;
                    extra["search_iter_id"] = token;
                }
                if (reply.SessionTs > 0)
                {
                    options.ConsistencyLevel = ConsistencyLevel.Customized;
                    options.GuaranteeTimestamp = reply.SessionTs;
                }
            }
            var page = ResultConverter.Search(reply.Results ?? new SearchResultData(), outputFields, roundDecimal, reply.Status, reply.SessionTs);
            var hits = page.Count > 0 ? page[0] : new SearchHits(Array.Empty<SearchHit>());
            if (hits.Count == 0) yield break;
            if (v2 is not null && !fallback) extra["search_iter_last_bound"] = v2.LastBound;
            if (fallback) seen.AddRange(hits.Select(h => h.Id));
            returned += hits.Count;
            yield return hits;
        }
    }
}
