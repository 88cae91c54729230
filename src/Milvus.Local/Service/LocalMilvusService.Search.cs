using Grpc.Core;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Local.Errors;
using Milvus.Local.Expressions;
using Milvus.Local.Rpc;
using Milvus.Local.Search;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;

namespace Milvus.Local;

// Search: exact top-k per query vector with filter, range, offset, round_decimal, group-by and output fields.
public sealed partial class LocalMilvusService
{
    public const int MaxNq = 16384;

    private readonly IteratorCursors _iteratorCursors = new();

    /// <summary>One query's ranked hits, each with the row it came from.</summary>
    /// <summary>A hit as returned: an element-level search also names the struct element (<paramref name="Element"/>).</summary>
    internal sealed record RankedHit(float Score, SegmentView View, int Row, object Key, object? GroupValue, long? Element = null);

    public override Task<SearchResults> Search(SearchRequest request, ServerCallContext context) => Unlocked(context, () =>
    {
        if (request.SubReqs.Count > 0) throw MilvusError.NotSupported("search sub-requests");
        if (request.FunctionScore is not null) throw MilvusError.NotSupported("function score rerankers");
        if (request.FunctionChains.Count > 0) throw MilvusError.NotSupported("function chains");
        if (request.SearchAggregation is not null) throw MilvusError.NotSupported("search aggregation");
        var (c, views) = ReadScope(request.DbName, request.CollectionName, request.PartitionNames, "search", context);
        RefuseNamespace(request.HasNamespace);
        var p = LastSearchParameters.Parse(c, request.SearchParams);
        var highlighter = FullText.LexicalHighlighter.Parse(request.Highlighter);
        var ranked = RunSearch(c, views, p, request, context.CancellationToken);
        var reply = new SearchResults { Status = Ok(), CollectionName = c.Name, SessionTs = _core.Oracle.Last };
        reply.Results = ResultData(c, ranked, p.TopK, p.RoundDecimal, request.OutputFields, p.GroupBy, TimestamptzValues.RequestTimezone(request.SearchParams, c));
        if (highlighter is not null) reply.Results.HighlightResults.Add(Highlights(c, p, request, highlighter, ranked));
        MessageLimits.CheckOutputSize("search", reply.Results.CalculateSize());
        if (p.Iterator is { } page) reply.Results.SearchIteratorV2Results = NextIteratorPage(page, p.Metric, ranked, reply.Results);
        return reply;
    });

    /// <summary>The highlights of every hit; a full-text search highlights its search texts in the BM25 input field.</summary>
    private static List<Milvus.Protocol.Common.HighlightResult> Highlights(CollectionMeta c, SearchParameters p, SearchRequest request,
        FullText.LexicalHighlighter highlighter, List<RankedHit>[] ranked)
    {
        FieldSchema? searchField = null;
        List<string>? searchTexts = null;
        if (p.Metric == Metric.BM25 && FunctionRules.Bm25Producing(c.Schema, p.Field.FieldID) is { } function)
        {
            searchField = c.Schema.Fields.First(f => f.FieldID == function.InputFieldIds[0]);
            searchTexts = Milvus.Protocol.Common.PlaceholderGroup.Parser.ParseFrom(request.PlaceholderGroup)
                .Placeholders[0].Values.Select(v => v.ToStringUtf8()).ToList();
        }
        var hits = ranked.Select(q => (IReadOnlyList<(IRowSet, int)>)q.Select(h => ((IRowSet)h.View, h.Row)).ToList()).ToList();
        return highlighter.Apply(c.Schema, searchField, searchTexts, hits);
    }

    /// <summary>
    /// The token and last_bound of a search iterator page (Milvus's getLastBound: the last score when nq is 1,
    /// else the incoming bound, else the best possible score), remembering the page's last hit for ties.
    /// </summary>
    private SearchIteratorV2Results NextIteratorPage(SearchIteratorV2 page, Metric metric, List<RankedHit>[] ranked, SearchResultData data)
    {
        var bound = page.BoundWhenEmpty(metric);
        if (ranked.Length == 1 && ranked[0].Count > 0)
        {
            bound = data.Scores[^1];
            var last = ranked[0][^1];
            _iteratorCursors.Record(page.Token, bound, last.Score, last.Key);
        }
        return new SearchIteratorV2Results { Token = page.Token, LastBound = bound };
    }

