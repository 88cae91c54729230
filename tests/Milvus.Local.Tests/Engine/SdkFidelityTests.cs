using Google.Protobuf;
using System.Text.Json;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using OpType = Milvus.Protocol.Schema.FieldPartialUpdateOp.Types.OpType;

namespace Milvus.Local.Tests.Engine;

/// <summary>
/// Answers the official Node SDK's own tests (milvus-sdk-node test/grpc) showed differing from Milvus: metrics,
/// field properties, describe, batch describe, array field_ops, partition names with a partition key, index errors.
/// </summary>
public abstract class SdkFidelityTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    [Fact]
    public void LoadBalance_resolves_the_collection_first_then_answers_not_supported()
    {
        Fails(_h.Client.LoadBalance(new LoadBalanceRequest { SrcNodeID = 1 }), 100, "collection not found[database=default][collection=]");
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Fails(_h.Client.LoadBalance(new LoadBalanceRequest { SrcNodeID = 1, CollectionName = "c" }), 3000,
            "unsupported operation[LoadBalance]: not supported by the Milvus local engine");
    }

    [Fact]
    public void New_collections_carry_the_database_timezone_or_the_default_UTC_as_Milvus_rootcoord_writes_it()
    {
        static string[] Props(IEnumerable<KeyValuePair> p) => [.. p.Select(kv => $"{kv.Key}={kv.Value}")];
        CollectionSchema Schema(string name) => new() { Name = name, Fields = { Int64Pk(), Vector("v", DataType.FloatVector, 2) } };
        CreateCollectionRequest Create(string db, string name, params KeyValuePair[] properties) =>
            new() { DbName = db, CollectionName = name, Schema = Schema(name).ToByteString(), Properties = { properties } };

        Ok(_h.Client.CreateDatabase(new CreateDatabaseRequest { DbName = "fresh" }));
        Assert.Empty(_h.Client.DescribeDatabase(new DescribeDatabaseRequest { DbName = "fresh" }).Properties);
        Ok(_h.Client.CreateCollection(Create("fresh", "a")));
        Assert.Equal(["timezone=UTC"], Props(_h.Client.DescribeCollection(new DescribeCollectionRequest { DbName = "fresh", CollectionName = "a" }).Properties));
        // The database's own properties stay as they were (db_properties reports only what the user set).
        Assert.Empty(_h.Client.DescribeDatabase(new DescribeDatabaseRequest { DbName = "fresh" }).Properties);

        // The Node SDK's Database.spec: alter adds beside it, dropping the added key leaves the timezone.
        Ok(_h.Client.AlterCollection(new AlterCollectionRequest { DbName = "fresh", CollectionName = "a", Properties = { new KeyValuePair { Key = "collection.segment.rowLimit", Value = "10000" } } }));
        Assert.Equal(["timezone=UTC", "collection.segment.rowLimit=10000"],
            Props(_h.Client.DescribeCollection(new DescribeCollectionRequest { DbName = "fresh", CollectionName = "a" }).Properties));
        Ok(_h.Client.AlterCollection(new AlterCollectionRequest { DbName = "fresh", CollectionName = "a", DeleteKeys = { "collection.segment.rowLimit" } }));
        Assert.Equal(["timezone=UTC"], Props(_h.Client.DescribeCollection(new DescribeCollectionRequest { DbName = "fresh", CollectionName = "a" }).Properties));

        // A database timezone is copied; a collection's own timezone wins; the default database behaves the same.
        Ok(_h.Client.CreateDatabase(new CreateDatabaseRequest { DbName = "tokyo", Properties = { new KeyValuePair { Key = "timezone", Value = "Asia/Tokyo" } } }));
        Ok(_h.Client.CreateCollection(Create("tokyo", "b")));
        Assert.Equal(["timezone=Asia/Tokyo"], Props(_h.Client.DescribeCollection(new DescribeCollectionRequest { DbName = "tokyo", CollectionName = "b" }).Properties));
        Ok(_h.Client.CreateCollection(Create("tokyo", "c", new KeyValuePair { Key = "timezone", Value = "Europe/Paris" })));
        Assert.Equal(["timezone=Europe/Paris"], Props(_h.Client.DescribeCollection(new DescribeCollectionRequest { DbName = "tokyo", CollectionName = "c" }).Properties));
        Ok(_h.CreateCollection("d", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Assert.Equal(["timezone=UTC"], Props(_h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "d" }).Properties));
    }

    [Fact]
    public void GetMetrics_system_info_answers_a_standalone_topology_document()
    {
        var reply = _h.Client.GetMetrics(new GetMetricsRequest { Request = """{"metric_type":"system_info"}""" });
        Ok(reply.Status);
        Assert.Equal("proxy1", reply.ComponentName);
        using var json = JsonDocument.Parse(reply.Response);
        var nodes = json.RootElement.GetProperty("nodes_info").EnumerateArray().ToList();
        Assert.Equal(["proxy", "rootcoord", "querycoord", "querynode", "datacoord", "datanode"],
            nodes.Select(n => n.GetProperty("infos").GetProperty("type").GetString()));
        var proxy = nodes[0].GetProperty("infos");
        Assert.Equal("proxy1", proxy.GetProperty("name").GetString());
        Assert.False(proxy.GetProperty("has_error").GetBoolean());
        Assert.Equal("STANDALONE", proxy.GetProperty("system_info").GetProperty("deploy_mode").GetString());
        Assert.Equal(LocalMilvusService.Version, proxy.GetProperty("system_info").GetProperty("system_version").GetString());
        Assert.Equal(Environment.ProcessorCount, proxy.GetProperty("hardware_infos").GetProperty("cpu_core_count").GetInt32());
        Assert.Equal("_default", proxy.GetProperty("system_configurations").GetProperty("default_partition_name").GetString());
        Assert.Equal(["rootcoord", "querycoord", "datacoord"],
            nodes[0].GetProperty("connected").EnumerateArray().Select(e => e.GetProperty("target_type").GetString()));
    }

    [Theory]
    [InlineData("""{"metric_type":"system_metrics"}""", "metric request type is not implemented")]
    [InlineData("""{"req_type":"qc_tasks_all"}""", "metric request type is not implemented")]
    [InlineData("{}", "metric_type or req_type not found in request")]
    [InlineData("not json", "metric_type or req_type not found in request")]
    public void GetMetrics_refuses_other_metric_types_as_Milvus_does(string request, string reason)
    {
        var reply = _h.Client.GetMetrics(new GetMetricsRequest { Request = request });
        Fails(reply.Status, 65535, reason);
        Assert.Equal("", reply.Response);
    }

    [Fact]
    public void Field_mmap_property_is_set_and_deleted_as_a_type_param()
    {
        Ok(_h.CreateCollection("f", Int64Pk(), Vector("v", DataType.FloatVector, 2), VarChar("title", 16)));
        Ok(_h.Client.AlterCollectionField(new AlterCollectionFieldRequest
        {
            CollectionName = "f", FieldName = "title", Properties = { new KeyValuePair { Key = "mmap.enabled", Value = "true" } },
        }));
        Assert.Equal("true", TypeParam("title", "mmap.enabled"));
        Ok(_h.Client.AlterCollectionField(new AlterCollectionFieldRequest { CollectionName = "f", FieldName = "title", DeleteKeys = { "mmap.enabled", "absent" } }));
        Assert.Null(TypeParam("title", "mmap.enabled"));
        Assert.Equal("16", TypeParam("title", "max_length"));
    }

    private string? TypeParam(string field, string key)
        => _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "f" }).Schema.Fields
            .Single(f => f.Name == field).TypeParams.FirstOrDefault(p => p.Key == key)?.Value;

    [Fact]
    public void Batch_describe_needs_names_and_lists_no_dynamic_field()
    {
        Fails(_h.Client.BatchDescribeCollection(new BatchDescribeCollectionRequest()).Status, 1101,
            "collection names cannot be empty: missing parameter");
        Ok(_h.CreateCollection("d", dynamic: true, Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        var reply = _h.Client.BatchDescribeCollection(new BatchDescribeCollectionRequest { CollectionName = { "d", "nope" } });
        Ok(reply.Status);
        Assert.Equal(["id", "v"], reply.Responses[0].Schema.Fields.Select(f => f.Name));
        Assert.True(reply.Responses[0].Schema.EnableDynamicField);
        Fails(reply.Responses[1].Status, 100, "collection not found[database=default][collection=nope]");
    }

    [Fact]
    public void Rows_older_than_an_added_field_read_its_default_value_or_null()
    {
        Ok(_h.CreateCollection("a", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Ok(_h.Insert("a", Longs("id", 1), FloatVectors("v", 2, [[1, 0]])).Status);
        var withDefault = VarChar("note", 16);
        withDefault.Nullable = true;
        withDefault.DefaultValue = new ValueField { StringData = "default" };
        var plain = VarChar("other", 16);
        plain.Nullable = true;
        foreach (var field in new[] { withDefault, plain })
            Ok(_h.Client.AddCollectionField(new AddCollectionFieldRequest { CollectionName = "a", Schema = Google.Protobuf.MessageExtensions.ToByteString(field) }));
        _h.IndexAndLoad("a", "v", "L2");
        var reply = _h.Query("a", "id == 1", ["note", "other"]);
        Ok(reply.Status);
        var note = reply.FieldsData.Single(f => f.FieldName == "note");
        Assert.Equal(["default"], note.Scalars.StringData.Data);
        Assert.Equal([true], note.ValidData);
        Assert.Equal([false], reply.FieldsData.Single(f => f.FieldName == "other").ValidData);
    }

    // ---- upsert field_ops ---------------------------------------------------------------------------------

    private void CreateTagged()
    {
        var tags = new FieldSchema
        {
            Name = "tags", DataType = DataType.Array, ElementType = DataType.VarChar,
            TypeParams = { new KeyValuePair { Key = "max_capacity", Value = "4" }, new KeyValuePair { Key = "max_length", Value = "16" } },
        };
        Ok(_h.CreateCollection("t", Int64Pk(), Vector("v", DataType.FloatVector, 2), tags, Scalar("score", DataType.Int32)));
        _h.IndexAndLoad("t", "v", "L2");
        var score = new FieldData { FieldName = "score", Type = DataType.Int32, Scalars = new ScalarField { IntData = new IntArray { Data = { 7, 8 } } } };
        Ok(_h.Insert("t", Longs("id", 1, 2), FloatVectors("v", 2, [[1, 0], [0, 1]]), Tags(["base", "deprecated", "base"], ["x"]), score).Status);
    }

    private static FieldData Tags(params string[][] rows)
    {
        var data = new FieldData { FieldName = "tags", Type = DataType.Array, Scalars = new ScalarField { ArrayData = new ArrayArray { ElementType = DataType.VarChar } } };
        foreach (var row in rows) data.Scalars.ArrayData.Data.Add(new ScalarField { StringData = new StringArray { Data = { row } } });
        return data;
    }

    private MutationResult UpsertTags(OpType op, long[] ids, params string[][] rows) => _h.Client.Upsert(new UpsertRequest
    {
        CollectionName = "t", NumRows = (uint)ids.Length, FieldsData = { Longs("id", ids), Tags(rows) },
        FieldOps = { new FieldPartialUpdateOp { FieldName = "tags", Op = op } },
    });

    private List<(long Id, string[] Tags, int Score)> Rows()
    {
        var reply = _h.Query("t", "id >= 0", ["tags", "score"]);
        Ok(reply.Status);
        var ids = reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data;
        var tags = reply.FieldsData.Single(f => f.FieldName == "tags").Scalars.ArrayData.Data;
        var scores = reply.FieldsData.Single(f => f.FieldName == "score").Scalars.IntData.Data;
        return ids.Select((id, i) => (id, tags[i].StringData.Data.ToArray(), scores[i])).OrderBy(r => r.id).ToList();
    }

    [Fact]
    public void Array_append_and_remove_merge_into_the_current_rows_without_partial_update()
    {
        CreateTagged();
        Ok(UpsertTags(OpType.ArrayAppend, [1, 2], ["new1"], ["new3"]).Status);
        Ok(UpsertTags(OpType.ArrayRemove, [1], ["base", "absent"]).Status);
        var rows = Rows();
        Assert.Equal([1L, 2], rows.Select(r => r.Id));
        Assert.Equal(["deprecated", "new1"], rows[0].Tags);
        Assert.Equal(["x", "new3"], rows[1].Tags);
        Assert.Equal([7, 8], rows.Select(r => r.Score));
        // A key that does not exist yet is a plain partial insert: it still needs the vector.
        Fails(UpsertTags(OpType.ArrayAppend, [3], ["a"]).Status, 1100,
            "fieldSchema(v) has no corresponding fieldData pass in: invalid parameter");
    }

    [Fact]
    public void Array_append_beyond_max_capacity_is_refused()
    {
        CreateTagged();
        Fails(UpsertTags(OpType.ArrayAppend, [2], ["a", "b", "c", "d", "e"]).Status, 1100,
            "ARRAY_APPEND payload for field \"tags\" row 0 has length 5 exceeding max_capacity 4: invalid parameter");
        Fails(UpsertTags(OpType.ArrayAppend, [1], ["a", "b"]).Status, 1100,
            "array length exceeds max capacity, field name: tags, array length: 5, max capacity: 4: invalid parameter");
        Assert.Equal(["base", "deprecated", "base"], Rows()[0].Tags);
    }

    [Theory]
    [InlineData("", OpType.ArrayAppend, "FieldPartialUpdateOp.field_name is required: invalid parameter")]
    [InlineData("id", OpType.ArrayAppend, "field \"id\" is the primary key and cannot carry a partial-update op: invalid parameter")]
    [InlineData("nope", OpType.ArrayRemove, "field \"nope\" not found in collection schema: invalid parameter")]
    [InlineData("score", OpType.ArrayAppend, "op ARRAY_APPEND requires Array field, but field \"score\" is Int32: invalid parameter")]
    public void Field_ops_are_validated_as_Milvus_does(string field, OpType op, string reason)
    {
        CreateTagged();
        var request = new UpsertRequest
        {
            CollectionName = "t", NumRows = 1, FieldsData = { Longs("id", 1), Tags(["a"]) },
            FieldOps = { new FieldPartialUpdateOp { FieldName = field, Op = op } },
        };
        Fails(_h.Client.Upsert(request).Status, 1100, reason);
    }

    [Fact]
    public void Field_ops_refuse_a_duplicate_field_and_a_missing_payload()
    {
        CreateTagged();
        var duplicate = new UpsertRequest
        {
            CollectionName = "t", NumRows = 1, FieldsData = { Longs("id", 1), Tags(["a"]) },
            FieldOps = { new FieldPartialUpdateOp { FieldName = "tags", Op = OpType.ArrayAppend }, new FieldPartialUpdateOp { FieldName = "tags" } },
        };
        Fails(_h.Client.Upsert(duplicate).Status, 1100, "duplicate partial-update op for field \"tags\": invalid parameter");
        var missing = new UpsertRequest
        {
            CollectionName = "t", NumRows = 1, FieldsData = { Longs("id", 1) },
            FieldOps = { new FieldPartialUpdateOp { FieldName = "tags", Op = OpType.ArrayRemove } },
        };
        Fails(_h.Client.Upsert(missing).Status, 1100, "partial-update op targets field \"tags\" not present in fields_data: invalid parameter");
    }

    // ---- partition names with a partition key, index errors ------------------------------------------------

    private void CreatePartitionKeyed()
    {
        var tenant = VarChar("tenant", 8);
        tenant.IsPartitionKey = true;
        Ok(_h.CreateCollection("pk", Int64Pk(), Vector("v", DataType.FloatVector, 2), tenant));
        Ok(_h.Insert("pk", Longs("id", 1), FloatVectors("v", 2, [[1, 0]]), Strings("tenant", "a")).Status);
        _h.IndexAndLoad("pk", "v", "L2");
    }

    [Fact]
    public void Partition_names_on_a_partition_key_collection_are_refused_per_operation()
    {
        CreatePartitionKeyed();
        const string reason = "not support manually specifying the partition names if partition key mode is used";
        var query = new QueryRequest { CollectionName = "pk", Expr = "id > 0", PartitionNames = { "p" } };
        Fails(_h.Client.Query(query).Status, 1100, reason + ": invalid parameter");
        var search = new SearchRequest
        {
            CollectionName = "pk", PartitionNames = { "_default_0" }, PlaceholderGroup = FloatPlaceholder([1, 0]), DslType = DslType.BoolExprV1,
            SearchParams = { new KeyValuePair { Key = "topk", Value = "1" } },
        };
        Fails(_h.Client.Search(search).Status, 65535, reason);
        Fails(_h.Client.Delete(new DeleteRequest { CollectionName = "pk", Expr = "id > 0", PartitionName = "p" }).Status, 1100, reason + ": invalid parameter");
        Assert.Equal(1, _h.Query("pk", "id > 0").FieldsData.Single().Scalars.LongData.Data.Count);
    }

    [Fact]
    public void Index_on_a_missing_field_or_of_an_unknown_type_fails_with_Milvus_codes()
    {
        Ok(_h.CreateCollection("i", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Fails(_h.Client.CreateIndex(new CreateIndexRequest { CollectionName = "i", FieldName = "nope" }), 65535,
            "cannot create index on non-exist field: nope");
        var unknown = new CreateIndexRequest
        {
            CollectionName = "i", FieldName = "v",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "NOT_AN_INDEX" }, new KeyValuePair { Key = "metric_type", Value = "L2" } },
        };
        Fails(_h.Client.CreateIndex(unknown), 1100, "invalid parameter[expected=valid index][actual=invalid index type: NOT_AN_INDEX]");
        unknown.ExtraParams[0].Value = "BIN_FLAT";
        Fails(_h.Client.CreateIndex(unknown), 1100, "data type FloatVector can't build with this index BIN_FLAT: invalid parameter");
    }
}

public sealed class SdkFidelityTestsInProcess() : SdkFidelityTests(EngineTransport.InProcess);

public sealed class SdkFidelityTestsOverKestrel() : SdkFidelityTests(EngineTransport.Kestrel);
