using System.Text.Json;
using Milvus.Client.Tests.Support;
using static Milvus.Client.Tests.Support.Rows;

namespace Milvus.Client.Tests.Local;

/// <summary>Insert, upsert, delete, get, query and search against the local engine, checked value by value.</summary>
public class DataTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Insert_get_query_delete(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        var result = await client.InsertAsync("books", Books(5));
        Assert.Equal(5, result.InsertCount);
        Assert.Equal(new object[] { 0L, 1L, 2L, 3L, 4L }, result.Ids);

        var got = await client.GetAsync("books", new object[] { 3L, 1L }, outputFields: new[] { "id", "title", "tag", "vector" });
        var byId = got.ToDictionary(r => (long)r["id"]!);
        Assert.Equal(new[] { 1L, 3L }, byId.Keys.OrderBy(k => k));
        Assert.Equal("t3", byId[3]["title"]!.ToString());
        Assert.Equal("odd", ((JsonElement)byId[3]["tag"]!).GetString());
        Assert.Equal(new float[] { 3, 0, 0, 1 }, (float[])byId[3]["vector"]!);

        var rows = await client.QueryAsync("books", "tag == \"even\"", outputFields: new[] { "id" });
        Assert.Equal(new[] { 0L, 2L, 4L }, rows.Select(r => (long)r["id"]!).OrderBy(x => x));

        var templated = await client.QueryAsync("books", "id in {ids}", outputFields: new[] { "id" },
            options: new QueryOptions { FilterParams = new Dictionary<string, object?> { ["ids"] = new long[] { 1, 4 } } });
        Assert.Equal(new[] { 1L, 4L }, templated.Select(r => (long)r["id"]!).OrderBy(x => x));

        var paged = await client.QueryAsync("books", "id >= 0", outputFields: new[] { "id" }, options: new QueryOptions { Limit = 2, Offset = 1 });
        Assert.Equal(new[] { 1L, 2L }, paged.Select(r => (long)r["id"]!));

        var deleted = await client.DeleteAsync("books", ids: new object[] { 0L, 1L });
        Assert.Equal(2, deleted.DeleteCount);
        var byFilter = await client.DeleteAsync("books", filter: "id == 4");
        Assert.Equal(1, byFilter.DeleteCount);
        var left = await client.QueryAsync("books", "id >= 0", outputFields: new[] { "id" });
        Assert.Equal(new[] { 2L, 3L }, left.Select(r => (long)r["id"]!).OrderBy(x => x));
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Search_returns_exact_cosine_scores(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.InsertAsync("books", Books(4));
        var results = await client.SearchAsync("books", new object[] { new float[] { 1, 0, 0, 1 }, new float[] { 0, 0, 0, 1 } }, limit: 3,
            outputFields: new[] { "title", "tag" });
        Assert.Equal(2, results.Count);
        var first = results[0];
        Assert.Equal(new object[] { 1L, 2L, 3L }, first.Ids);
        Assert.Equal(1f, first[0].Distance, 5);
        Assert.Equal(3 / (MathF.Sqrt(5) * MathF.Sqrt(2)), first[1].Distance, 5);
        Assert.Equal(4 / (MathF.Sqrt(10) * MathF.Sqrt(2)), first[2].Distance, 5);
        Assert.Equal("t1", first[0]["title"]!.ToString());
        Assert.Equal("odd", ((JsonElement)first[0]["tag"]!).GetString());
        Assert.Equal(1L, first[0]["id"]);
        Assert.Equal(new object[] { 0L, 1L, 2L }, results[1].Ids);

        var filtered = await client.SearchAsync("books", new object[] { new float[] { 1, 0, 0, 1 } }, filter: "id > {min}", limit: 10,
            options: new SearchOptions { FilterParams = new Dictionary<string, object?> { ["min"] = 1 } });
        Assert.Equal(new object[] { 2L, 3L }, filtered[0].Ids);
        Assert.Empty(filtered[0][0].Entity);
    }

    [Fact]
    public async Task Search_accepts_memory_half_and_number_lists()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.InsertAsync("books", new[]
        {
            Row(("id", 10L), ("vector", new ReadOnlyMemory<float>(new float[] { 1, 0, 0, 0 }))),
            Row(("id", 11L), ("vector", new object[] { 0, 1.0, 0f, 0 })),
            Row(("id", 12L), ("vector", new double[] { 0, 0, 1, 0 })),
        });
        var hits = await client.SearchAsync("books", new object[] { new ReadOnlyMemory<float>(new float[] { 0, 1, 0, 0 }) }, limit: 1);
        Assert.Equal(11L, hits[0][0].Id);
        var byList = await client.SearchAsync("books", new object[] { new List<object> { 0, 0, 1, 0 } }, limit: 1);
        Assert.Equal(12L, byList[0][0].Id);
    }

    [Fact]
    public async Task Upsert_replaces_and_partial_update_keeps_other_fields()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        var schema = AsyncMilvusClient.CreateSchema();
        schema.AddField("id", DataType.Int64, isPrimary: true)
              .AddField("vector", DataType.FloatVector, dim: 2)
              .AddField("name", DataType.VarChar, maxLength: 20)
              .AddField("price", DataType.Float, nullable: true);
        await client.CreateCollectionAsync("items", schema: schema,
            indexParams: AsyncMilvusClient.PrepareIndexParams("vector", "FLAT", metricType: MetricType.L2));
        await client.InsertAsync("items", new[] { Row(("id", 1L), ("vector", new float[] { 1, 2 }), ("name", "pen"), ("price", 2.5f)) });
        var up = await client.UpsertAsync("items", new[] { Row(("id", 1L), ("vector", new float[] { 3, 4 }), ("name", "ink"), ("price", null)) });
        Assert.Equal(1, up.UpsertCount);
        var row = (await client.GetAsync("items", new object[] { 1L }))[0];
        Assert.Equal("ink", row["name"]);
        Assert.Null(row["price"]);
        Assert.Equal(new float[] { 3, 4 }, (float[])row["vector"]!);

        await client.UpsertAsync("items", new[] { Row(("id", 1L), ("price", 9.75f)) }, options: new UpsertOptions { PartialUpdate = true });
        row = (await client.GetAsync("items", new object[] { 1L }))[0];
        Assert.Equal("ink", row["name"]);
        Assert.Equal(9.75f, row["price"]);
    }

    [Fact]
    public async Task Nullable_default_json_array_and_dynamic_values_round_trip()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        var schema = AsyncMilvusClient.CreateSchema(enableDynamicField: true);
        schema.AddField("id", DataType.VarChar, isPrimary: true, maxLength: 8)
              .AddField("vector", DataType.FloatVector, dim: 2)
              .AddField("flag", DataType.Bool)
              .AddField("small", DataType.Int8)
              .AddField("count", DataType.Int32, defaultValue: 7)
              .AddField("note", DataType.VarChar, maxLength: 10, nullable: true)
              .AddField("meta", DataType.Json)
              .AddField("tags", DataType.Array, elementType: DataType.Int64, maxCapacity: 3);
        await client.CreateCollectionAsync("things", schema: schema,
            indexParams: AsyncMilvusClient.PrepareIndexParams("vector", "FLAT", metricType: MetricType.IP));
        await client.InsertAsync("things", new[]
        {
            Row(("id", "a"), ("vector", new float[] { 1, 0 }), ("flag", true), ("small", (sbyte)-3), ("meta", new Dictionary<string, object?> { ["k"] = 1 }),
                ("tags", new long[] { 1, 2 }), ("color", "red")),
            Row(("id", "b"), ("vector", new float[] { 0, 1 }), ("flag", false), ("small", 4), ("count", 9), ("note", "hi"),
                ("meta", "{\"k\": [1, 2]}"), ("tags", new List<object> { 5 })),
        });
        var rows = (await client.QueryAsync("things", "id in ['a', 'b']", outputFields: new[] { "*" })).OrderBy(r => (string)r["id"]!).ToList();
        Assert.Equal(true, rows[0]["flag"]);
        Assert.Equal((sbyte)-3, rows[0]["small"]);
        Assert.Equal(7, rows[0]["count"]);
        Assert.Null(rows[0]["note"]);
        Assert.Equal(1, ((JsonElement)rows[0]["meta"]!).GetProperty("k").GetInt32());
        Assert.Equal(new List<object?> { 1L, 2L }, rows[0]["tags"]);
        Assert.Equal("red", ((JsonElement)rows[0]["color"]!).GetString());
        Assert.Equal(9, rows[1]["count"]);
        Assert.Equal("hi", rows[1]["note"]);
        Assert.Equal(2, ((JsonElement)rows[1]["meta"]!).GetProperty("k").GetArrayLength());
        Assert.False(rows[1].ContainsKey("color"));
    }

    [Fact]
    public async Task Bad_rows_raise_pymilvus_messages_and_write_nothing()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        var schema = AsyncMilvusClient.CreateSchema();
        schema.AddField("id", DataType.Int64, isPrimary: true).AddField("vector", DataType.FloatVector, dim: 2).AddField("name", DataType.VarChar, maxLength: 3);
        await client.CreateCollectionAsync("t", schema: schema, indexParams: AsyncMilvusClient.PrepareIndexParams("vector", "FLAT", metricType: MetricType.L2));

        var unknown = await Assert.ThrowsAsync<DataNotMatchException>(() =>
            client.InsertAsync("t", new[] { Row(("id", 1L), ("vector", new float[] { 1, 2 }), ("name", "a"), ("extra", 1)) }));
        Assert.Equal("Attempt to insert an unexpected field `extra` to collection without enabling dynamic field", unknown.Message);

        var missing = await Assert.ThrowsAsync<DataNotMatchException>(() => client.InsertAsync("t", new[] { Row(("id", 1L), ("vector", new float[] { 1, 2 })) }));
        Assert.Equal("Insert missed an field `name` to collection without set nullable==true or set default_value", missing.Message);

        var wrongType = await Assert.ThrowsAsync<DataNotMatchException>(() =>
            client.InsertAsync("t", new[] { Row(("id", "x"), ("vector", new float[] { 1, 2 }), ("name", "a")) }));
        Assert.Equal("The Input data type is inconsistent with defined schema, {id} field should be a int64, but got a {String} instead.", wrongType.Message);

        var tooLong = await Assert.ThrowsAsync<ParamError>(() =>
            client.InsertAsync("t", new[] { Row(("id", 1L), ("vector", new float[] { 1, 2 }), ("name", "abcd")) }));
        Assert.Equal("invalid input of field (name), length of string exceeds max length. length: 4, max length: 3", tooLong.Message);

        var both = await Assert.ThrowsAsync<ParamError>(() => client.DeleteAsync("t", ids: new object[] { 1L }, filter: "id > 0"));
        Assert.Equal("Ambiguous filter parameter, only one deletion condition can be specified.", both.Message);
        var queryBoth = await Assert.ThrowsAsync<ParamError>(() => client.QueryAsync("t", "id > 0", ids: new object[] { 1L }));
        Assert.Equal("Ambiguous parameter, either ids or filter should be specified, cannot support both.", queryBoth.Message);

        Assert.Equal(0, (await client.InsertAsync("t", Array.Empty<IReadOnlyDictionary<string, object?>>())).InsertCount);
        Assert.Empty(await client.QueryAsync("t", "id >= 0"));
    }

    [Fact]
    public async Task Query_iterator_pages_by_primary_key_with_limit_and_offset()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.InsertAsync("books", Books(10));
        var pages = new List<List<long>>();
        await foreach (var page in client.QueryIterator("books", batchSize: 3, outputFields: new[] { "id" }))
            pages.Add(page.Select(r => (long)r["id"]!).ToList());
        Assert.Equal(new[] { new long[] { 0, 1, 2 }, new long[] { 3, 4, 5 }, new long[] { 6, 7, 8 }, new long[] { 9 } }, pages.Select(p => p.ToArray()));

        var limited = new List<long>();
        await foreach (var page in client.QueryIterator("books", batchSize: 4, limit: 5, filter: "id >= 2", outputFields: new[] { "id" },
            options: new QueryIteratorOptions { Offset = 1 }))
            limited.AddRange(page.Select(r => (long)r["id"]!));
        Assert.Equal(new long[] { 3, 4, 5, 6, 7 }, limited);
    }

    [Fact]
    public async Task Search_iterator_pages_through_hits_in_score_order()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.InsertAsync("books", Books(7));
        var pages = new List<object[]>();
        await foreach (var page in client.SearchIterator("books", new float[] { 1, 0, 0, 1 }, batchSize: 3))
            pages.Add(page.Select(h => h.Id).ToArray());
        Assert.Equal(new[] { new object[] { 1L, 2L, 3L }, new object[] { 4L, 5L, 6L }, new object[] { 0L } }, pages);

        var limited = new List<object>();
        await foreach (var page in client.SearchIterator("books", new float[] { 1, 0, 0, 1 }, batchSize: 3, limit: 5, filter: "id != 2"))
            limited.AddRange(page.Select(h => h.Id));
        Assert.Equal(new object[] { 1L, 3L, 4L, 5L, 6L }, limited);
    }

    [Fact]
    public async Task Sparse_binary_float16_and_int8_vectors_round_trip_and_search()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        var schema = AsyncMilvusClient.CreateSchema();
        schema.AddField("id", DataType.Int64, isPrimary: true)
              .AddField("sp", DataType.SparseFloatVector)
              .AddField("bin", DataType.BinaryVector, dim: 16)
              .AddField("half", DataType.Float16Vector, dim: 2)
              .AddField("i8", DataType.Int8Vector, dim: 2);
        var indexes = AsyncMilvusClient.PrepareIndexParams("sp", "SPARSE_INVERTED_INDEX", metricType: MetricType.IP)
            .AddIndex("bin", "BIN_FLAT", metricType: MetricType.Hamming)
            .AddIndex("half", "FLAT", metricType: MetricType.L2)
            .AddIndex("i8", "HNSW", metricType: MetricType.L2, parameters: new Dictionary<string, object?> { ["M"] = 8, ["efConstruction"] = 64 });
        await client.CreateCollectionAsync("vecs", schema: schema, indexParams: indexes);
        await client.InsertAsync("vecs", new[]
        {
            Row(("id", 1L), ("sp", new Dictionary<int, float> { [3] = 0.5f, [10] = 1f }), ("bin", new byte[] { 0xFF, 0x00 }),
                ("half", new[] { (Half)1, (Half)0 }), ("i8", new sbyte[] { 1, 0 })),
            Row(("id", 2L), ("sp", new Dictionary<int, float> { [3] = 2f }), ("bin", new byte[] { 0x0F, 0x00 }),
                ("half", new[] { (Half)0, (Half)1 }), ("i8", new sbyte[] { 0, 1 })),
        });
        var row = (await client.GetAsync("vecs", new object[] { 1L }))[0];
        Assert.Equal(new Dictionary<uint, float> { [3] = 0.5f, [10] = 1f }, row["sp"]);
        Assert.Equal(new byte[] { 0xFF, 0x00 }, row["bin"]);
        Assert.Equal(new byte[] { 0x00, 0x3c, 0x00, 0x00 }, row["half"]);
        Assert.Equal(new byte[] { 1, 0 }, row["i8"]);

        var sparse = await client.SearchAsync("vecs", new object[] { new Dictionary<int, float> { [3] = 1f } }, annsField: "sp", limit: 2);
        Assert.Equal(new object[] { 2L, 1L }, sparse[0].Ids);
        Assert.Equal(new[] { 2f, 0.5f }, sparse[0].Distances);
        var hamming = await client.SearchAsync("vecs", new object[] { new byte[] { 0x0F, 0x00 } }, annsField: "bin", limit: 2);
        Assert.Equal(new object[] { 2L, 1L }, hamming[0].Ids);
        Assert.Equal(new[] { 0f, 4f }, hamming[0].Distances);
        var half = await client.SearchAsync("vecs", new object[] { new[] { (Half)0, (Half)1 } }, annsField: "half", limit: 1);
        Assert.Equal(2L, half[0][0].Id);
        var int8 = await client.SearchAsync("vecs", new object[] { new sbyte[] { 1, 0 } }, annsField: "i8", limit: 1);
        Assert.Equal(1L, int8[0][0].Id);
    }

    [Fact]
    public async Task Session_consistency_sees_own_writes()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.InsertAsync("books", Books(2));
        var rows = await client.QueryAsync("books", "id >= 0", options: new QueryOptions { ConsistencyLevel = ConsistencyLevel.Session });
        Assert.Equal(2, rows.Count);
        var strong = await client.QueryAsync("books", "", options: new QueryOptions { Limit = 10, ConsistencyLevel = ConsistencyLevel.Strong });
        Assert.Equal(2, strong.Count);
    }
}