    internal List<RankedHit>[] RunSearch(CollectionMeta c, SegmentView[] views, SearchParameters p, SearchRequest request, CancellationToken cancellationToken)
    {
        if (p.Metric == Metric.BM25 && request.SearchInputCase == SearchRequest.SearchInputOneofCase.Ids)
            throw MilvusError.InvalidParameter("please provide varchar/text for BM25 Function based search");
        var queries = request.SearchInputCase == SearchRequest.SearchInputOneofCase.Ids
            ? VectorsOfKeys(c, views, p.Field, request.Ids)
            : p.Metric == Metric.BM25
                ? FullText.FullTextQuery.FromPlaceholderGroup(c, p, request.PlaceholderGroup, CollectionSegments(c, views))
                : QueryVector.FromPlaceholderGroup(request.PlaceholderGroup, p.Field, IsElementLevel(p));
        if (p.Sparse is { } sparse) queries = queries.Select(q => q with { Sparse = sparse.Prune(q.Sparse!.Value) }).ToList();
        if (queries.Count == 0 || queries.Count > MaxNq)
            throw MilvusError.InvalidParameter($"nq (number of search vector per search request) should be in range [1, {MaxNq}], but got {queries.Count}");
        var filter = string.IsNullOrWhiteSpace(request.Dsl) ? null
            : FilterExpression.Parse(request.Dsl, c.Schema, request.ExprTemplateValues, TimestamptzValues.RequestTimezone(request.SearchParams, c));
        var expiry = TimeToLive.For(c);
        var masks = new RowMask[views.Length];
        var passing = 0L;
        for (var v = 0; v < views.Length; v++)
        {
            masks[v] = SearchMask(views[v], filter, expiry, p.Field);
            passing += masks[v].Passing;
        }
        var window = p.TopK + p.Offset;
        var keep = p.GroupBy is null ? window : (int)Math.Max(window, passing);
        var pk = c.PrimaryField.FieldID;
        // An iterator's pages break score ties by primary key, so the page after a tie knows where it stopped.
        var order = p.Iterator is null ? HitOrder.ByPosition(p.Metric)
            : HitOrder.ByPrimaryKey(p.Metric, hit => PrimaryKeys.At(views[hit.View].Segment.Column(pk)!, hit.Row));
        var cursor = p.Iterator is null ? null : _iteratorCursors.Resume(p.Iterator);
        // A request whose hits alone pass Milvus's output limit fails before any of them is collected.
        if (p.GroupBy is null)
            MessageLimits.CheckOutputSize("search", (long)queries.Count * Math.Min(window, passing) * MessageLimits.MinBytesPerHit);
        if (IsElementLevel(p))
            return [.. ElementLevelSearch.Run(views, masks, filter, p, queries, segment => _core.Indexes.Find(segment, p.Index.Id), cancellationToken)
                .Select(list => RankElements(c, views, list, p))];
        var hits = SearchExecutor.Run(views, masks, p, queries, keep, order, cursor, segment => _core.Indexes.Find(segment, p.Index.Id), cancellationToken);
        var ranked = new List<RankedHit>[hits.Length];
        for (var q = 0; q < hits.Length; q++) ranked[q] = Rank(c, views, hits[q], p);
        return ranked;
    }

    /// <summary>A struct's vector sub-field searched with a plain metric: each element is scored on its own (Milvus 3.0).</summary>
    private static bool IsElementLevel(SearchParameters p) => p.Field.DataType == DataType.ArrayOfVector && !p.Metric.IsEmbeddingList();

