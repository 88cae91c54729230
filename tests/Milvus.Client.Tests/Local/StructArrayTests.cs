using Milvus.Client.Tests.Support;

namespace Milvus.Client.Tests.Local;

/// <summary>ARRAY of STRUCT fields through the client: schema builder, rows of dictionaries, embedding-list search.</summary>
public class StructArrayTests
{
    private static CollectionSchema Schema()
    {
        var clip = AsyncMilvusClient.CreateStructFieldSchema()
            .AddField("label", DataType.VarChar, maxLength: 16)
            .AddField("frame", DataType.Int64)
            .AddField("emb", DataType.FloatVector, dim: 2);
        var schema = AsyncMilvusClient.CreateSchema();
        schema.AddField("id", DataType.Int64, isPrimary: true);
        schema.AddField("vec", DataType.FloatVector, dim: 2);
        schema.AddField("clips", DataType.Array, elementType: DataType.Struct, structSchema: clip, maxCapacity: 4, description: "clips");
        return schema;
    }

    private static Dictionary<string, object?> Clip(string label, long frame, float[] emb) => new() { ["label"] = label, ["frame"] = frame, ["emb"] = emb };

    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows() =>
    [
        new Dictionary<string, object?> { ["id"] = 1L, ["vec"] = new float[] { 1, 0 }, ["clips"] = new[] { Clip("a", 10, [1, 0]), Clip("b", 20, [0, 1]) } },
        new Dictionary<string, object?> { ["id"] = 2L, ["vec"] = new float[] { 0, 1 }, ["clips"] = new[] { Clip("c", 30, [2, 1]) } },
    ];

