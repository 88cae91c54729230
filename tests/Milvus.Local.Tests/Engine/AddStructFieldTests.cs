using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>Milvus 3.0 AddCollectionStructField over both transports: a nullable ARRAY of STRUCT on an existing collection.</summary>
public abstract class AddStructFieldTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    /// <summary>The clips struct as pymilvus 3.0 sends it: nullable on the struct and on every sub-field.</summary>
    private static StructArrayFieldSchema NullableClips()
    {
        var clips = StructArrayTests.Clips();
        clips.Nullable = true;
        foreach (var f in clips.Fields) f.Nullable = true;
        return clips;
    }

    private Status AddStruct(StructArrayFieldSchema s)
        => _h.Client.AddCollectionStructField(new AddCollectionStructFieldRequest { CollectionName = "docs", StructArrayFieldSchema = s });

    private void CreateWithTwoRows()
    {
        var schema = new CollectionSchema { Name = "docs", Fields = { Int64Pk(), Vector("vec", DataType.FloatVector, 2) } };
        Ok(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "docs", Schema = Google.Protobuf.MessageExtensions.ToByteString(schema) }));
        Ok(_h.Client.Insert(new InsertRequest { CollectionName = "docs", NumRows = 2, FieldsData = { Longs("id", 1, 2), FloatVectors("vec", 2, [[1, 0], [0, 1]]) } }).Status);
    }

    [Fact]
    public void Added_struct_is_described_with_the_next_field_ids_and_a_new_schema_version()
    {
        CreateWithTwoRows();
        Ok(AddStruct(NullableClips()));
        var reply = _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "docs" });
        var clips = Assert.Single(reply.Schema.StructArrayFields);
        Assert.Equal(("clips", 102L, true), (clips.Name, clips.FieldID, clips.Nullable));
        Assert.Equal(["label", "score", "emb"], clips.Fields.Select(f => f.Name));
        Assert.Equal([103L, 104, 105], clips.Fields.Select(f => f.FieldID));
        Assert.All(clips.Fields, f => Assert.True(f.Nullable));
        Assert.Equal(1, reply.Schema.Version);
    }

    [Fact]
    public void New_rows_return_their_structs_exactly_and_old_rows_read_null()
    {
        CreateWithTwoRows();
        Ok(AddStruct(NullableClips()));
        Ok(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "docs", NumRows = 1,
            FieldsData = { Longs("id", 3), FloatVectors("vec", 2, [[1, 1]]), StructArrayTests.ClipsData([("a", 1, [1, 0]), ("b", 2, [0, 1])]) },
        }).Status);
        Ok(_h.Client.CreateIndex(new CreateIndexRequest { CollectionName = "docs", FieldName = "vec", ExtraParams = { new KeyValuePair { Key = "index_type", Value = "FLAT" }, new KeyValuePair { Key = "metric_type", Value = "L2" } } }));
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "docs", FieldName = "clips[emb]",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "HNSW" }, new KeyValuePair { Key = "metric_type", Value = "MAX_SIM_IP" }, new KeyValuePair { Key = "params", Value = "{\"M\": 16, \"efConstruction\": 200}" } },
        }));
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "docs" }));
        var reply = _h.Query("docs", "id >= 1", ["clips"]);
        Ok(reply.Status);
        Assert.Equal([1L, 2, 3], reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data);
        var subs = reply.FieldsData.Single(f => f.FieldName == "clips").StructArrays.Fields;
        Assert.Equal(["label", "score", "emb"], subs.Select(f => f.FieldName));
        Assert.Equal(["", "", "a,b"], subs[0].Scalars.ArrayData.Data.Select(r => string.Join(",", r.StringData?.Data ?? [])));
        Assert.Equal(["", "", "1,2"], subs[1].Scalars.ArrayData.Data.Select(r => string.Join(",", r.IntData?.Data ?? [])));
        Assert.Equal(["", "", "1,0,0,1"], subs[2].Vectors.VectorArray.Data.Select(r => string.Join(",", r.FloatVector?.Data ?? [])));
        Assert.All(subs, f => Assert.Equal([false, false, true], f.ValidData));
    }

    [Fact]
    public void A_struct_that_is_not_nullable_is_refused()
        => Refused(StructArrayTests.Clips(), "added struct field must be nullable, please check it, field name = clips: invalid parameter");

    [Fact]
    public void A_struct_named_like_an_existing_field_is_refused()
    {
        var clips = NullableClips();
        clips.Name = "vec";
        Refused(clips, "duplicate field name: vec: invalid parameter");
    }

    [Fact]
    public void Create_time_struct_rules_apply()
    {
        var clips = NullableClips();
        clips.Fields[1].TypeParams[0].Value = "8";
        Refused(clips, "all sub-fields in struct array field must have the same max_capacity: structName=clips, subFieldName=score, max_capacity=8, expected=4: invalid parameter");
    }

    private void Refused(StructArrayFieldSchema s, string message)
    {
        CreateWithTwoRows();
        Fails(AddStruct(s), 1100, message);
        Assert.Empty(_h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "docs" }).Schema.StructArrayFields);
    }
}

public sealed class AddStructFieldInProcessTests() : AddStructFieldTests(EngineTransport.InProcess);

public sealed class AddStructFieldKestrelTests() : AddStructFieldTests(EngineTransport.Kestrel);