    /// <summary>
    /// Element-level hits of one query: every matching element is a hit of its own, so an entity may come back once per
    /// element; grouping by the primary key keeps each entity's best element (Milvus's grouping search on struct arrays).
    /// </summary>
    private static List<RankedHit> RankElements(CollectionMeta c, SegmentView[] views, List<ElementHit> hits, SearchParameters p)
    {
        var ranked = hits.Select(h =>
        {
            var view = views[h.View];
            var group = p.GroupBy is null ? null : GroupValue(view.GetColumn(p.GroupBy.Name), h.Row);
            return new RankedHit(h.Score, view, h.Row, PrimaryKeys.At(view.Segment.Column(c.PrimaryField.FieldID)!, h.Row), group, h.Element);
        }).ToList();
        return p.GroupBy is null ? ranked.Skip(p.Offset).Take(p.TopK).ToList() : Grouped(ranked, p);
    }

    /// <summary>Every segment of the collection (all partitions), over which BM25 statistics are kept.</summary>
    private IEnumerable<Segment> CollectionSegments(CollectionMeta c, SegmentView[] views)
        => (_core.LoadedData(c.Id)?.Snapshot ?? views).Select(v => v.Segment);

    /// <summary>
    /// The rows of a view a search may return: not deleted, not expired, passing the filter, and holding a vector in
    /// the searched field (a nullable vector field's null rows are no candidates, as in Milvus 3.0).
    /// </summary>
    private static RowMask SearchMask(SegmentView view, FilterExpression? filter, Expiry expiry, FieldSchema field)
    {
        var column = view.Segment.Column(field.FieldID);
        var nullVectors = field.Nullable;
        if (filter is null && expiry.None && (!nullVectors || column is { Validity: null }))
            return RowMask.Excluding(view);
        var mask = filter?.Evaluate(view);
        var allowed = new bool[view.RowCount];
        for (var row = 0; row < allowed.Length; row++)
            allowed[row] = !view.Deleted[row] && (mask is null || mask[row]) && !expiry.IsExpired(view.Segment, row)
                && (!nullVectors || column is not null && !column.IsNull(row));
        return RowMask.Of(allowed);
    }

    /// <summary>Best-first hits of one query without duplicate keys, grouped when asked, after the offset.</summary>
    private static List<RankedHit> Rank(CollectionMeta c, SegmentView[] views, List<Hit> hits, SearchParameters p)
    {
        var pk = c.PrimaryField.FieldID;
        // A short list is checked for repeated keys by a scan of the kept hits: no set to allocate for a top-10.
        var seen = hits.Count > SmallRanking ? new HashSet<object>(hits.Count) : null;
        var ranked = new List<RankedHit>(hits.Count);
        foreach (var hit in hits)
        {
            var view = views[hit.View];
            var key = PrimaryKeys.At(view.Segment.Column(pk)!, hit.Row);
            if (seen is null ? KeptAlready(ranked, key) : !seen.Add(key)) continue;
            var group = p.GroupBy is null ? null : GroupValue(view.GetColumn(p.GroupBy.Name), hit.Row);
            ranked.Add(new RankedHit(hit.Score, view, hit.Row, key, group));
        }
        if (p.GroupBy is not null) return Grouped(ranked, p);
        // The page after the offset, cut in place (a plain search keeps offset + limit hits, so usually nothing is cut).
        var skip = Math.Min(p.Offset, ranked.Count);
        ranked.RemoveRange(0, skip);
        if (ranked.Count > p.TopK) ranked.RemoveRange(p.TopK, ranked.Count - p.TopK);
        return ranked;
    }

    private const int SmallRanking = 32;

    private static bool KeptAlready(List<RankedHit> ranked, object key)
    {
        foreach (var kept in ranked)
            if (kept.Key.Equals(key)) return true;
        return false;
    }

