using System.Text.Json;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;

namespace Milvus.Client.Internal.Conversion;

/// <summary>Query and search replies to rows and hits (pymilvus <c>search_result</c>, query row extraction).</summary>
internal static class ResultConverter
{
    /// <summary>Rows of a query reply: field columns, $meta merged in, nullable → null.</summary>
    public static List<IReadOnlyDictionary<string, object?>> Rows(IList<FieldData> fields, IReadOnlyList<string>? requestedOutputs)
    {
        var count = fields.Count == 0 ? 0 : fields.Max(f => RowCount(f));
        var columns = fields.Select(f => (Field: f, Values: FieldDataReader.Read(f, count))).ToList();
        var dynamicOnly = DynamicKeysRequested(fields, requestedOutputs);
        var rows = new List<IReadOnlyDictionary<string, object?>>(count);
        for (var i = 0; i < count; i++)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            JsonElement? meta = null;
            foreach (var (field, values) in columns)
            {
                if (field.IsDynamic || field.FieldName == "$meta") meta = values[i] as JsonElement?;
                else row[field.FieldName] = values[i];
            }
            FieldDataReader.MergeDynamic(row, meta, dynamicOnly);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// An element-level query's rows (the reply has element_indices): as pymilvus 3.0, each entity becomes one row per
    /// matching struct element, with that element's <c>offset</c> right after the first field.
    /// </summary>
    public static List<IReadOnlyDictionary<string, object?>> ExpandElements(List<IReadOnlyDictionary<string, object?>> rows, IList<ElementIndices> elementIndices)
    {
        if (elementIndices.Count != rows.Count)
            throw new MilvusException(MilvusErrorCode.UnexpectedError, $"element_indices length ({elementIndices.Count}) != num_entities ({rows.Count})");
        var expanded = new List<IReadOnlyDictionary<string, object?>>();
        for (var i = 0; i < rows.Count; i++)
            foreach (var offset in elementIndices[i].Indices?.Data ?? [])
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in rows[i])
                {
                    row[key] = value;
                    if (row.Count == 1) row["offset"] = offset;
                }
                expanded.Add(row);
            }
        return expanded;
    }

    private static int RowCount(FieldData field)
        => field.ValidData.Count > 0 ? field.ValidData.Count : FieldDataReader.PayloadLength(field);

    /// <summary>When specific dynamic keys are requested, only those are expanded from $meta (pymilvus rule).</summary>
    private static HashSet<string>? DynamicKeysRequested(IList<FieldData> fields, IReadOnlyList<string>? outputs)
    {
        if (outputs is null || outputs.Count == 0 || outputs.Contains("*") || outputs.Contains("$meta")) return null;
        var fixedNames = new HashSet<string>(fields.Where(f => !f.IsDynamic).Select(f => f.FieldName), StringComparer.Ordinal);
        var keys = outputs.Where(o => !fixedNames.Contains(o)).ToHashSet(StringComparer.Ordinal);
        return keys;
    }

    public static SearchResults Search(SearchResultData data, IReadOnlyList<string>? requestedOutputs, int roundDecimal,
        Milvus.Protocol.Common.Status? status, ulong sessionTs)
    {
        var total = data.Ids?.IdFieldCase switch
        {
            IDs.IdFieldOneofCase.IntId => data.Ids.IntId.Data.Count,
            IDs.IdFieldOneofCase.StrId => data.Ids.StrId.Data.Count,
            _ => 0,
        };
        var entityRows = data.FieldsData.Count > 0 ? Rows(data.FieldsData, requestedOutputs) : null;
        var pkName = string.IsNullOrEmpty(data.PrimaryFieldName) ? "id" : data.PrimaryFieldName;
        var queries = new List<SearchHits>();
        var offset = 0;
        var topks = data.Topks.Count > 0 ? data.Topks.ToList() : (total > 0 ? new List<long> { total } : new List<long>());
        foreach (var topk in topks)
        {
            var hits = new List<SearchHit>((int)topk);
            for (var j = 0; j < topk && offset < total; j++, offset++)
            {
                object id = data.Ids!.IdFieldCase == IDs.IdFieldOneofCase.IntId ? data.Ids.IntId.Data[offset] : data.Ids.StrId.Data[offset];
                var score = offset < data.Scores.Count ? data.Scores[offset] : 0f;
                if (roundDecimal > 0) score = (float)Math.Round(score, roundDecimal, MidpointRounding.ToEven);
                IReadOnlyDictionary<string, object?> entity = entityRows is not null && offset < entityRows.Count
                    ? entityRows[offset]
                    : new Dictionary<string, object?>();
                hits.Add(new SearchHit(id, score, entity, pkName)
                {
                    Offset = data.ElementIndices is { } ei && offset < ei.Data.Count ? ei.Data[offset] : null,
                    Highlight = HighlightOf(data, offset),
                });
            }
            queries.Add(new SearchHits(hits));
        }
        return new SearchResults(queries, Extra(status), data.Recalls.ToList(), sessionTs);
    }

    private static IReadOnlyDictionary<string, HighlightInfo>? HighlightOf(SearchResultData data, int offset)
    {
        if (data.HighlightResults.Count == 0) return null;
        var result = new Dictionary<string, HighlightInfo>(StringComparer.Ordinal);
        foreach (var h in data.HighlightResults)
            if (offset < h.Datas.Count)
                result[h.FieldName] = new HighlightInfo(h.Datas[offset].Fragments.ToList(), h.Datas[offset].Scores.ToList());
        return result;
    }

    /// <summary>pymilvus <c>.extra</c>: cost and the scan statistics the server reports.</summary>
    public static Dictionary<string, object?> Extra(Milvus.Protocol.Common.Status? status)
    {
        var extra = new Dictionary<string, object?>(StringComparer.Ordinal) { ["cost"] = Internal.Transport.RpcStatus.CostOf(status) };
        if (status is null) return extra;
        foreach (var key in new[] { "scanned_remote_bytes", "scanned_total_bytes", "cache_hit_ratio" })
            if (status.ExtraInfo.TryGetValue(key, out var v))
                extra[key] = key == "cache_hit_ratio" && double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d
                    : long.TryParse(v, out var l) ? l : v;
        return extra;
    }
}
