using Grpc.Core;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Local.Errors;
using Milvus.Local.Expressions;
using Milvus.Local.Rpc;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;

namespace Milvus.Local;

// Query: filter, output fields, limit/offset (results in primary-key order, as Milvus's reduce returns them, or by
// order_by_fields), count(*).
public sealed partial class LocalMilvusService
{
    public const int MaxQueryResultWindow = 16384;
    private const string CountStar = "count(*)";

    public override Task<QueryResults> Query(QueryRequest request, ServerCallContext context) => Unlocked(context, () =>
    {
        var (c, views) = ReadScope(request.DbName, request.CollectionName, request.PartitionNames, "query", context);
        RefuseNamespace(request.HasNamespace);
        var limit = IntParam(request.QueryParams, "limit");
        var offset = IntParam(request.QueryParams, "offset") ?? 0;
        var outputs = request.OutputFields.Select(f => f.Trim()).ToList();
        var orderSpecs = QueryOrderBy.Specs(request.QueryParams);
        if (orderSpecs.Count > 0 && limit is null) throw MilvusError.InvalidParameter("ORDER BY requires explicit limit");
        if (orderSpecs.Count > 0 && request.QueryParams.Any(p => p.Key == "iterator" && p.Value is "True" or "true"))
            throw MilvusError.InvalidParameter("ORDER BY with iterator is not supported");
        var isCount = outputs.Any(f => f.Equals(CountStar, StringComparison.OrdinalIgnoreCase));
        if (isCount && outputs.Count > 1) throw MilvusError.InvalidParameter("count entities with other output fields is not allowed");
        if (isCount && limit is not null) throw MilvusError.InvalidParameter("count entities with pagination is not allowed");
        if (!isCount)
        {
            if (string.IsNullOrWhiteSpace(request.Expr) && limit is null) throw MilvusError.InvalidParameter("empty expression should be used with limit");
            ValidateWindow(limit ?? 1, offset, "limit");
        }
        var timezone = TimestamptzValues.RequestTimezone(request.QueryParams, c);
        var filter = string.IsNullOrWhiteSpace(request.Expr) ? null : FilterExpression.Parse(request.Expr, c.Schema, request.ExprTemplateValues, timezone);
        var orderBy = QueryOrderBy.Parse(orderSpecs, c.Schema);
        var matches = Matching(c, views, filter);
        if (orderBy is not null) matches = orderBy.Sort(matches);
        var reply = new QueryResults { Status = Ok(), CollectionName = c.Name, PrimaryFieldName = c.PrimaryField.Name, SessionTs = _core.Oracle.Last };
        if (isCount)
        {
            var count = new FieldData { Type = DataType.Int64, FieldName = CountStar, Scalars = new ScalarField { LongData = new LongArray() } };
            count.Scalars.LongData.Data.Add(matches.Count);
            reply.FieldsData.Add(count);
            reply.OutputFields.Add(CountStar);
            return reply;
        }
        var plan = OutputPlan.Resolve(c, outputs, includePrimaryKey: true);
        List<long[]>? elements = null;
        if (filter is { IsElementLevel: true })
            (matches, elements) = MatchingElements(filter, matches, c.PrimaryField.Name, ElementIterationCursor.From(request.QueryParams, c.PrimaryField));
        var start = Math.Min(offset, matches.Count);
        var rows = matches.GetRange(start, Math.Min(limit ?? int.MaxValue, matches.Count - start));
        reply.FieldsData.Add(plan.Build(rows));
        if (elements is not null)
            reply.ElementIndices.Add(elements.GetRange(start, rows.Count).Select(o => new ElementIndices { Indices = new LongArray { Data = { o } } }));
        TimestamptzValues.ToText(reply.FieldsData, timezone);
        MessageLimits.CheckOutputSize("query", reply.CalculateSize());
        reply.OutputFields.Add(plan.Names);
        return reply;
    });

    /// <summary>
    /// An element-level query's entities with the offsets of their struct elements that satisfy the element_filter
    /// (sent as element_indices; pymilvus 3.0 expands each entity into one row per offset). An iterator's element
    /// cursor drops the elements already returned, and an entity left with none.
    /// </summary>
    private static (List<(IRowSet Rows, int Row)> Matches, List<long[]> Offsets) MatchingElements(FilterExpression filter,
        List<(IRowSet Rows, int Row)> matches, string primaryField, ElementIterationCursor? cursor)
    {
        var perRowSet = matches.Select(r => r.Rows).Distinct().ToDictionary(set => set, set => filter.ElementOffsets(set)!);
        var kept = new List<(IRowSet Rows, int Row)>(matches.Count);
        var offsets = new List<long[]>(matches.Count);
        foreach (var match in matches)
        {
            var elements = perRowSet[match.Rows][match.Row];
            if (cursor is not null) elements = cursor.Remaining(PrimaryKeys.At(match.Rows.GetColumn(primaryField)!, match.Row), elements);
            if (elements.Length == 0) continue;
            kept.Add(match);
            offsets.Add(elements);
        }
        return (kept, offsets);
    }

