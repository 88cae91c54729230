using System.Globalization;
using System.Text.Json;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;

namespace Milvus.Client.Internal.Conversion;

/// <summary>
/// The search_params KV list of a SearchRequest (pymilvus <c>prepare.search_requests_with_expr</c>): topk, round_decimal,
/// metric_type, anns_field, options, and "params" = the user's nested params merged with every other top-level search_params key.
/// </summary>
internal static class SearchParamsBuilder
{
    private static readonly HashSet<string> s_ownKeys = new(StringComparer.Ordinal) { "params", "offset", "ignore_growing" };

    public static List<KeyValuePair> Build(int limit, IDictionary<string, object?>? searchParams, string? annsField, SearchOptions options,
        IDictionary<string, object?>? extra = null)
    {
        if (limit <= 0) throw new ParamError($"limit must be a positive integer, got {limit}");
        if (options.RoundDecimal is < -1 or > 6) throw new ParamError($"round_decimal must be an integer between -1 and 6, got {options.RoundDecimal}");
        var user = searchParams ?? new Dictionary<string, object?>();
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (user.TryGetValue("params", out var nested) && nested is not null)
        {
            if (ValueCoercion.ToJsonTree(nested) is not Dictionary<string, object?> nestedMap)
                throw new ParamError("search_params[\"params\"] must be a dictionary");
            foreach (var (k, v) in nestedMap) merged[k] = v;
        }
        foreach (var (key, value) in user)
        {
            if (s_ownKeys.Contains(key)) continue;
            if (merged.TryGetValue(key, out var existing) && !Equals(ValueCoercion.JsonStr(existing), ValueCoercion.JsonStr(value)))
                throw new ParamError($"ambiguous parameter: {key} is given both in search_params and in search_params[\"params\"] with different values");
            merged[key] = value;
        }

        var kv = new List<KeyValuePair>();
        void Add(string key, object? value)
        {
            if (value is not null) kv.Add(new KeyValuePair { Key = key, Value = ValueCoercion.PythonStr(value) });
        }
        Add("topk", limit);
        Add("round_decimal", options.RoundDecimal);
        Add("ignore_growing", options.IgnoreGrowing ?? (user.TryGetValue("ignore_growing", out var ig) ? ig : false));

        var userOffset = user.TryGetValue("offset", out var uo) ? uo : null;
        if (options.Offset is not null && userOffset is not null) throw new ParamError("offset is given both in search_params and as an option");
        Add("offset", options.Offset ?? userOffset);
        if (merged.TryGetValue("metric_type", out var metric)) Add("metric_type", metric);
        if (!string.IsNullOrEmpty(annsField)) Add("anns_field", annsField);
        Add("hints", options.Hints);
        Add("analyzer_name", options.AnalyzerName);
        Add("group_by_field", options.GroupByField);
        Add("group_size", options.GroupSize);
        Add("strict_group_size", options.StrictGroupSize);
        if (options.OrderByFields is { Count: > 0 } order)
            Add("order_by_fields", string.Join(",", order.Select(o => $"{o.Field}:{o.Order}")));
        Add("json_path", options.JsonPath);
        Add("json_type", options.JsonType);
        Add("strict_cast", options.StrictCast);
        Add("timezone", options.Timezone);
        Add("time_fields", options.TimeFields);
        Add("cluster_id", options.ClusterId);
        if (extra is not null) foreach (var (k, v) in extra) Add(k, v);
        kv.Add(new KeyValuePair { Key = "params", Value = JsonSerializer.Serialize(merged) });
        return kv;
    }

    /// <summary>rank_params of a hybrid search: strategy + params for RRF/weighted, then limit, round_decimal, offset and grouping.</summary>
    public static List<KeyValuePair> RankParams(Ranker ranker, int limit, SearchOptions options)
    {
        var kv = new List<KeyValuePair>();
        void Add(string key, object? value)
        {
            if (value is not null) kv.Add(new KeyValuePair { Key = key, Value = ValueCoercion.PythonStr(value) });
        }
        switch (ranker)
        {
            case RrfRanker rrf:
                Add("strategy", "rrf");
                kv.Add(new KeyValuePair { Key = "params", Value = JsonSerializer.Serialize(new Dictionary<string, object> { ["k"] = rrf.K }) });
                break;
            case WeightedRanker weighted:
                Add("strategy", "weighted");
                kv.Add(new KeyValuePair
                {
                    Key = "params",
                    Value = JsonSerializer.Serialize(new Dictionary<string, object> { ["weights"] = weighted.Weights, ["norm_score"] = weighted.NormScore }),
                });
                break;
        }
        Add("limit", limit);
        Add("round_decimal", options.RoundDecimal);
        Add("offset", options.Offset ?? 0);
        Add("rank_group_scorer", options.RankGroupScorer);
        Add("group_by_field", options.GroupByField);
        Add("group_size", options.GroupSize);
        Add("strict_group_size", options.StrictGroupSize);
        Add("cluster_id", options.ClusterId);
        return kv;
    }

    /// <summary>Filter for primary keys: <c>pk in [1,2]</c>, or <c>pk in ['a','b']</c> for VARCHAR (single quotes, as pymilvus).</summary>
    public static string IdsFilter(string pkName, bool isString, IEnumerable<object> ids)
    {
        var items = ids.Select(id =>
        {
            if (isString)
            {
                if (!ValueCoercion.TryString(id, out var s)) throw new ParamError($"the primary key {pkName} is VARCHAR; got an id of type {ExceptionMessages.DescribeType(id)}");
                return $"'{s}'";
            }
            if (!ValueCoercion.TryLong(id, out var l)) throw new ParamError($"the primary key {pkName} is INT64; got an id of type {ExceptionMessages.DescribeType(id)}");
            return l.ToString(CultureInfo.InvariantCulture);
        });
        return $"{pkName} in [{string.Join(",", items)}]";
    }
}
