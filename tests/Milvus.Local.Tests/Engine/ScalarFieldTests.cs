using System.Text;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>Scalar field kinds (nullable, defaults, arrays, JSON), partitions, partition keys, group-by and range search.</summary>
public sealed class ScalarFieldTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Nullable_default_array_and_json_fields_round_trip()
    {
        var withDefault = Scalar("rank", DataType.Int32);
        withDefault.DefaultValue = new ValueField { IntData = 7 };
        var tags = new FieldSchema
        {
            Name = "tags", DataType = DataType.Array, ElementType = DataType.VarChar,
            TypeParams = { new KeyValuePair { Key = "max_capacity", Value = "3" }, new KeyValuePair { Key = "max_length", Value = "8" } },
        };
        Ok(_h.CreateCollection("s", Int64Pk(), Vector("v", DataType.FloatVector, 2), Scalar("score", DataType.Double, nullable: true),
            withDefault, tags, Scalar("info", DataType.Json)));
        var score = new FieldData { FieldName = "score", Type = DataType.Double, ValidData = { true, false }, Scalars = new ScalarField { DoubleData = new DoubleArray { Data = { 1.5 } } } };
        var tagData = new FieldData { FieldName = "tags", Type = DataType.Array, Scalars = new ScalarField { ArrayData = new ArrayArray { ElementType = DataType.VarChar } } };
        tagData.Scalars.ArrayData.Data.Add(new ScalarField { StringData = new StringArray { Data = { "a", "b" } } });
        tagData.Scalars.ArrayData.Data.Add(new ScalarField { StringData = new StringArray() });
        Ok(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "s", NumRows = 2,
            FieldsData = { Longs("id", 1, 2), FloatVectors("v", 2, [[1, 0], [0, 1]]), score, tagData, Json("info", false, "{\"k\":1}", "[1,2]") },
        }).Status);
        _h.IndexAndLoad("s", "v", "L2");
        var rows = _h.Query("s", "id > 0", ["*"]);
        Ok(rows.Status);
        var scores = rows.FieldsData.Single(f => f.FieldName == "score");
        Assert.Equal([true, false], scores.ValidData);
        Assert.Equal([1.5, 0], scores.Scalars.DoubleData.Data);
        Assert.Equal([7, 7], rows.FieldsData.Single(f => f.FieldName == "rank").Scalars.IntData.Data);
        Assert.Equal(["a", "b"], rows.FieldsData.Single(f => f.FieldName == "tags").Scalars.ArrayData.Data[0].StringData.Data);
        Assert.Equal("[1,2]", Encoding.UTF8.GetString(rows.FieldsData.Single(f => f.FieldName == "info").Scalars.JsonData.Data[1].ToByteArray()));
        Assert.Equal([2L], _h.Query("s", "score is null", []).FieldsData.Single().Scalars.LongData.Data);

        var tooMany = tagData.Clone();
        tooMany.Scalars.ArrayData.Data[0].StringData.Data.Add(["c", "d"]);
        Fails(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "s", NumRows = 2,
            FieldsData = { Longs("id", 3, 4), FloatVectors("v", 2, [[1, 0], [0, 1]]), tooMany, Json("info", false, "{}", "{}") },
        }).Status, 1100, "array length exceeds max capacity, field name: tags, array length: 4, max capacity: 3: invalid parameter");
        Fails(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "s", NumRows = 2,
            FieldsData = { Longs("id", 3, 4), FloatVectors("v", 2, [[1, 0], [0, 1]]), tagData, Json("info", false, "{bad", "{}") },
        }).Status, 1100, "json field 'info' is illegal, json: {bad: invalid parameter");
    }

    [Fact]
    public void An_explicit_null_sent_as_empty_json_bytes_is_kept_as_Milvus_keeps_it_and_reads_as_null()
    {
        // The Node SDK 2.6.17 encodes { meta: null } as empty bytes with valid_data true; a missing key as valid_data false.
        Ok(_h.CreateCollection("j", Int64Pk(), Vector("v", DataType.FloatVector, 2), Scalar("meta", DataType.Json, nullable: true)));
        var meta = Json("meta", false, "{\"a\":1}", "");
        meta.ValidData.Add([true, true, false]);
        Ok(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "j", NumRows = 3, FieldsData = { Longs("id", 1, 2, 3), FloatVectors("v", 2, [[1, 0], [0, 1], [1, 1]]), meta },
        }).Status);
        _h.IndexAndLoad("j", "v", "L2");
        var rows = _h.Query("j", "id > 0", ["meta"]).FieldsData.Single(f => f.FieldName == "meta");
        Assert.Equal([true, true, false], rows.ValidData);
        Assert.Equal(["{\"a\":1}", "", ""], rows.Scalars.JsonData.Data.Select(b => b.ToStringUtf8()));
        Assert.Equal([2L, 3], _h.Query("j", "meta is null", []).FieldsData.Single().Scalars.LongData.Data);
        Assert.Equal([1L], _h.Query("j", "meta[\"a\"] == 1", []).FieldsData.Single().Scalars.LongData.Data);

        // The dynamic field is parsed by Milvus's proxy, so empty bytes there stay an error.
        Ok(_h.CreateCollection("d", true, Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Fails(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "d", NumRows = 1, FieldsData = { Longs("id", 1), FloatVectors("v", 2, [[1, 0]]), Json("$meta", true, "") },
        }).Status, 1100, "invalid dynamic field data, only json map is supported: unexpected end of JSON input: invalid parameter");
        Fails(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "d", NumRows = 1, FieldsData = { Longs("id", 1), FloatVectors("v", 2, [[1, 0]]), Json("$meta", true, "[1]") },
        }).Status, 1100, "invalid dynamic field data, only json map is supported: json: cannot unmarshal array into Go value of type map[string]interface {}: invalid parameter");
    }

    [Fact]
    public void Partition_key_routes_rows_and_partitions_load_separately()
    {
        var tenant = VarChar("tenant", 8);
        tenant.IsPartitionKey = true;
        var schema = new CollectionSchema { Name = "pk", Fields = { Int64Pk(), Vector("v", DataType.FloatVector, 2), tenant } };
        Ok(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "pk", Schema = Google.Protobuf.MessageExtensions.ToByteString(schema), NumPartitions = 4 }));
        Ok(_h.Insert("pk", Longs("id", 1, 2, 3, 4), FloatVectors("v", 2, [[1, 0], [0, 1], [1, 1], [2, 2]]), Strings("tenant", "a", "b", "a", "c")).Status);
        var perPartition = _h.Client.ShowPartitions(new ShowPartitionsRequest { CollectionName = "pk" }).PartitionNames
            .Sum(p => long.Parse(_h.Client.GetPartitionStatistics(new GetPartitionStatisticsRequest { CollectionName = "pk", PartitionName = p }).Stats.Single().Value));
        Assert.Equal(4, perPartition);
        Fails(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "pk", PartitionName = "_default_0", NumRows = 1,
            FieldsData = { Longs("id", 5), FloatVectors("v", 2, [[1, 0]]), Strings("tenant", "a") },
        }).Status, 1100, "not support manually specifying the partition names if partition key mode is used: invalid parameter");
        _h.IndexAndLoad("pk", "v", "L2");
        var reply = _h.Search("pk", FloatPlaceholder([1, 0]), 5, filter: "tenant == \"a\"");
        Assert.Equal([1L, 3], reply.Results.Ids.IntId.Data);
    }

    [Fact]
    public void Searching_a_partition_that_is_not_loaded_fails()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Ok(_h.Client.CreatePartition(new CreatePartitionRequest { CollectionName = "c", PartitionName = "p1" }));
        Ok(_h.Client.Insert(new InsertRequest { CollectionName = "c", PartitionName = "p1", NumRows = 1, FieldsData = { Longs("id", 1), FloatVectors("v", 2, [[1, 0]]) } }).Status);
        Ok(_h.Insert("c", Longs("id", 2), FloatVectors("v", 2, [[1, 0]])).Status);
        Ok(_h.Client.CreateIndex(new CreateIndexRequest { CollectionName = "c", FieldName = "v", ExtraParams = { new KeyValuePair { Key = "metric_type", Value = "L2" } } }));
        Ok(_h.Client.LoadPartitions(new LoadPartitionsRequest { CollectionName = "c", PartitionNames = { "p1" } }));
        Assert.Equal(LoadState.Loaded, _h.Client.GetLoadState(new GetLoadStateRequest { CollectionName = "c", PartitionNames = { "p1" } }).State);
        Assert.Equal(LoadState.NotLoad, _h.Client.GetLoadState(new GetLoadStateRequest { CollectionName = "c", PartitionNames = { "_default" } }).State);
        Assert.Equal([1L], _h.Search("c", FloatPlaceholder([1, 0]), 5).Results.Ids.IntId.Data);
        var request = new SearchRequest
        {
            CollectionName = "c", PartitionNames = { "_default" }, PlaceholderGroup = FloatPlaceholder([1, 0]),
            SearchParams = { new KeyValuePair { Key = "topk", Value = "5" } },
        };
        Fails(_h.Client.Search(request).Status, 201, "failed to search: partition not loaded[partition=_default]");
        Fails(_h.Client.DropPartition(new DropPartitionRequest { CollectionName = "c", PartitionName = "p1" }), 65535,
            "partition cannot be dropped, partition is loaded, please release it first");
    }

    [Fact]
    public void Delete_by_ids_works_on_an_unloaded_collection()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Ok(_h.Insert("c", Longs("id", 1, 2, 3), FloatVectors("v", 2, [[1, 0], [0, 1], [1, 1]])).Status);
        var deleted = _h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = "id in [2]" });
        Ok(deleted.Status);
        Assert.Equal([2L], deleted.IDs.IntId.Data);
        _h.IndexAndLoad("c", "v", "L2");
        Assert.Equal([1L, 3], _h.Query("c", "id > 0").FieldsData.Single().Scalars.LongData.Data);
    }

    [Fact]
    public void Group_by_and_range_search()
    {
        Ok(_h.CreateCollection("g", Int64Pk(), Vector("v", DataType.FloatVector, 2), VarChar("doc", 8)));
        Ok(_h.Insert("g", Longs("id", 1, 2, 3, 4), FloatVectors("v", 2, [[1, 0], [0.9f, 0], [0, 1], [0.5f, 0]]), Strings("doc", "x", "x", "y", "z")).Status);
        _h.IndexAndLoad("g", "v", "L2");
        var grouped = _h.Search("g", FloatPlaceholder([1, 0]), 2, extra: ("group_by_field", "doc"));
        Ok(grouped.Status);
        Assert.Equal([1L, 4], grouped.Results.Ids.IntId.Data);
        Assert.Equal(["x", "z"], grouped.Results.GroupByFieldValue.Scalars.StringData.Data);
        var range = _h.Search("g", FloatPlaceholder([1, 0]), 10, extra: [("params", "{\"radius\": 0.5, \"range_filter\": 0.001}")]);
        Ok(range.Status);
        Assert.Equal([2L, 4], range.Results.Ids.IntId.Data);
    }
}
