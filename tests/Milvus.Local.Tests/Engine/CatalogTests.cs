using Grpc.Core;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>Runs every test over both transports (see the derived classes at the end of the file).</summary>
public abstract class CatalogTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Version_connect_and_health_report_a_2_6_server()
    {
        Assert.Equal("v3.0.3", _h.Client.GetVersion(new GetVersionRequest()).Version);
        var connect = _h.Client.Connect(new ConnectRequest());
        Ok(connect.Status);
        Assert.Equal("v3.0.3", connect.ServerInfo.BuildTags);
        Assert.True(connect.Identifier > 0);
        Assert.True(_h.Client.CheckHealth(new CheckHealthRequest()).IsHealthy);
    }

    [Fact]
    public void Connect_with_an_unknown_database_header_fails_with_code_800()
    {
        var reply = _h.Client.Connect(new ConnectRequest(), new Metadata { { "dbname", "nope" } });
        Fails(reply.Status, 800, "database not found[database=nope]");
        Assert.Equal(ErrorCode.UnexpectedError, reply.Status.ErrorCode);
    }

    [Fact]
    public void Create_describe_show_and_drop_a_collection()
    {
        Ok(_h.CreateCollection("books", true, Int64Pk(), Vector("v", DataType.FloatVector, 4), VarChar("title", 64)));
        var d = _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "books" });
        Ok(d.Status);
        // Like Milvus, the hidden dynamic field ($meta, id 103) is not listed; enable_dynamic_field says it.
        Assert.Equal(["id", "v", "title"], d.Schema.Fields.Select(f => f.Name));
        Assert.Equal([100L, 101, 102], d.Schema.Fields.Select(f => f.FieldID));
        Assert.True(d.Schema.EnableDynamicField);
        Assert.Equal("default", d.DbName);
        Assert.Equal(1, d.ShardsNum);
        Assert.True(_h.Client.HasCollection(new HasCollectionRequest { CollectionName = "books" }).Value);
        Assert.Equal(["books"], _h.Client.ShowCollections(new ShowCollectionsRequest()).CollectionNames);
        Assert.Equal(["_default"], _h.Client.ShowPartitions(new ShowPartitionsRequest { CollectionName = "books" }).PartitionNames);
        Ok(_h.Client.DropCollection(new DropCollectionRequest { CollectionName = "books" }));
        Assert.False(_h.Client.HasCollection(new HasCollectionRequest { CollectionName = "books" }).Value);
        Ok(_h.Client.DropCollection(new DropCollectionRequest { CollectionName = "books" }));
        Fails(_h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "books" }).Status, 100,
            "collection not found[database=default][collection=books]");
    }

    [Theory]
    [InlineData("1abc", "Invalid collection name: 1abc.  the first character of a collection name must be an underscore or letter: invalid parameter")]
    [InlineData("a-b", "Invalid collection name: a-b.  collection name can only contain numbers, letters and underscores: invalid parameter")]
    [InlineData("", "collection name should not be empty: invalid parameter")]
    public void Invalid_collection_names_are_rejected_like_milvus(string name, string reason)
        => Fails(_h.CreateCollection(name, Int64Pk(), Vector("v", DataType.FloatVector, 4)), 1100, reason);

    [Fact]
    public void Schema_rules_match_milvus_messages()
    {
        Fails(_h.CreateCollection("c", Int64Pk(), VarChar("s", 8)), 1100, "schema does not contain vector field: invalid parameter");
        Fails(_h.CreateCollection("c", Vector("v", DataType.FloatVector, 4)), 1101, "primary key is not specified: missing parameter");
        Fails(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 1)), 1100, "invalid dimension: 1. should be in range 2 ~ 32768: invalid parameter");
        Fails(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 32769)), 1100,
            "invalid dimension: 32769 of field v. float vector dimension should be in range 2 ~ 32768: invalid parameter");
        Fails(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.BinaryVector, 12)), 1100,
            "invalid dimension: 12 of field v. binary vector dimension should be multiple of 8. : invalid parameter");
        Fails(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 4), new FieldSchema { Name = "s", DataType = DataType.VarChar }), 1101,
            "type param(max_length) should be specified for the field(s) of collection c: missing parameter");
        Fails(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 4), VarChar("s", 65536)), 1100,
            "the maximum length specified for the field(s) should be in (0, 65535], but got 65536 instead: invalid parameter");
        Fails(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 4), VarChar("v", 8)), 1100, "duplicated field name v found: invalid parameter");
        Fails(_h.CreateCollection("c", Int64Pk(), Vector("1v", DataType.FloatVector, 4)), 1701,
            "Invalid field name: 1v. The first character of a field name must be an underscore or letter.: field name invalid[field=1v]");
        Fails(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 4), new FieldSchema { Name = "s", DataType = DataType.String }), 1100,
            "string data type not supported yet, please use VarChar type instead: invalid parameter");
    }

    [Fact]
    public void Create_is_idempotent_for_the_same_schema_only()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 4)));
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 4)));
        Fails(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 8)), 1100,
            "create duplicate collection with different parameters, collection: c: invalid parameter");
    }

    [Fact]
    public void Databases_select_by_header_and_rename_moves_across_them()
    {
        Ok(_h.Client.CreateDatabase(new CreateDatabaseRequest { DbName = "db1" }));
        Assert.Equal(["default", "db1"], _h.Client.ListDatabases(new ListDatabasesRequest()).DbNames);
        var inDb1 = new Metadata { { "dbname", "db1" } };
        var schema = new CollectionSchema { Name = "c", Fields = { Int64Pk(), Vector("v", DataType.FloatVector, 4) } };
        Ok(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "c", Schema = Google.Protobuf.ByteString.CopyFrom(Google.Protobuf.MessageExtensions.ToByteArray(schema)) }, inDb1));
        Assert.Empty(_h.Client.ShowCollections(new ShowCollectionsRequest()).CollectionNames);
        Assert.Equal(["c"], _h.Client.ShowCollections(new ShowCollectionsRequest(), inDb1).CollectionNames);
        Fails(_h.Client.DropDatabase(new DropDatabaseRequest { DbName = "db1" }), 65535, "database:db1 not empty, must drop all collections before drop database");
        Ok(_h.Client.RenameCollection(new RenameCollectionRequest { DbName = "db1", OldName = "c", NewName = "moved", NewDBName = "default" }));
        Assert.Equal(["moved"], _h.Client.ShowCollections(new ShowCollectionsRequest()).CollectionNames);
        Ok(_h.Client.DropDatabase(new DropDatabaseRequest { DbName = "db1" }));
        Fails(_h.Client.DescribeDatabase(new DescribeDatabaseRequest { DbName = "db1" }).Status, 800, "database not found[database=db1]");
        Fails(_h.Client.CreateDatabase(new CreateDatabaseRequest { DbName = "1x" }), 802,
            "the first character of a database name must be an underscore or letter: invalid database name[database=1x]");
    }

    [Fact]
    public void Aliases_resolve_and_follow_milvus_rules()
    {
        Ok(_h.CreateCollection("a", Int64Pk(), Vector("v", DataType.FloatVector, 4)));
        Ok(_h.CreateCollection("b", Int64Pk(), Vector("v", DataType.FloatVector, 4)));
        Ok(_h.Client.CreateAlias(new CreateAliasRequest { CollectionName = "a", Alias = "current" }));
        Assert.Equal("a", _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "current" }).CollectionName);
        Assert.Equal(["current"], _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "a" }).Aliases);
        Fails(_h.Client.CreateAlias(new CreateAliasRequest { CollectionName = "b", Alias = "current" }), 1602, "alias already exist[database=default][alias=current]");
        Fails(_h.Client.CreateAlias(new CreateAliasRequest { CollectionName = "a", Alias = "b" }), 1601, "alias and collection name conflict[database=default][alias=b]");
        Ok(_h.Client.AlterAlias(new AlterAliasRequest { CollectionName = "b", Alias = "current" }));
        Assert.Equal("b", _h.Client.DescribeAlias(new DescribeAliasRequest { Alias = "current" }).Collection);
        Assert.Equal(["current"], _h.Client.ListAliases(new ListAliasesRequest()).Aliases);
        Fails(_h.Client.DropCollection(new DropCollectionRequest { CollectionName = "b" }), 65535,
            "unable to drop the collection [b] because it has associated aliases [current], please remove all aliases before dropping the collection");
        Ok(_h.Client.DropAlias(new DropAliasRequest { Alias = "current" }));
        Fails(_h.Client.DescribeAlias(new DescribeAliasRequest { Alias = "current" }).Status, 1600, "alias not found[database=default][alias=current]");
    }

    [Fact]
    public void Partitions_and_partition_key_collections()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 4)));
        Ok(_h.Client.CreatePartition(new CreatePartitionRequest { CollectionName = "c", PartitionName = "p1" }));
        Assert.True(_h.Client.HasPartition(new HasPartitionRequest { CollectionName = "c", PartitionName = "p1" }).Value);
        Assert.Equal(["_default", "p1"], _h.Client.ShowPartitions(new ShowPartitionsRequest { CollectionName = "c" }).PartitionNames);
        Fails(_h.Client.DropPartition(new DropPartitionRequest { CollectionName = "c", PartitionName = "_default" }), 1100, "default partition cannot be deleted: invalid parameter");
        Ok(_h.Client.DropPartition(new DropPartitionRequest { CollectionName = "c", PartitionName = "p1" }));

        var key = VarChar("tenant", 16);
        key.IsPartitionKey = true;
        var schema = new CollectionSchema { Name = "pk", Fields = { Int64Pk(), Vector("v", DataType.FloatVector, 4), key } };
        Ok(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "pk", Schema = Google.Protobuf.MessageExtensions.ToByteString(schema), NumPartitions = 4 }));
        Assert.Equal(["_default_0", "_default_1", "_default_2", "_default_3"],
            _h.Client.ShowPartitions(new ShowPartitionsRequest { CollectionName = "pk" }).PartitionNames);
        Fails(_h.Client.CreatePartition(new CreatePartitionRequest { CollectionName = "pk", PartitionName = "x" }), 65535,
            "disable create partition if partition key mode is used");
        Fails(_h.Client.DropPartition(new DropPartitionRequest { CollectionName = "pk", PartitionName = "_default_0" }), 65535,
            "disable drop partition if partition key mode is used");
    }

    [Fact]
    public void Index_and_load_rules()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 4)));
        Fails(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }), 1100,
            "there is no vector index on field: [v], please create index firstly: invalid parameter");
        Fails(_h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).Status, 700, "index not found[collection=c]");
        Fails(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "v",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "GPU_CAGRA" }, new KeyValuePair { Key = "metric_type", Value = "L2" } },
        }), 701, "index type not supported[indexType=GPU_CAGRA]: not supported by the Milvus local engine");
        Fails(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "v",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "HNSW" }, new KeyValuePair { Key = "metric_type", Value = "L2" },
                new KeyValuePair { Key = "params", Value = "{\"M\": 4096}" } },
        }), 1100, "param 'M' (4096) should be in range [2, 2048]: invalid parameter");
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "v",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "HNSW" }, new KeyValuePair { Key = "metric_type", Value = "L2" },
                new KeyValuePair { Key = "params", Value = "{\"M\": 16, \"efConstruction\": 200}" } },
        }));
        var described = _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions.Single();
        Assert.Equal("v", described.IndexName);
        Assert.Equal(IndexState.Finished, described.State);
        Assert.Equal("HNSW", described.Params.Single(p => p.Key == "index_type").Value);
        Assert.Equal("{\"M\":16,\"efConstruction\":200}", described.Params.Single(p => p.Key == "params").Value);
        Assert.Equal(LoadState.NotLoad, _h.Client.GetLoadState(new GetLoadStateRequest { CollectionName = "c" }).State);
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }));
        Assert.Equal(LoadState.Loaded, _h.Client.GetLoadState(new GetLoadStateRequest { CollectionName = "c" }).State);
        Assert.Equal(100, _h.Client.GetLoadingProgress(new GetLoadingProgressRequest { CollectionName = "c" }).Progress);
        Fails(_h.Client.DropIndex(new DropIndexRequest { CollectionName = "c", FieldName = "v" }), 65535,
            "index cannot be dropped, collection is loaded, please release it first");
        Ok(_h.Client.ReleaseCollection(new ReleaseCollectionRequest { CollectionName = "c" }));
        Ok(_h.Client.DropIndex(new DropIndexRequest { CollectionName = "c", FieldName = "v" }));
    }

    [Fact]
    public void Catalog_survives_reopen()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 4)));
        _h.IndexAndLoad("c", "v", "L2");
        Ok(_h.Client.CreateAlias(new CreateAliasRequest { CollectionName = "c", Alias = "al" }));
        _h.Reopen();
        Assert.Equal("c", _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "al" }).CollectionName);
        // The reopen loads it again in the background (Loading until then; under load that can outlast the calls above).
        Assert.Equal(LoadState.Loaded, _h.LoadStateAfterLoading("c"));
    }

    [Fact]
    public void A_second_engine_on_the_same_file_is_refused()
    {
        var e = Assert.Throws<Milvus.Local.Storage.DatabaseInUseException>(() => MilvusLocalEngine.Open(_h.Path));
        Assert.Contains("database is in use", e.Message);
    }
}

public sealed class CatalogTestsInProcess() : CatalogTests(EngineTransport.InProcess);

public sealed class CatalogTestsOverKestrel() : CatalogTests(EngineTransport.Kestrel);
