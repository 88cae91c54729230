using Grpc.Core;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>The <c>dbname</c> header: a database that does not exist fails every database-scoped RPC with code 800.</summary>
public abstract class DatabaseHeaderTests(EngineTransport transport) : IDisposable
{
    private const string Missing = "nope";
    private static readonly Metadata MissingDb = new() { { "dbname", Missing } };
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private static void NotFound(Milvus.Protocol.Common.Status status) => Fails(status, 800, $"database not found[database={Missing}]");

    [Fact]
    public void Connect_with_a_missing_database_fails_and_an_empty_header_means_default()
    {
        NotFound(_h.Client.Connect(new ConnectRequest(), MissingDb).Status);
        Ok(_h.Client.Connect(new ConnectRequest(), new Metadata { { "dbname", "" } }).Status);
        Ok(_h.Client.Connect(new ConnectRequest()).Status);
        Ok(_h.Client.Connect(new ConnectRequest(), new Metadata { { "dbname", "default" } }).Status);
    }

    [Fact]
    public void Every_database_scoped_rpc_fails_with_code_800()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        var schema = new CollectionSchema { Name = "c2", Fields = { Int64Pk(), Vector("v", DataType.FloatVector, 2) } };
        NotFound(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "c2", Schema = Google.Protobuf.ByteString.CopyFrom(Google.Protobuf.MessageExtensions.ToByteArray(schema)) }, MissingDb));
        NotFound(_h.Client.DropCollection(new DropCollectionRequest { CollectionName = "c" }, MissingDb));
        NotFound(_h.Client.HasCollection(new HasCollectionRequest { CollectionName = "c" }, MissingDb).Status);
        NotFound(_h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "c" }, MissingDb).Status);
        NotFound(_h.Client.ShowCollections(new ShowCollectionsRequest(), MissingDb).Status);
        NotFound(_h.Client.ShowPartitions(new ShowPartitionsRequest { CollectionName = "c" }, MissingDb).Status);
        NotFound(_h.Client.CreatePartition(new CreatePartitionRequest { CollectionName = "c", PartitionName = "p" }, MissingDb));
        NotFound(_h.Client.Insert(new InsertRequest { CollectionName = "c", NumRows = 1, FieldsData = { Longs("id", 1), FloatVectors("v", 2, [[1, 0]]) } }, MissingDb).Status);
        NotFound(_h.Client.Upsert(new UpsertRequest { CollectionName = "c", NumRows = 1, FieldsData = { Longs("id", 1), FloatVectors("v", 2, [[1, 0]]) } }, MissingDb).Status);
        NotFound(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = "id > 0" }, MissingDb).Status);
        NotFound(_h.Client.Query(new QueryRequest { CollectionName = "c", Expr = "id > 0" }, MissingDb).Status);
        NotFound(_h.Client.Search(new SearchRequest { CollectionName = "c", PlaceholderGroup = FloatPlaceholder([1, 0]) }, MissingDb).Status);
        NotFound(_h.Client.HybridSearch(new HybridSearchRequest { CollectionName = "c", Requests = { new SearchRequest() } }, MissingDb).Status);
        NotFound(_h.Client.CreateIndex(new CreateIndexRequest { CollectionName = "c", FieldName = "v" }, MissingDb));
        NotFound(_h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }, MissingDb).Status);
        NotFound(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }, MissingDb));
        NotFound(_h.Client.ReleaseCollection(new ReleaseCollectionRequest { CollectionName = "c" }, MissingDb));
        NotFound(_h.Client.GetLoadState(new GetLoadStateRequest { CollectionName = "c" }, MissingDb).Status);
        NotFound(_h.Client.GetCollectionStatistics(new GetCollectionStatisticsRequest { CollectionName = "c" }, MissingDb).Status);
        NotFound(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }, MissingDb).Status);
        NotFound(_h.Client.CreateAlias(new CreateAliasRequest { CollectionName = "c", Alias = "a" }, MissingDb));
        NotFound(_h.Client.ListAliases(new ListAliasesRequest(), MissingDb).Status);
        NotFound(_h.Client.DescribeDatabase(new DescribeDatabaseRequest(), MissingDb).Status);
        NotFound(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "c" }, MissingDb));
        NotFound(_h.Client.RenameCollection(new RenameCollectionRequest { OldName = "c", NewName = "d" }, MissingDb));
        NotFound(_h.Client.GetFlushState(new GetFlushStateRequest { CollectionName = "c" }, MissingDb).Status);
        NotFound(_h.Client.ManualCompaction(new ManualCompactionRequest { CollectionName = "c" }, MissingDb).Status);
    }

    [Fact]
    public void Server_wide_rpcs_ignore_the_header_and_a_db_name_field_wins_over_it()
    {
        Ok(_h.Client.ListDatabases(new ListDatabasesRequest(), MissingDb).Status);
        Ok(_h.Client.GetVersion(new GetVersionRequest(), MissingDb).Status);
        Ok(_h.Client.CheckHealth(new CheckHealthRequest(), MissingDb).Status);
        Ok(_h.Client.CreateDatabase(new CreateDatabaseRequest { DbName = "made" }, MissingDb));
        Ok(_h.Client.ShowCollections(new ShowCollectionsRequest { DbName = "made" }, MissingDb).Status);
        Ok(_h.Client.DropDatabase(new DropDatabaseRequest { DbName = "made" }, MissingDb));
    }
}

public sealed class DatabaseHeaderTestsInProcess() : DatabaseHeaderTests(EngineTransport.InProcess);

public sealed class DatabaseHeaderTestsOverKestrel() : DatabaseHeaderTests(EngineTransport.Kestrel);