    private static async Task<AsyncMilvusClient> PrepareAsync(LocalSetup setup, string metric)
    {
        var client = setup.Client;
        var index = AsyncMilvusClient.PrepareIndexParams()
            .AddIndex("vec", "FLAT", metricType: "L2")
            .AddIndex("clips[emb]", "HNSW", metricType: metric, parameters: new Dictionary<string, object?> { ["M"] = 16, ["efConstruction"] = 200 });
        await client.CreateCollectionAsync("docs", schema: Schema(), indexParams: index);
        await client.InsertAsync("docs", Rows());
        return client;
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Element_level_query_and_search_name_the_matching_elements(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = await PrepareAsync(setup, "L2");

        // As pymilvus 3.0: one row per matching element, its "offset" right after the first field.
        var rows = await client.QueryAsync("docs", "element_filter(clips, $[frame] >= 20)", outputFields: ["id"]);
        Assert.Equal(["1:1", "2:0"], rows.Select(r => $"{r["id"]}:{r["offset"]}").Order());
        Assert.Equal(["id", "offset"], rows[0].Keys);

        // Element-level search: a plain query vector against the struct's vector sub-field, one hit per element.
        var hits = (await client.SearchAsync("docs", [new float[] { 1, 0 }], annsField: "clips[emb]", limit: 3))[0];
        Assert.Equal(["1:0=0", "1:1=2", "2:0=2"], hits.Select(h => $"{h.Id}:{h.Offset}={h.Distance}"));
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task An_element_filter_iterator_pages_by_element(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = await PrepareAsync(setup, "L2");
        const string filter = "element_filter(clips, $[frame] >= 10)";

        // As pymilvus 3.0.1's query_iterator: rows expanded per element, the cursor (pk, offset) resumes inside an entity.
        async Task<string> PagesAsync(int batchSize, long limit = -1, long offset = 0)
        {
            var pages = new List<string>();
            await foreach (var page in client.QueryIterator("docs", batchSize, limit, filter, ["id"], options: new QueryIteratorOptions { Offset = offset }))
                pages.Add(string.Join(",", page.Select(r => $"{r["id"]}:{r["offset"]}")));
            return string.Join(" | ", pages);
        }

        Assert.Equal("1:0 | 1:1 | 2:0", await PagesAsync(1));
        Assert.Equal("1:0,1:1 | 2:0", await PagesAsync(2));
        Assert.Equal("1:0,1:1,2:0", await PagesAsync(5));
        Assert.Equal("1:0 | 1:1", await PagesAsync(1, limit: 2));
        Assert.Equal("1:1 | 2:0", await PagesAsync(1, offset: 1));
        Assert.Equal("2:0", await PagesAsync(3, offset: 2));
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task An_added_struct_field_takes_rows_with_and_without_a_value(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = setup.Client;
        var schema = AsyncMilvusClient.CreateSchema();
        schema.AddField("id", DataType.Int64, isPrimary: true);
        schema.AddField("vec", DataType.FloatVector, dim: 2);
        await client.CreateCollectionAsync("docs", schema: schema,
            indexParams: AsyncMilvusClient.PrepareIndexParams().AddIndex("vec", "FLAT", metricType: "L2"));
        await client.InsertAsync("docs", [new Dictionary<string, object?> { ["id"] = 1L, ["vec"] = new float[] { 1, 0 } }]);
        var clip = AsyncMilvusClient.CreateStructFieldSchema()
            .AddField("label", DataType.VarChar, maxLength: 16)
            .AddField("emb", DataType.FloatVector, dim: 2);
        await client.AddCollectionStructFieldAsync("docs", "clips", clip, 4);

        // pymilvus sends a missing or None struct of a nullable struct field as valid_data=false on every sub-field.
        await client.InsertAsync("docs",
        [
            new Dictionary<string, object?> { ["id"] = 2L, ["vec"] = new float[] { 0, 1 } },
            new Dictionary<string, object?> { ["id"] = 3L, ["vec"] = new float[] { 1, 1 }, ["clips"] = new[] { new Dictionary<string, object?> { ["label"] = "x", ["emb"] = new float[] { 3, 4 } } } },
            new Dictionary<string, object?> { ["id"] = 4L, ["vec"] = new float[] { 1, 2 }, ["clips"] = null },
        ]);

        var rows = await client.QueryAsync("docs", "id > 0", outputFields: ["clips"]);
        var byId = rows.ToDictionary(r => (long)r["id"]!, r => r["clips"] as List<Dictionary<string, object?>>);
        Assert.Equal([1L, 2L, 3L, 4L], byId.Keys.Order());
        Assert.Null(byId[1]);
        Assert.Null(byId[2]);
        Assert.Null(byId[4]);
        Assert.Equal("x", (string)byId[3]!.Single()["label"]!);
        Assert.Equal(new float[] { 3, 4 }, (float[])byId[3]!.Single()["emb"]!);
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Describe_shows_the_struct_field_as_built(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        await setup.Client.CreateCollectionAsync("docs", schema: Schema());
        var described = await setup.Client.DescribeCollectionAsync("docs");
        var clips = described.Fields.Single(f => f.Name == "clips");
        Assert.Equal((DataType.Array, DataType.Struct, 4, 102L), (clips.DataType, clips.ElementType, clips.MaxCapacity, clips.FieldId));
        Assert.Equal("clips", clips.Description);
        var subs = clips.StructSchema!.Fields;
        Assert.Equal(["label", "frame", "emb"], subs.Select(f => f.Name));
        Assert.Equal([DataType.VarChar, DataType.Int64, DataType.FloatVector], subs.Select(f => f.DataType));
        Assert.Equal([103L, 104, 105], subs.Select(f => f.FieldId));
        Assert.Equal((16, 2), (subs[0].MaxLength!.Value, subs[2].Dim!.Value));
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Rows_of_dictionaries_round_trip(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = await PrepareAsync(setup, "MAX_SIM_IP");
        var rows = await client.QueryAsync("docs", "id > 0", outputFields: ["clips"]);
        var clips = rows.Select(r => (List<Dictionary<string, object?>>)r["clips"]!).ToList();
        Assert.Equal([2, 1], clips.Select(c => c.Count));
        Assert.Equal(["a", "b"], clips[0].Select(e => (string)e["label"]!));
        Assert.Equal([10L, 20L], clips[0].Select(e => (long)e["frame"]!));
        Assert.Equal(new float[] { 0, 1 }, (float[])clips[0][1]["emb"]!);
        Assert.Equal(new float[] { 2, 1 }, (float[])clips[1][0]["emb"]!);
        var got = await client.GetAsync("docs", new object[] { 2L }, outputFields: ["clips[label]"]);
        var only = (List<Dictionary<string, object?>>)got.Single()["clips"]!;
        Assert.Equal(["label"], only.Single().Keys);
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Embedding_list_search_ranks_by_max_sim(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = await PrepareAsync(setup, "MAX_SIM_IP");
        var query = new EmbeddingList().Add(new float[] { 1, 0 }).Add(new float[] { 0, 1 });
        var results = await client.SearchAsync("docs", [query], limit: 2, annsField: "clips[emb]", outputFields: ["id"]);
        Assert.Equal(new object[] { 2L, 1L }, results.Single().Ids);
        Assert.Equal([3f, 2f], results.Single().Distances);
    }

    [Fact]
    public void Schema_builder_checks_follow_pymilvus()
    {
        var error = Assert.Throws<ParamError>(() => AsyncMilvusClient.CreateStructFieldSchema().AddField("tags", DataType.Array));
        Assert.Equal("Struct field schema does not support Array, ArrayOfVector or Struct", error.Message);
        var schema = AsyncMilvusClient.CreateSchema();
        error = Assert.Throws<ParamError>(() => schema.AddField("clips", DataType.Array, elementType: DataType.Struct, maxCapacity: 4));
        Assert.Equal("Param struct_schema is required when datatype is STRUCT", error.Message);
        error = Assert.Throws<ParamError>(() => schema.AddField("clips", DataType.Array, elementType: DataType.Struct, structSchema: new StructFieldSchema()));
        Assert.Equal("Param max_capacity is required when datatype is STRUCT", error.Message);
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    public async Task Struct_elements_must_carry_exactly_the_sub_fields(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = await PrepareAsync(setup, "MAX_SIM_IP");
        var missing = new Dictionary<string, object?> { ["id"] = 3L, ["vec"] = new float[] { 1, 1 }, ["clips"] = new[] { new Dictionary<string, object?> { ["label"] = "x", ["frame"] = 1L } } };
        var error = await Assert.ThrowsAsync<DataNotMatchException>(() => client.InsertAsync("docs", [missing]));
        Assert.Equal("Field 'clips': Element at index 0 missing required fields: {'emb'}", error.Message);
        var nullRow = new Dictionary<string, object?> { ["id"] = 3L, ["vec"] = new float[] { 1, 1 }, ["clips"] = null };
        error = await Assert.ThrowsAsync<DataNotMatchException>(() => client.InsertAsync("docs", [nullRow]));
        Assert.Equal("Field 'clips': Expected list, got NoneType", error.Message);
    }
}