    /// <summary>Best-first hits kept per group: at most group_size hits in each of the first offset+limit groups, after the offset.</summary>
    private static List<RankedHit> Grouped(List<RankedHit> ranked, SearchParameters p)
    {
        var groups = new List<object?>();
        var sizes = new Dictionary<string, int>();
        var kept = new List<RankedHit>();
        foreach (var hit in ranked)
        {
            var groupKey = hit.GroupValue?.ToString() ?? "\0null";
            if (!sizes.TryGetValue(groupKey, out var size))
            {
                if (groups.Count >= p.Offset + p.TopK) continue;
                groups.Add(hit.GroupValue);
                size = 0;
            }
            if (size >= p.GroupSize) continue;
            sizes[groupKey] = size + 1;
            kept.Add(hit);
        }
        var skipped = groups.Take(p.Offset).Select(g => g?.ToString() ?? "\0null").ToHashSet();
        return kept.Where(h => !skipped.Contains(h.GroupValue?.ToString() ?? "\0null")).ToList();
    }

    private static object? GroupValue(Column? column, int row) => column switch
    {
        null => null,
        _ when column.IsNull(row) => null,
        Int64Column i => i.Values[row],
        StringColumn s => s.Values[row],
        BoolColumn b => b.Values[row],
        _ => null,
    };

    /// <summary>The stored vectors of the given primary keys (search by ids), in the order given.</summary>
    private static List<QueryVector> VectorsOfKeys(CollectionMeta c, SegmentView[] views, FieldSchema field, IDs ids)
    {
        var wanted = PrimaryKeys.FromIds(ids);
        var found = new Dictionary<object, QueryVector>();
        var set = wanted.ToHashSet();
        foreach (var view in views)
        {
            var pk = view.Segment.Column(c.PrimaryField.FieldID)!;
            var vectors = view.Segment.Column(field.FieldID);
            for (var row = 0; row < view.RowCount; row++)
            {
                if (view.Deleted[row] || vectors is null) continue;
                var key = PrimaryKeys.At(pk, row);
                if (set.Contains(key)) found[key] = QueryVector.FromRow(field, vectors, row);
            }
        }
        var missing = wanted.Where(k => !found.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw MilvusError.InvalidParameter($"some of the provided primary key IDs do not exist: missing IDs = [{string.Join(" ", missing)}]");
        return wanted.Select(k => found[k]).ToList();
    }

    internal static SearchResultData ResultData(CollectionMeta c, IReadOnlyList<List<RankedHit>> perQuery, int topK, int roundDecimal,
        IEnumerable<string> outputFields, FieldSchema? groupBy, string timezone)
    {
        var plan = OutputPlan.Resolve(c, outputFields, includePrimaryKey: false);
        var all = new List<RankedHit>();
        foreach (var q in perQuery) all.AddRange(q);
        var primary = c.PrimaryField;
        var data = new SearchResultData { NumQueries = perQuery.Count, TopK = topK, PrimaryFieldName = primary.Name, Ids = Ids(primary.DataType, all) };
        foreach (var q in perQuery) data.Topks.Add(q.Count);
        var elements = false;
        foreach (var h in all)
        {
            data.Scores.Add(roundDecimal < 0 ? h.Score : (float)Math.Round(h.Score, roundDecimal, MidpointRounding.AwayFromZero));
            elements |= h.Element is not null;
        }
        if (plan.Names.Count > 0 || plan.Fields.Count > 0)
        {
            data.FieldsData.Add(plan.Build(all.Select(h => ((IRowSet)h.View, h.Row)).ToList()));
            TimestamptzValues.ToText(data.FieldsData, timezone);
            data.OutputFields.Add(plan.Names);
        }
        if (groupBy is not null)
            data.GroupByFieldValue = ColumnCodec.Encode(groupBy, all.Select(h => (h.View.GetColumn(groupBy.Name), h.Row)).ToList());
        if (elements) data.ElementIndices = new LongArray { Data = { all.Select(h => h.Element ?? 0) } };
        data.AllSearchCount = all.Count;
        return data;
    }

    /// <summary>The hits' primary keys as the reply's ids, unboxed straight into the typed array.</summary>
    private static IDs Ids(DataType pkType, List<RankedHit> hits)
    {
        if (pkType != DataType.Int64) return PrimaryKeys.ToIds(pkType, hits.Select(h => h.Key));
        var ids = new LongArray();
        foreach (var h in hits) ids.Data.Add((long)h.Key);
        return new IDs { IntId = ids };
    }
}
