using System.Globalization;
using Milvus.Benchmarks.Data;
using Milvus.Protocol.Api;
using Milvus.Local.Tests.Engine;
using Milvus.Local.Tests.Indexes;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Search;

/// <summary>
/// Range search (radius and range_filter, per metric: L2 keeps range_filter &lt;= d &lt; radius, IP and COSINE keep
/// radius &lt; s &lt;= range_filter), group-by, iterator pages (v1: a band of radius / range_filter with iterator set;
/// v2: token and last_bound) and offset on a field with a graph, IVF or DISKANN index: each returns exactly the rows
/// Milvus defines, in the exact order with exact scores, checked against distances computed here.
/// </summary>
public abstract class IndexedFieldSearchTests(EngineTransport transport) : IndexedCollectionTests(transport, Dim)
{
    private const int Dim = 24;

    /// <summary>Rows by closeness to the query (id = row), with Milvus's score: L2 squared distance, IP / COSINE similarity.</summary>
    private List<(long Id, float Score)> Ranked(float[] query, string metric)
        => Data.Select((row, id) => (Id: (long)id, Distance: ClusteredVectors.Distance(query, row, metric)))
            .OrderBy(x => x.Distance).Select(x => (x.Id, metric == "L2" ? x.Distance : -x.Distance)).ToList();

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Exact(IEnumerable<(long Id, float Score)> expected, SearchResults reply)
    {
        Ok(reply.Status);
        Assert.Equal(expected.Select(e => e.Id), reply.Results.Ids.IntId.Data);
        Assert.All(expected.Zip(reply.Results.Scores), p => Assert.Equal(p.First.Score, p.Second, 1e-3f * Math.Max(1, Math.Abs(p.First.Score))));
    }

    private SearchResults Run(float[] query, int limit, params (string, string)[] extra) => _h.Search("c", FloatPlaceholder(query), limit, extra: extra);

    // Index type, metric, build params, and search params that reach every row (so an offset page is exact too); none
    // for IVF_SQ8, whose list scan ranks by its 8-bit codes.
    private static readonly (string Type, string Metric, string Build, string? EveryRow)[] Cases =
    [
        ("HNSW", "L2", "{\"M\": 16, \"efConstruction\": 100}", "{\"ef\": 3000}"),
        ("HNSW", "IP", "{\"M\": 16, \"efConstruction\": 100}", "{\"ef\": 3000}"),
        ("HNSW_SQ", "COSINE", "{\"M\": 16, \"efConstruction\": 100, \"sq_type\": \"FP16\", \"refine\": true, \"refine_type\": \"FP32\"}", "{\"ef\": 3000, \"refine_k\": 2}"),
        ("IVF_FLAT", "COSINE", "{\"nlist\": 16}", "{\"nprobe\": 16}"),
        ("IVF_SQ8", "IP", "{\"nlist\": 16}", null),
        ("DISKANN", "L2", "{\"max_degree\": 16}", "{\"search_list\": 3000}"),
    ];

    public static TheoryData<string, string, string> Indexes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var c in Cases) data.Add(c.Type, c.Metric, c.Build);
        return data;
    }

    public static TheoryData<string, string, string, string> IndexesReachingEveryRow()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var c in Cases.Where(c => c.EveryRow is not null)) data.Add(c.Type, c.Metric, c.Build, c.EveryRow!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Range_search_group_by_and_iterator_pages_are_exact(string indexType, string metric, string parameters)
    {
        CreateBuilt(indexType, metric, parameters);
        foreach (var query in Queries.Take(3))
        {
            var ranked = Ranked(query, metric);
            // Bounds halfway between neighbours: ranks 5..30 lie inside the band, whatever the metric's direction.
            var radius = (ranked[30].Score + ranked[31].Score) / 2;
            var rangeFilter = (ranked[4].Score + ranked[5].Score) / 2;
            var band = ranked.Skip(5).Take(26).ToList();
            Exact(ranked.Take(31), Run(query, 100, ("params", $"{{\"radius\": {Text(radius)}}}")));
            Exact(band, Run(query, 100, ("params", $"{{\"radius\": {Text(radius)}, \"range_filter\": {Text(rangeFilter)}}}")));
            // Iterator v1 pages are such bands, with iterator set (pymilvus SearchIterator).
            Exact(band, Run(query, 100, ("iterator", "True"), ("params", $"{{\"radius\": {Text(radius)}, \"range_filter\": {Text(rangeFilter)}}}")));

            var firstOfEachTag = ranked.GroupBy(r => r.Id % 1000).Select(g => g.First()).Take(5).ToList();
            var grouped = Run(query, 5, ("group_by_field", "tag"));
            Exact(firstOfEachTag, grouped);
            Assert.Equal(firstOfEachTag.Select(r => r.Id % 1000), grouped.Results.GroupByFieldValue.Scalars.LongData.Data);

            // Iterator v2: five pages of 7 walk ranks 0..34 in order.
            string? token = null, bound = null;
            var walked = new List<(long, float)>();
            for (var page = 0; page < 5; page++)
            {
                var extra = new List<(string, string)> { ("iterator", "True"), ("search_iter_v2", "True"), ("search_iter_batch_size", "7") };
                if (token is not null) extra.Add(("search_iter_id", token));
                if (bound is not null) extra.Add(("search_iter_last_bound", bound));
                var reply = Run(query, 7, [.. extra]);
                Ok(reply.Status);
                token = reply.Results.SearchIteratorV2Results.Token;
                bound = Text(reply.Results.SearchIteratorV2Results.LastBound);
                walked.AddRange(reply.Results.Ids.IntId.Data.Zip(reply.Results.Scores));
            }
            Assert.Equal(ranked.Take(35).Select(r => r.Id), walked.Select(w => w.Item1));
        }
    }

    [Theory]
    [MemberData(nameof(IndexesReachingEveryRow))]
    public void An_offset_page_of_a_search_reaching_every_row_is_the_exact_page(string indexType, string metric, string parameters, string everyRow)
    {
        CreateBuilt(indexType, metric, parameters);
        foreach (var query in Queries.Take(3))
            Exact(Ranked(query, metric).Skip(7).Take(10), Run(query, 10, ("offset", "7"), ("params", everyRow)));
    }
}

public sealed class InProcessIndexedFieldSearchTests() : IndexedFieldSearchTests(EngineTransport.InProcess);

public sealed class KestrelIndexedFieldSearchTests() : IndexedFieldSearchTests(EngineTransport.Kestrel);
