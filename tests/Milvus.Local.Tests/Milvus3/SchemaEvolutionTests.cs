using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using static Milvus.Protocol.Api.AlterCollectionSchemaRequest.Types;
using SchemaAction = Milvus.Protocol.Api.AlterCollectionSchemaRequest.Types.Action;

namespace Milvus.Local.Tests.Milvus3;

/// <summary>Milvus 3.0 AlterCollectionSchema: add a field (old rows read its default or null), drop fields, validation, persistence.</summary>
public sealed class SchemaEvolutionTests
{
    private static AlterCollectionSchemaResponse Add(LocalEngineHarness h, FieldSchema field, FunctionSchema? function = null)
    {
        var add = new AddRequest { FieldInfos = { new FieldInfo { FieldSchema = field } } };
        if (function is not null) add.FuncSchema.Add(function);
        return h.Client.AlterCollectionSchema(new AlterCollectionSchemaRequest { CollectionName = "c", Action = new SchemaAction { AddRequest = add } });
    }

    private static AlterCollectionSchemaResponse Drop(LocalEngineHarness h, DropRequest drop)
        => h.Client.AlterCollectionSchema(new AlterCollectionSchemaRequest { CollectionName = "c", Action = new SchemaAction { DropRequest = drop } });

    private static CollectionSchema Schema(LocalEngineHarness h) => h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "c" }).Schema;

    private static LocalEngineHarness LoadedCollection(EngineTransport transport)
    {
        var h = new LocalEngineHarness(transport);
        Ok(h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2), Scalar("n", DataType.Int64, nullable: true)));
        Ok(h.Insert("c", Longs("id", 1, 2), FloatVectors("v", 2, [[1, 0], [0, 1]]), Longs("n", 10, 20)).Status);
        h.IndexAndLoad("c", "v", "L2");
        return h;
    }

    [Theory]
    [InlineData(EngineTransport.InProcess)]
    [InlineData(EngineTransport.Kestrel)]
    public void Added_field_with_a_default_reads_the_default_for_existing_rows(EngineTransport transport)
    {
        using var h = LoadedCollection(transport);
        var field = Scalar("score", DataType.Int64, nullable: true);
        field.DefaultValue = new ValueField { LongData = 7 };
        Ok(Add(h, field).AlterStatus);
        Ok(h.Insert("c", Longs("id", 3), FloatVectors("v", 2, [[1, 1]]), Longs("n", 30), Longs("score", 99)).Status);

        var rows = h.Query("c", "id > 0", ["score"]);
        Assert.Equal([1L, 2, 3], rows.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data);
        Assert.Equal([7L, 7, 99], rows.FieldsData.Single(f => f.FieldName == "score").Scalars.LongData.Data);
        Assert.Equal([1L, 2], h.Query("c", "score == 7", ["id"]).FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data.Order());
        var described = Schema(h).Fields.Single(f => f.Name == "score");
        Assert.Equal(103, described.FieldID);
        Assert.Equal(7, described.DefaultValue.LongData);
    }

    [Fact]
    public void Added_nullable_field_reads_null_for_existing_rows()
    {
        using var h = LoadedCollection(EngineTransport.InProcess);
        Ok(Add(h, VarChar("tag", 16).WithNullable()).AlterStatus);
        var tag = h.Query("c", "id > 0", ["tag"]).FieldsData.Single(f => f.FieldName == "tag");
        Assert.Equal([false, false], tag.ValidData);
    }

    [Fact]
    public void Add_is_validated_like_add_collection_field_and_functions_like_create_collection()
    {
        using var h = LoadedCollection(EngineTransport.InProcess);
        Fails(Add(h, Scalar("m", DataType.Int64)).AlterStatus, 1100, "added field must be nullable, please check it, field name = m: invalid parameter");
        Fails(Add(h, Scalar("n", DataType.Int64, nullable: true)).AlterStatus, 1100, "duplicate field name: n: invalid parameter");
        var bm25 = new FunctionSchema { Name = "bm25", Type = FunctionType.Bm25, InputFieldNames = { "text" }, OutputFieldNames = { "sparse" } };
        Fails(Add(h, new FieldSchema { Name = "sparse", DataType = DataType.SparseFloatVector }, bm25).AlterStatus,
            65535, "function input field not found: text");
        var empty = h.Client.AlterCollectionSchema(new AlterCollectionSchemaRequest { CollectionName = "c" });
        Fails(empty.AlterStatus, 1100, "action is nil in alter schema task: invalid parameter");
    }

    [Theory]
    [InlineData(EngineTransport.InProcess)]
    [InlineData(EngineTransport.Kestrel)]
    public void Dropped_field_disappears_from_schema_queries_and_outputs(EngineTransport transport)
    {
        using var h = LoadedCollection(transport);
        Ok(Drop(h, new DropRequest { FieldName = "n" }).AlterStatus);

        Assert.Equal(["id", "v"], Schema(h).Fields.Select(f => f.Name));
        var rows = h.Query("c", "id > 0", ["*"]);
        Assert.Equal(["id", "v"], rows.FieldsData.Select(f => f.FieldName).Order());
        Fails(h.Query("c", "n == 10").Status, 1100, "failed to create query plan: cannot parse expression: n == 10, error: field n not exist: invalid parameter");
        var hits = h.Search("c", FloatPlaceholder([1, 0]), 2);
        Assert.Equal([1L, 2], hits.Results.Ids.IntId.Data);
    }

    [Fact]
    public void A_dropped_field_id_is_never_reused_and_old_values_do_not_come_back()
    {
        using var h = LoadedCollection(EngineTransport.InProcess);
        Ok(Drop(h, new DropRequest { FieldId = 102 }).AlterStatus);
        Assert.Equal("102", h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "c" }).Properties.Single(p => p.Key == "max_field_id").Value);
        Ok(Add(h, Scalar("n", DataType.Int64, nullable: true)).AlterStatus);
        Assert.Equal(103, Schema(h).Fields.Single(f => f.Name == "n").FieldID);
        Assert.Equal([false, false], h.Query("c", "id > 0", ["n"]).FieldsData.Single(f => f.FieldName == "n").ValidData);

        h.Reopen();
        Ok(h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }));
        Assert.Equal(["id", "v", "n"], Schema(h).Fields.Select(f => f.Name));
        Assert.Equal([false, false], h.Query("c", "id > 0", ["n"]).FieldsData.Single(f => f.FieldName == "n").ValidData);
    }

    [Fact]
    public void Drop_refuses_keys_system_fields_the_last_vector_and_unknown_names()
    {
        using var h = new LocalEngineHarness();
        var pk = VarChar("k", 8);
        pk.IsPartitionKey = true;
        Ok(h.CreateCollection("c", true, Int64Pk(), Vector("v", DataType.FloatVector, 2), pk));
        Fails(Drop(h, new DropRequest { FieldName = "id" }).AlterStatus, 1100, "cannot drop primary key field: id: invalid parameter");
        Fails(Drop(h, new DropRequest { FieldName = "k" }).AlterStatus, 1100, "cannot drop partition key field: k: invalid parameter");
        Fails(Drop(h, new DropRequest { FieldName = "v" }).AlterStatus, 1100, "cannot drop the last vector field: v: invalid parameter");
        Fails(Drop(h, new DropRequest { FieldName = "$meta" }).AlterStatus, 1100,
            "cannot drop dynamic field: $meta, use AlterCollection to disable dynamic schema instead: invalid parameter");
        Fails(Drop(h, new DropRequest { FieldName = "$timestamp" }).AlterStatus, 1100, "cannot drop system field: $timestamp: invalid parameter");
        Fails(Drop(h, new DropRequest { FieldName = "nope" }).AlterStatus, 1100, "field not found: nope: invalid parameter");
        Fails(Drop(h, new DropRequest { FunctionName = "bm25" }).AlterStatus, 1100, "function not found: bm25: invalid parameter");
        Fails(Drop(h, new DropRequest()).AlterStatus, 1100, "field name is empty: invalid parameter");
    }

    [Fact]
    public void Dropping_one_of_two_vector_fields_drops_its_index_too()
    {
        using var h = new LocalEngineHarness();
        Ok(h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2), Vector("w", DataType.FloatVector, 2)));
        Ok(h.Insert("c", Longs("id", 1), FloatVectors("v", 2, [[1, 0]]), FloatVectors("w", 2, [[0, 1]])).Status);
        Ok(h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "w",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "FLAT" }, new KeyValuePair { Key = "metric_type", Value = "L2" } },
        }));
        Ok(Drop(h, new DropRequest { FieldName = "w" }).AlterStatus);
        var indexes = h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" });
        Assert.Equal(700, indexes.Status.Code);
        Assert.Equal(["id", "v"], Schema(h).Fields.Select(f => f.Name));
    }
}

internal static class FieldSchemaExtensions
{
    public static FieldSchema WithNullable(this FieldSchema field)
    {
        field.Nullable = true;
        return field;
    }
}