    /// <summary>The collection and the loaded segments a search or query reads (code 101/201 when not loaded; waits for a background load).</summary>
    internal (CollectionMeta Collection, SegmentView[] Views) ReadScope(string requestDb, string collectionName, IList<string> partitionNames,
        string operation, ServerCallContext context)
    {
        lock (_core.Gate)
        {
            var c = _core.Collection(DbName(requestDb, context), collectionName);
            if (_core.AwaitLoaded(c.Id)) c = _core.Collection(DbName(requestDb, context), collectionName);
            if (partitionNames.Count > 0 && c.PartitionKeyField is not null)
                throw MilvusError.PartitionNameInPartitionKeyMode(plain: operation != "query");
            var partitions = partitionNames.Count == 0 ? null : partitionNames.Select(n => c.FindPartition(n) ?? throw MilvusError.PartitionNotFound(n)).ToList();
            if (!c.IsLoaded) throw MilvusError.CollectionNotLoaded(operation, c.Id);
            foreach (var p in partitions?.Where(p => !p.Loaded) ?? []) throw MilvusError.PartitionNotLoaded(operation, p.Name);
            var data = _core.LoadedData(c.Id) ?? _core.Load(c);
            // Every partition loaded and none named: the published views as they are (an immutable array), no filtering.
            if (partitions is null && c.Partitions.TrueForAll(p => p.Loaded)) return (c.Snapshot(), data.Snapshot);
            partitions ??= c.Partitions.Where(p => p.Loaded).ToList();
            var ids = partitions.Select(p => p.Id).ToHashSet();
            return (c.Snapshot(), data.Snapshot.Where(v => ids.Contains(v.Segment.PartitionId)).ToArray());
        }
    }

    /// <summary>Live rows passing the filter, one per primary key (the latest write), in primary-key order.</summary>
    private static List<(IRowSet Rows, int Row)> Matching(CollectionMeta c, SegmentView[] views, FilterExpression? filter)
    {
        var latest = new Dictionary<object, (SegmentView View, int Row)>();
        var expiry = TimeToLive.For(c);
        foreach (var view in views)
        {
            var mask = filter?.Evaluate(view);
            var pk = view.Segment.Column(c.PrimaryField.FieldID)!;
            for (var row = 0; row < view.RowCount; row++)
            {
                if (view.Deleted[row] || (mask is not null && !mask[row]) || expiry.IsExpired(view.Segment, row)) continue;
                var key = PrimaryKeys.At(pk, row);
                if (!latest.TryGetValue(key, out var seen) || seen.View.Segment.Timestamps[seen.Row] <= view.Segment.Timestamps[row])
                    latest[key] = (view, row);
            }
        }
        var keys = latest.Keys.ToList();
        if (c.PrimaryField.DataType == DataType.Int64) keys.Sort((a, b) => ((long)a).CompareTo((long)b));
        else keys.Sort((a, b) => string.CompareOrdinal((string)a, (string)b));
        return keys.Select(k => ((IRowSet)latest[k].View, latest[k].Row)).ToList();
    }

    private static int? IntParam(IEnumerable<KeyValuePair> parameters, string key)
    {
        var text = parameters.FirstOrDefault(p => p.Key == key)?.Value;
        if (text is null) return null;
        if (!long.TryParse(text, out var value)) throw MilvusError.InvalidParameter($"{key} [{text}] is invalid, should be an integer");
        return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
    }

    private static void ValidateWindow(long limit, long offset, string limitName)
    {
        if (offset < 0) throw MilvusError.InvalidParameter($"offset [{offset}] is invalid, should be gte than 0");
        if (limit <= 0) throw MilvusError.InvalidParameter($"{limitName} [{limit}] is invalid, should be greater than 0");
        if (limit + offset > MaxQueryResultWindow)
            throw MilvusError.InvalidParameter($"invalid max query result window, (offset+limit) should be in range [1, {MaxQueryResultWindow}], but got {limit + offset}");
    }
}
