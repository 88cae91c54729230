using Grpc.Core;
using Milvus.Local.Errors;
using Milvus.Local.Search;
using Milvus.Protocol.Api;

namespace Milvus.Local;

// HybridSearch: several sub-searches fused with RRF or weighted scores.
public sealed partial class LocalMilvusService
{
    public override Task<SearchResults> HybridSearch(HybridSearchRequest request, ServerCallContext context) => Unlocked(context, () =>
    {
        if (request.FunctionScore is not null) throw MilvusError.NotSupported("function score rerankers");
        if (request.FunctionChains.Count > 0) throw MilvusError.NotSupported("function chains");
        if (request.Requests.Count == 0) throw MilvusError.InvalidParameter("no ann search requests in hybrid search");
        var (c, views) = ReadScope(request.DbName, request.CollectionName, request.PartitionNames, "search", context);
        RefuseNamespace(request.HasNamespace);
        string? Param(string key) => request.RankParams.FirstOrDefault(p => p.Key == key)?.Value;
        var limit = IntParam(request.RankParams, "limit") ?? throw MilvusError.InvalidParameter("limit not found in rank_params");
        var offset = IntParam(request.RankParams, "offset") ?? 0;
        var round = IntParam(request.RankParams, "round_decimal") ?? -1;
        ValidateWindow(limit, offset, "limit");
        var reranker = Reranker.Parse(Param("strategy"), Param("params"), request.Requests.Count);

        var subResults = request.Requests.Select(sub =>
        {
            var p = SearchParameters.Parse(c, sub.SearchParams);
            return (p.Metric, Hits: RunSearch(c, views, p, sub, context.CancellationToken));
        }).ToList();
        var nq = subResults[0].Hits.Length;
        if (subResults.Any(s => s.Hits.Length != nq)) throw MilvusError.InvalidParameter("nq of all ann search requests must be the same");

        var metrics = subResults.Select(r => r.Metric).ToList();
        var mixed = metrics.Any(m => m.HigherIsBetter()) && metrics.Any(m => !m.HigherIsBetter());
        var descending = reranker.Descending(metrics);
        var fused = new List<RankedHit>[nq];
        for (var q = 0; q < nq; q++)
        {
            var scores = new Dictionary<object, (float Score, RankedHit Hit)>();
            for (var s = 0; s < subResults.Count; s++)
            {
                var hits = subResults[s].Hits[q];
                for (var rank = 0; rank < hits.Count; rank++)
                {
                    var hit = hits[rank];
                    var add = reranker.Contribution(s, rank + 1, hit.Score, subResults[s].Metric, mixed);
                    scores[hit.Key] = scores.TryGetValue(hit.Key, out var seen) ? (seen.Score + add, seen.Hit) : (add, hit);
                }
            }
            // Milvus sorts the fused scores, ties by primary key.
            fused[q] = scores.Values
                .Order(Comparer<(float Score, RankedHit Hit)>.Create((a, b) => a.Score != b.Score
                    ? (descending ? b.Score.CompareTo(a.Score) : a.Score.CompareTo(b.Score))
                    : HitOrder.CompareKeys(a.Hit.Key, b.Hit.Key)))
                .Skip(offset).Take(limit).Select(v => v.Hit with { Score = v.Score }).ToList();
        }
        var reply = new SearchResults { Status = Ok(), CollectionName = c.Name, SessionTs = _core.Oracle.Last };
        reply.Results = ResultData(c, fused, limit, round, request.OutputFields, null, Data.TimestamptzValues.CollectionTimezone(c.Properties));
        return reply;
    });
}
