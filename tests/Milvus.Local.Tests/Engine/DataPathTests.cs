using System.Text;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>Runs every test over both transports (see the derived classes at the end of the file).</summary>
public abstract class DataPathTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private static readonly float[][] Rows =
    [
        [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, 1, 0, 0], [0.5f, 0.5f, 0.5f, 0.5f],
    ];

    private void CreateBooks(bool dynamic = false)
    {
        Ok(_h.CreateCollection("books", dynamic, Int64Pk(), Vector("v", DataType.FloatVector, 4), VarChar("title", 16)));
        var result = _h.Insert("books", Longs("id", 1, 2, 3, 4, 5, 6), FloatVectors("v", 4, Rows),
            Strings("title", "a", "b", "c", "d", "e", "f"));
        Ok(result.Status);
        Assert.Equal(6, result.InsertCnt);
        Assert.Equal([1L, 2, 3, 4, 5, 6], result.IDs.IntId.Data);
        Assert.Equal(result.Timestamp >> 18, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), new UlongTolerance(5000));
    }

    private sealed class UlongTolerance(ulong tolerance) : IEqualityComparer<ulong>
    {
        public bool Equals(ulong x, ulong y) => (x > y ? x - y : y - x) <= tolerance;
        public int GetHashCode(ulong obj) => 0;
    }

    [Fact]
    public void Search_before_load_fails_with_collection_not_loaded()
    {
        CreateBooks();
        var id = _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "books" }).CollectionID;
        var reply = _h.Search("books", FloatPlaceholder(Rows[0]), 3);
        Fails(reply.Status, 101, $"failed to search: collection not loaded[collection={id}]");
        Fails(_h.Query("books", "id > 0").Status, 101, $"failed to query: collection not loaded[collection={id}]");
    }

    [Theory]
    [InlineData("L2")]
    [InlineData("IP")]
    [InlineData("COSINE")]
    public void Search_returns_exact_top_k_for_every_float_metric(string metric)
    {
        CreateBooks();
        _h.IndexAndLoad("books", "v", metric);
        float[] q = [0.9f, 0.3f, 0.1f, 0];
        var reply = _h.Search("books", FloatPlaceholder(q), 3, outputFields: ["title"]);
        Ok(reply.Status);
        var expected = Rows.Select((r, i) => (Id: i + 1L, Score: Score(metric, q, r)))
            .OrderBy(x => metric == "L2" ? x.Score : -x.Score).Take(3).ToList();
        Assert.Equal(expected.Select(e => e.Id), reply.Results.Ids.IntId.Data);
        for (var i = 0; i < 3; i++) Assert.Equal(expected[i].Score, reply.Results.Scores[i], 5);
        Assert.Equal([3L], reply.Results.Topks);
        Assert.Equal(expected.Select(e => ((char)('a' + e.Id - 1)).ToString()), reply.Results.FieldsData.Single().Scalars.StringData.Data);
    }

    private static float Score(string metric, float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0, l2 = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
            l2 += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return (float)(metric switch { "L2" => l2, "IP" => dot, _ => dot / Math.Sqrt(na * nb) });
    }

    [Fact]
    public void Search_with_filter_offset_round_decimal_and_several_queries()
    {
        CreateBooks();
        _h.IndexAndLoad("books", "v", "L2");
        var reply = _h.Search("books", FloatPlaceholder(Rows[0], Rows[3]), 2, filter: "id != 1", extra: [("offset", "1"), ("round_decimal", "2")]);
        Ok(reply.Status);
        Assert.Equal(2, reply.Results.NumQueries);
        Assert.Equal([2L, 2], reply.Results.Topks);
        // Query (1,0,0,0) without id 1: ids 5 and 6 tie at 1 (earlier row first), then 2/3/4 at 2; offset 1 skips id 5.
        // Query (0,0,0,1): 4 at 0, 6 at 1, then 1/2/3 at 2 (id 1 filtered out); offset 1 skips id 4.
        Assert.Equal([6L, 2, 6, 2], reply.Results.Ids.IntId.Data);
        Assert.Equal([1f, 2f, 1f, 2f], reply.Results.Scores);
    }

    [Fact]
    public void Search_limits_and_metric_mismatch_errors()
    {
        CreateBooks();
        _h.IndexAndLoad("books", "v", "COSINE");
        Fails(_h.Search("books", FloatPlaceholder(Rows[0]), 16385).Status, 1100,
            "topk [16385] is invalid, it should be in range [1, 16384], but got 16385: invalid parameter");
        Fails(_h.Search("books", FloatPlaceholder(Rows[0]), 10, extra: ("metric_type", "L2")).Status, 1100,
            "metric type not match: invalid parameter[expected=COSINE][actual=L2]");
        Fails(_h.Search("books", FloatPlaceholder(Rows[0]), 10000, extra: ("offset", "7000")).Status, 1100,
            "invalid max query result window, (offset+limit) should be in range [1, 16384], but got 17000: invalid parameter");
        Fails(_h.Search("books", FloatPlaceholder([1, 2, 3]), 1).Status, 1100,
            "vector dimension mismatch, expected vector size(byte) 16, actual 12: invalid parameter");
    }

    [Fact]
    public void Query_filters_pages_in_primary_key_order_and_counts()
    {
        CreateBooks();
        _h.IndexAndLoad("books", "v", "L2");
        var page = _h.Query("books", "id >= 2", ["title"], limit: 2, offset: 1);
        Ok(page.Status);
        Assert.Equal(["id", "title"], page.OutputFields);
        Assert.Equal([3L, 4], page.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data);
        Assert.Equal(["c", "d"], page.FieldsData.Single(f => f.FieldName == "title").Scalars.StringData.Data);
        var count = _h.Query("books", "title in [\"a\", \"f\"]", ["count(*)"]);
        Assert.Equal([2L], count.FieldsData.Single().Scalars.LongData.Data);
        Fails(_h.Query("books", "").Status, 1100, "empty expression should be used with limit: invalid parameter");
        Fails(_h.Query("books", "", ["count(*)"], limit: 3).Status, 1100, "count entities with pagination is not allowed: invalid parameter");
        Fails(_h.Query("books", "id > 0", ["nope"]).Status, 1100, "field nope not exist: invalid parameter");
    }

    [Fact]
    public void Delete_by_ids_and_by_filter_and_upsert_replace_rows()
    {
        CreateBooks();
        _h.IndexAndLoad("books", "v", "L2");
        var deleted = _h.Client.Delete(new DeleteRequest { CollectionName = "books", Expr = "id in [1, 2, 99]" });
        Ok(deleted.Status);
        Assert.Equal(2, deleted.DeleteCnt);
        Assert.Equal(1, _h.Client.Delete(new DeleteRequest { CollectionName = "books", Expr = "title == \"c\"" }).DeleteCnt);
        var upsert = _h.Client.Upsert(new UpsertRequest
        {
            CollectionName = "books", NumRows = 2,
            FieldsData = { Longs("id", 4, 7), FloatVectors("v", 4, [[9, 9, 9, 9], [1, 0, 0, 0]]), Strings("title", "d2", "g") },
        });
        Ok(upsert.Status);
        Assert.Equal(2, upsert.UpsertCnt);
        var all = _h.Query("books", "id > 0", ["title"]);
        Assert.Equal([4L, 5, 6, 7], all.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data);
        Assert.Equal(["d2", "e", "f", "g"], all.FieldsData.Single(f => f.FieldName == "title").Scalars.StringData.Data);
        var hit = _h.Search("books", FloatPlaceholder([1, 0, 0, 0]), 1);
        Assert.Equal([7L], hit.Results.Ids.IntId.Data);
        Assert.Equal(0f, hit.Results.Scores[0]);
    }

    [Fact]
    public void Partial_update_keeps_the_fields_it_does_not_send()
    {
        CreateBooks();
        _h.IndexAndLoad("books", "v", "L2");
        Ok(_h.Client.Upsert(new UpsertRequest { CollectionName = "books", NumRows = 1, PartialUpdate = true, FieldsData = { Longs("id", 2), Strings("title", "B") } }).Status);
        var row = _h.Query("books", "id == 2", ["title", "v"]);
        Assert.Equal(["B"], row.FieldsData.Single(f => f.FieldName == "title").Scalars.StringData.Data);
        Assert.Equal(Rows[1], row.FieldsData.Single(f => f.FieldName == "v").Vectors.FloatVector.Data);
    }

    [Fact]
    public void Acknowledged_writes_survive_reopen_without_flush()
    {
        CreateBooks();
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "books", Expr = "id in [6]" }).Status);
        _h.Reopen();
        _h.IndexAndLoad("books", "v", "L2");
        var all = _h.Query("books", "id > 0", ["v"]);
        Assert.Equal([1L, 2, 3, 4, 5], all.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data);
        Assert.Equal(Rows.Take(5).SelectMany(r => r), all.FieldsData.Single(f => f.FieldName == "v").Vectors.FloatVector.Data);
    }

    [Fact]
    public void Insert_validation_errors()
    {
        CreateBooks();
        Fails(_h.Insert("books", Longs("id", 1), FloatVectors("v", 4, [[1, 2, 3, 4]]), Strings("title", new string('x', 17))).Status, 1100,
            "length of varchar field title exceeds max length, row number: 0, length: 17, max length: 16: invalid parameter");
        Fails(_h.Insert("books", Longs("id", 1), FloatVectors("v", 4, [[1, 2, 3, 4]])).Status, 1100,
            "fieldSchema(title) has no corresponding fieldData pass in: invalid parameter");
        Fails(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "books", NumRows = 1,
            FieldsData = { Longs("id", 1), FloatVectors("v", 3, [[1, 2, 3]]), Strings("title", "x") },
        }).Status, 1100, "the dim (3) of field data(v) is not equal to schema dim (4): invalid parameter[expected=4][actual=3]");
        Fails(_h.Insert("nope", Longs("id", 1)).Status, 100, "collection not found[database=default][collection=nope]");
    }

    [Fact]
    public void Auto_id_dynamic_fields_and_statistics()
    {
        Ok(_h.CreateCollection("auto", true, Int64Pk("pk", autoId: true), Vector("v", DataType.FloatVector, 2)));
        var result = _h.Client.Insert(new InsertRequest
        {
            CollectionName = "auto", NumRows = 2,
            FieldsData = { FloatVectors("v", 2, [[1, 0], [0, 1]]), Json("$meta", true, "{\"color\":\"red\",\"n\":1}", "{\"color\":\"blue\"}") },
        });
        Ok(result.Status);
        var ids = result.IDs.IntId.Data;
        Assert.Equal(ids[0] + 1, ids[1]);
        Fails(_h.Client.Insert(new InsertRequest { CollectionName = "auto", NumRows = 1, FieldsData = { Longs("pk", 5), FloatVectors("v", 2, [[1, 0]]) } }).Status,
            1100, "can not assign primary field data when auto id enabled and allow_insert_auto_id is false pk: invalid parameter");
        Assert.Equal("2", _h.Client.GetCollectionStatistics(new GetCollectionStatisticsRequest { CollectionName = "auto" }).Stats.Single().Value);
        _h.IndexAndLoad("auto", "v", "IP");
        var q = _h.Query("auto", "color == \"red\"", ["color"]);
        Ok(q.Status);
        Assert.Equal(["pk", "color"], q.OutputFields);
        Assert.Equal("{\"color\":\"red\"}", Encoding.UTF8.GetString(q.FieldsData.Single(f => f.IsDynamic).Scalars.JsonData.Data.Single().ToByteArray()));
    }

    [Fact]
    public void Many_inserts_are_one_growing_segment_and_compaction_drops_deleted_rows()
    {
        Ok(_h.CreateCollection("seg", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        // The 16th insert's chunk makes the sealer combine them (still growing); the next inserts add chunks.
        for (var i = 0; i < 16; i++) Ok(_h.Insert("seg", Longs("id", i), FloatVectors("v", 2, [[i, 1]])).Status);
        _h.WaitForSeals();
        for (var i = 16; i < 20; i++) Ok(_h.Insert("seg", Longs("id", i), FloatVectors("v", 2, [[i, 1]])).Status);
        _h.WaitForSeals();
        // As on Milvus: one growing segment of the partition holds every insert until a flush or its size seals it.
        var infos = _h.Client.GetPersistentSegmentInfo(new GetPersistentSegmentInfoRequest { CollectionName = "seg" }).Infos;
        Assert.Equal([20L], infos.Select(i => i.NumRows));
        Assert.Equal(Milvus.Protocol.Common.SegmentState.Growing, infos[0].State);
        _h.IndexAndLoad("seg", "v", "L2");
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "seg", Expr = "id < 5" }).Status);
        // Like Milvus, row_count counts segment rows: deleted rows leave it only when compaction rewrites the segment.
        Assert.Equal("20", _h.Client.GetCollectionStatistics(new GetCollectionStatisticsRequest { CollectionName = "seg" }).Stats.Single().Value);
        var compaction = _h.Client.ManualCompaction(new ManualCompactionRequest { CollectionName = "seg" });
        Ok(compaction.Status);
        Assert.Equal(Milvus.Protocol.Common.CompactionState.Completed,
            _h.Client.GetCompactionState(new GetCompactionStateRequest { CompactionID = compaction.CompactionID }).State);
        Assert.Equal([15L], _h.Client.GetPersistentSegmentInfo(new GetPersistentSegmentInfoRequest { CollectionName = "seg" }).Infos.Select(i => i.NumRows));
        Assert.Equal("15", _h.Client.GetCollectionStatistics(new GetCollectionStatisticsRequest { CollectionName = "seg" }).Stats.Single().Value);
        Assert.Equal([15L], _h.Query("seg", "", ["count(*)"]).FieldsData.Single().Scalars.LongData.Data);
        var nearest = _h.Search("seg", FloatPlaceholder([0, 1]), 1);
        Assert.Equal([5L], nearest.Results.Ids.IntId.Data);
    }
}

public sealed class DataPathTestsInProcess() : DataPathTests(EngineTransport.InProcess);

public sealed class DataPathTestsOverKestrel() : DataPathTests(EngineTransport.Kestrel);
