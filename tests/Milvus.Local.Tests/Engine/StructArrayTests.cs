using System.Runtime.InteropServices;
using Google.Protobuf;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>Arrays of structs end to end over both transports (see the derived classes at the end of the file).</summary>
public abstract class StructArrayTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private static KeyValuePair Param(string key, string value) => new() { Key = key, Value = value };

    /// <summary>clips: ARRAY of STRUCT{label VARCHAR(16), score INT32, emb FLOAT_VECTOR(2)}, max_capacity 4.</summary>
    public static StructArrayFieldSchema Clips(int capacity = 4) => new()
    {
        Name = "clips", Description = "video clips",
        Fields =
        {
            new FieldSchema { Name = "label", DataType = DataType.Array, ElementType = DataType.VarChar, TypeParams = { Param("max_length", "16"), Param("max_capacity", capacity.ToString()) } },
            new FieldSchema { Name = "score", DataType = DataType.Array, ElementType = DataType.Int32, TypeParams = { Param("max_capacity", capacity.ToString()) } },
            new FieldSchema { Name = "emb", DataType = DataType.ArrayOfVector, ElementType = DataType.FloatVector, TypeParams = { Param("dim", "2"), Param("max_capacity", capacity.ToString()) } },
        },
    };

    private Status Create(StructArrayFieldSchema clips, bool dynamic = false)
    {
        var schema = new CollectionSchema { Name = "docs", EnableDynamicField = dynamic, Fields = { Int64Pk(), Vector("vec", DataType.FloatVector, 2) }, StructArrayFields = { clips } };
        return _h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "docs", Schema = schema.ToByteString() });
    }

    /// <summary>
    /// Creates and loads collection "docs" (id, vec, clips) with four rows, ids 1 to 4, whose clips are
    /// <paramref name="clips"/>; clips[emb] is indexed with <paramref name="embMetric"/> (MAX_SIM* for embedding-list
    /// search, a plain metric for element-level search).
    /// </summary>
    public static void CreateDocs(LocalEngineHarness h, string embMetric, params (string Label, int Score, float[] Emb)[][] clips)
    {
        var schema = new CollectionSchema { Name = "docs", Fields = { Int64Pk(), Vector("vec", DataType.FloatVector, 2) }, StructArrayFields = { Clips() } };
        Ok(h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "docs", Schema = schema.ToByteString() }));
        Ok(h.Client.Insert(new InsertRequest
        {
            CollectionName = "docs", NumRows = 4,
            FieldsData = { Longs("id", 1, 2, 3, 4), FloatVectors("vec", 2, [[1, 0], [0, 1], [1, 1], [2, 2]]), ClipsData(clips) },
        }).Status);
        Ok(h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "docs", FieldName = "clips[emb]",
            ExtraParams = { Param("index_type", "HNSW"), Param("metric_type", embMetric) },
        }));
        h.IndexAndLoad("docs", "vec", "L2");
    }

    /// <summary>The struct column of rows given as (label, score, emb) element lists.</summary>
    public static FieldData ClipsData(params (string Label, int Score, float[] Emb)[][] rows)
    {
        var label = new FieldData { FieldName = "label", Type = DataType.Array, Scalars = new ScalarField { ArrayData = new ArrayArray { ElementType = DataType.VarChar } } };
        var score = new FieldData { FieldName = "score", Type = DataType.Array, Scalars = new ScalarField { ArrayData = new ArrayArray { ElementType = DataType.Int32 } } };
        var emb = new FieldData { FieldName = "emb", Type = DataType.ArrayOfVector, Vectors = new VectorField { Dim = 2, VectorArray = new VectorArray { Dim = 2, ElementType = DataType.FloatVector } } };
        foreach (var row in rows)
        {
            label.Scalars.ArrayData.Data.Add(new ScalarField { StringData = new StringArray { Data = { row.Select(e => e.Label) } } });
            score.Scalars.ArrayData.Data.Add(new ScalarField { IntData = new IntArray { Data = { row.Select(e => e.Score) } } });
            emb.Vectors.VectorArray.Data.Add(new VectorField { Dim = 2, FloatVector = new FloatArray { Data = { row.SelectMany(e => e.Emb) } } });
        }
        return new FieldData { FieldName = "clips", Type = DataType.ArrayOfStruct, StructArrays = new StructArrayField { Fields = { label, score, emb } } };
    }

    private static readonly (string, int, float[])[][] Rows =
    [
        [("a", 1, [1, 0]), ("b", 2, [0, 1])],
        [("c", 3, [2, 1])],
        [],
    ];

    private void InsertRows()
        => Ok(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "docs", NumRows = 3,
            FieldsData = { Longs("id", 1, 2, 3), FloatVectors("vec", 2, [[1, 0], [0, 1], [1, 1]]), ClipsData(Rows) },
        }).Status);

    private void IndexAndLoad(string embMetric)
    {
        Ok(_h.Client.CreateIndex(new CreateIndexRequest { CollectionName = "docs", FieldName = "vec", ExtraParams = { Param("index_type", "FLAT"), Param("metric_type", "L2") } }));
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "docs", FieldName = "clips[emb]",
            ExtraParams = { Param("index_type", "HNSW"), Param("metric_type", embMetric), Param("params", "{\"M\": 16, \"efConstruction\": 200}") },
        }));
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "docs" }));
    }

    public static ByteString EmbeddingList(params float[][][] lists)
    {
        var value = new PlaceholderValue { Tag = "$0", Type = PlaceholderType.EmbListFloatVector };
        foreach (var list in lists) value.Values.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(list.SelectMany(v => v).ToArray().AsSpan()).ToArray()));
        return new PlaceholderGroup { Placeholders = { value } }.ToByteString();
    }

    [Fact]
    public void Describe_returns_the_struct_with_plain_sub_field_names_and_ids_after_the_fields()
    {
        Ok(Create(Clips(), dynamic: true));
        var schema = _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "docs" }).Schema;
        // Like Milvus, describe does not list the dynamic field ($meta, id 102); enable_dynamic_field says it.
        Assert.Equal(["id", "vec"], schema.Fields.Select(f => f.Name));
        Assert.True(schema.EnableDynamicField);
        var clips = Assert.Single(schema.StructArrayFields);
        Assert.Equal(("clips", 103L, "video clips"), (clips.Name, clips.FieldID, clips.Description));
        Assert.Equal(["label", "score", "emb"], clips.Fields.Select(f => f.Name));
        Assert.Equal([104L, 105, 106], clips.Fields.Select(f => f.FieldID));
        Assert.Equal([DataType.Array, DataType.Array, DataType.ArrayOfVector], clips.Fields.Select(f => f.DataType));
        Assert.Equal([DataType.VarChar, DataType.Int32, DataType.FloatVector], clips.Fields.Select(f => f.ElementType));
        Assert.Equal(["max_length=16", "max_capacity=4"], clips.Fields[0].TypeParams.Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal(["dim=2", "max_capacity=4"], clips.Fields[2].TypeParams.Select(p => $"{p.Key}={p.Value}"));
    }

    [Fact]
    public void Insert_and_query_return_the_struct_rows()
    {
        Ok(Create(Clips()));
        InsertRows();
        IndexAndLoad("MAX_SIM_IP");
        var reply = _h.Query("docs", "id >= 1", ["clips"]);
        Ok(reply.Status);
        Assert.Equal(["id", "clips"], reply.OutputFields);
        var clips = reply.FieldsData.Single(f => f.FieldName == "clips");
        Assert.Equal((DataType.ArrayOfStruct, 102L), (clips.Type, clips.FieldId));
        var subs = clips.StructArrays.Fields;
        Assert.Equal(["label", "score", "emb"], subs.Select(f => f.FieldName));
        Assert.Equal(["a,b", "c", ""], subs[0].Scalars.ArrayData.Data.Select(r => string.Join(",", r.StringData.Data)));
        Assert.Equal(["1,2", "3", ""], subs[1].Scalars.ArrayData.Data.Select(r => string.Join(",", r.IntData.Data)));
        Assert.Equal(["1,0,0,1", "2,1", ""], subs[2].Vectors.VectorArray.Data.Select(r => string.Join(",", r.FloatVector?.Data ?? [])));
        Assert.Equal((2L, DataType.FloatVector), (subs[2].Vectors.VectorArray.Dim, subs[2].Vectors.VectorArray.ElementType));
    }

    [Fact]
    public void A_sub_field_can_be_asked_for_alone_and_star_includes_structs()
    {
        Ok(Create(Clips()));
        InsertRows();
        IndexAndLoad("MAX_SIM_IP");
        var one = _h.Query("docs", "id == 2", ["clips[score]"]);
        Ok(one.Status);
        var clips = one.FieldsData.Single(f => f.FieldName == "clips");
        Assert.Equal(["score"], clips.StructArrays.Fields.Select(f => f.FieldName));
        Assert.Equal([3], clips.StructArrays.Fields[0].Scalars.ArrayData.Data.Single().IntData.Data);
        var all = _h.Query("docs", "id == 2", ["*"]);
        Assert.Equal(["id", "vec", "clips"], all.OutputFields);
    }

    [Theory]
    [InlineData("MAX_SIM_IP", new long[] { 2, 1 }, new float[] { 3, 2 })]
    [InlineData("MAX_SIM", new long[] { 2, 1 }, new float[] { 3, 2 })]
    [InlineData("MAX_SIM_L2", new long[] { 1, 2 }, new float[] { 0 + 0, 2 + 4 })]
    public void Embedding_list_search_sums_each_query_vectors_best_match(string metric, long[] ids, float[] scores)
    {
        Ok(Create(Clips()));
        InsertRows();
        IndexAndLoad(metric);
        var reply = _h.Search("docs", EmbeddingList([[1, 0], [0, 1]]), 10, annsField: "clips[emb]", outputFields: ["clips[label]"]);
        Ok(reply.Status);
        Assert.Equal(ids, reply.Results.Ids.IntId.Data);
        Assert.Equal(scores, reply.Results.Scores);
        var labels = reply.Results.FieldsData.Single().StructArrays.Fields.Single().Scalars.ArrayData.Data;
        Assert.Equal(ids.Select(id => id == 1 ? "a,b" : "c"), labels.Select(r => string.Join(",", r.StringData.Data)));
    }

    [Fact]
    public void Cosine_embedding_list_search_with_filter_and_two_queries()
    {
        Ok(Create(Clips()));
        InsertRows();
        IndexAndLoad("MAX_SIM_COSINE");
        var reply = _h.Search("docs", EmbeddingList([[1, 0]], [[0, 1]]), 1, filter: "id in [1, 2]", annsField: "clips[emb]");
        Ok(reply.Status);
        Assert.Equal([1L, 1], reply.Results.Ids.IntId.Data);
        Assert.Equal([1f, 1f], reply.Results.Scores);
        var both = _h.Search("docs", EmbeddingList([[1, 0]]), 3, annsField: "clips[emb]");
        Assert.Equal([1L, 2], both.Results.Ids.IntId.Data);
        Assert.Equal(2 / MathF.Sqrt(5), both.Results.Scores[1], 5);
    }

    [Fact]
    public void Upsert_replaces_the_struct_rows_and_data_survives_reopen()
    {
        Ok(Create(Clips()));
        InsertRows();
        Ok(_h.Client.Upsert(new UpsertRequest
        {
            CollectionName = "docs", NumRows = 1,
            FieldsData = { Longs("id", 3), FloatVectors("vec", 2, [[1, 1]]), ClipsData([("z", 9, [3, 3]), ("y", 8, [4, 4])]) },
        }).Status);
        _h.Reopen();
        IndexAndLoad("MAX_SIM_IP");
        var reply = _h.Query("docs", "id == 3", ["clips"]);
        var subs = reply.FieldsData.Single(f => f.FieldName == "clips").StructArrays.Fields;
        Assert.Equal(["z", "y"], subs[0].Scalars.ArrayData.Data.Single().StringData.Data);
        Assert.Equal([3f, 3, 4, 4], subs[2].Vectors.VectorArray.Data.Single().FloatVector.Data);
    }

    [Fact]
    public void Load_needs_an_index_on_every_embedding_list()
    {
        Ok(Create(Clips()));
        Ok(_h.Client.CreateIndex(new CreateIndexRequest { CollectionName = "docs", FieldName = "vec", ExtraParams = { Param("index_type", "FLAT"), Param("metric_type", "L2") } }));
        Fails(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "docs" }), 1100,
            "there is no vector index on field: [clips[emb]], please create index firstly: invalid parameter");
        var index = _h.Client.CreateIndex(new CreateIndexRequest { CollectionName = "docs", FieldName = "clips[emb]", ExtraParams = { Param("index_type", "IVF_FLAT"), Param("metric_type", "MAX_SIM_COSINE") } });
        Fails(index, 1100, "data type ArrayOfVector can't build with this index IVF_FLAT: invalid parameter");
        var metric = _h.Client.CreateIndex(new CreateIndexRequest { CollectionName = "docs", FieldName = "vec", ExtraParams = { Param("index_type", "HNSW"), Param("metric_type", "MAX_SIM_COSINE") } });
        Assert.Equal(1100, metric.Code);
    }

    [Fact]
    public void Schema_rules_follow_milvus()
    {
        var empty = new StructArrayFieldSchema { Name = "clips" };
        Fails(Create(empty), 1100, "struct array field clips has no sub-fields: invalid parameter");
        var mixed = Clips();
        mixed.Fields[1].TypeParams[0].Value = "5";
        Fails(Create(mixed), 1100,
            "all sub-fields in struct array field must have the same max_capacity: structName=clips, subFieldName=score, max_capacity=5, expected=4: invalid parameter");
        var scalar = Clips();
        scalar.Fields[1].DataType = DataType.Int32;
        Fails(Create(scalar), 1100, "fields in StructArrayField must be Array or ArrayOfVector, field name = score, field type = Int32: invalid parameter");
        var sparse = Clips();
        sparse.Fields[2].ElementType = DataType.SparseFloatVector;
        Fails(Create(sparse), 1100,
            "Unsupported element type SparseFloatVector of ArrayOfVector field emb, only fixed dimension vector types are supported: invalid parameter");
        var clash = Clips();
        clash.Fields[0].Name = "vec";
        Fails(Create(clash), 1100, "duplicated field name vec found: invalid parameter");
        var noCapacity = Clips();
        noCapacity.Fields[2].TypeParams.RemoveAt(1);
        Fails(Create(noCapacity), 1101, "type param(max_capacity) should be specified for array field emb of collection docs: missing parameter");
    }

    [Fact]
    public void Rows_must_agree_on_element_counts_and_respect_capacity()
    {
        Ok(Create(Clips(capacity: 2)));
        var uneven = ClipsData([("a", 1, [1, 0])]);
        uneven.StructArrays.Fields[1].Scalars.ArrayData.Data[0].IntData.Data.Add(7);
        var reply = _h.Client.Insert(new InsertRequest { CollectionName = "docs", NumRows = 1, FieldsData = { Longs("id", 1), FloatVectors("vec", 2, [[1, 0]]), uneven } });
        Fails(reply.Status, 1100,
            "the element count of sub-fields in struct array field clips is not consistent, row: 0, field clips[score] has 2 elements, expected 1: invalid parameter");
        var tooMany = ClipsData([("a", 1, [1, 0]), ("b", 2, [0, 1]), ("c", 3, [1, 1])]);
        reply = _h.Client.Insert(new InsertRequest { CollectionName = "docs", NumRows = 1, FieldsData = { Longs("id", 1), FloatVectors("vec", 2, [[1, 0]]), tooMany } });
        Fails(reply.Status, 1100, "array length exceeds max capacity, field name: clips[label], array length: 3, max capacity: 2: invalid parameter");
        reply = _h.Client.Insert(new InsertRequest { CollectionName = "docs", NumRows = 1, FieldsData = { Longs("id", 1), FloatVectors("vec", 2, [[1, 0]]) } });
        Fails(reply.Status, 1100, "fieldSchema(clips) has no corresponding fieldData pass in: invalid parameter");
    }
}

public sealed class StructArrayInProcessTests() : StructArrayTests(EngineTransport.InProcess);

public sealed class StructArrayKestrelTests() : StructArrayTests(EngineTransport.Kestrel);
