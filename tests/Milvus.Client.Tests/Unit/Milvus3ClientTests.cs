using Grpc.Core;
using Milvus.Client.Tests.Support;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using static Milvus.Protocol.Api.AlterCollectionSchemaRequest.Types;
using GrpcStatus = Grpc.Core.Status;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Client.Tests.Unit;

/// <summary>
/// The pymilvus 3.0 calls: the requests they send, pymilvus 3.0.1's fallbacks when a Milvus 2.6 server answers gRPC UNIMPLEMENTED,
/// and the typed "server too old" error everywhere else.
/// </summary>
public class Milvus3ClientTests
{
    /// <summary>Answers UNIMPLEMENTED for the RPCs Milvus 2.6 does not have, as a 2.6 server does.</summary>
    private static RecordingCallInvoker Milvus26(params string[] rpcs)
    {
        var invoker = new RecordingCallInvoker();
        foreach (var rpc in rpcs)
            invoker.Reply(rpc, _ => throw new RpcException(new GrpcStatus(StatusCode.Unimplemented, $"unknown method {rpc} for service milvus.proto.milvus.MilvusService")));
        return invoker;
    }

    private static string[] Methods(RecordingCallInvoker invoker) => invoker.Calls.Select(c => c.Method).Where(m => m != "Connect").ToArray();

    [Fact]
    public async Task Add_collection_field_sends_alter_collection_schema_to_a_3_0_server()
    {
        var invoker = new RecordingCallInvoker();
        await using var client = TestClients.Recording(invoker);
        await client.AddCollectionFieldAsync("c", "year", DataType.Int64, nullable: true, defaultValue: 2024L);
        Assert.Equal(["AlterCollectionSchema"], Methods(invoker));
        var add = invoker.Last<AlterCollectionSchemaRequest>("AlterCollectionSchema").Action.AddRequest;
        var field = Assert.Single(add.FieldInfos).FieldSchema;
        Assert.Equal(("year", Milvus.Protocol.Schema.DataType.Int64, true, 2024L), (field.Name, field.DataType, field.Nullable, field.DefaultValue.LongData));
        Assert.Empty(add.FuncSchema);
    }

    [Fact]
    public async Task Add_collection_field_falls_back_to_add_collection_field_on_a_2_6_server()
    {
        var invoker = Milvus26("AlterCollectionSchema");
        await using var client = TestClients.Recording(invoker);
        await client.AddCollectionFieldAsync("c", "year", DataType.Int64, nullable: true);
        Assert.Equal(["AlterCollectionSchema", "AddCollectionField"], Methods(invoker));
        var legacy = Milvus.Protocol.Schema.FieldSchema.Parser.ParseFrom(invoker.Last<AddCollectionFieldRequest>("AddCollectionField").Schema);
        Assert.Equal(("year", true), (legacy.Name, legacy.Nullable));
    }

    [Fact]
    public async Task Add_collection_field_falls_back_when_an_external_collection_refuses_schema_alteration()
    {
        var invoker = new RecordingCallInvoker().Reply("AlterCollectionSchema", _ => new AlterCollectionSchemaResponse
        {
            AlterStatus = new Status { Code = 1100, Reason = "alter collection schema operation is not supported for external collection: invalid parameter" },
        });
        await using var client = TestClients.Recording(invoker);
        await client.AddCollectionFieldAsync("c", "year", DataType.Int64, nullable: true);
        Assert.Equal(["AlterCollectionSchema", "AddCollectionField"], Methods(invoker));
    }

    [Fact]
    public async Task Add_collection_field_reports_other_alter_failures_without_fallback()
    {
        var invoker = new RecordingCallInvoker().Reply("AlterCollectionSchema", _ => new AlterCollectionSchemaResponse
        {
            AlterStatus = new Status { Code = 1100, Reason = "duplicate field name: year: invalid parameter" },
        });
        await using var client = TestClients.Recording(invoker);
        var e = await Assert.ThrowsAsync<MilvusException>(() => client.AddCollectionFieldAsync("c", "year", DataType.Int64, nullable: true));
        Assert.Equal((1100, "duplicate field name: year: invalid parameter", "AlterCollectionSchema"), (e.Code, e.Message, e.RpcName));
        Assert.Equal(["AlterCollectionSchema"], Methods(invoker));
    }

    public static TheoryData<string, string, Func<AsyncMilvusClient, Task>> NewCalls => new()
    {
        { "drop_collection_field", "AlterCollectionSchema", c => c.DropCollectionFieldAsync("c", "year") },
        { "drop_function_field", "AlterCollectionSchema", c => c.DropFunctionFieldAsync("c", "bm25") },
        { "add_collection_struct_field", "AddCollectionStructField", c => c.AddCollectionStructFieldAsync("c", "chunks", new StructFieldSchema().AddField("text", DataType.VarChar, maxLength: 64), 4) },
        { "alter_role", "AlterRole", c => c.AlterRoleAsync("reader", "reads") },
        { "refresh_external_collection", "RefreshExternalCollection", c => c.RefreshExternalCollectionAsync("ext") },
        { "get_refresh_external_collection_progress", "GetRefreshExternalCollectionProgress", c => c.GetRefreshExternalCollectionProgressAsync(5) },
        { "list_refresh_external_collection_jobs", "ListRefreshExternalCollectionJobs", c => c.ListRefreshExternalCollectionJobsAsync() },
    };

    [Theory]
    [MemberData(nameof(NewCalls))]
    public async Task A_3_0_call_to_a_2_6_server_raises_server_too_old_naming_call_and_version(string method, string rpc, Func<AsyncMilvusClient, Task> call)
    {
        var invoker = Milvus26(rpc);
        await using var client = TestClients.Recording(invoker);
        var e = await Assert.ThrowsAsync<ServerVersionIncompatibleException>(() => call(client));
        Assert.Equal($"{method} needs Milvus 3.0 or later: the server (version v2.6.17) does not implement {rpc}", e.Message);
        Assert.Equal((method, "v2.6.17", rpc, 12), (e.Method, e.ServerVersion, e.RpcName, e.Code));
        Assert.Equal([rpc], Methods(invoker));
    }

    [Fact]
    public async Task Drop_calls_send_exactly_one_identifier_as_pymilvus_does()
    {
        var invoker = new RecordingCallInvoker();
        await using var client = TestClients.Recording(invoker);
        await client.DropCollectionFieldAsync("c", fieldId: 105);
        Assert.Equal((DropRequest.IdentifierOneofCase.FieldId, 105L), (Drop().IdentifierCase, Drop().FieldId));
        await client.DropFunctionFieldAsync("c", "bm25");
        Assert.Equal(("bm25", true), (Drop().FunctionName, Drop().DropFunctionOutputFields));
        var both = await Assert.ThrowsAsync<ParamError>(() => client.DropCollectionFieldAsync("c", "year", 105));
        Assert.Equal("Must specify exactly one valid Drop identifier (drop_field_name/drop_field_id/drop_function_name)", both.Message);
        await Assert.ThrowsAsync<ParamError>(() => client.DropCollectionFieldAsync("c"));

        DropRequest Drop() => invoker.Last<AlterCollectionSchemaRequest>("AlterCollectionSchema").Action.DropRequest;
    }

    [Fact]
    public async Task Add_struct_field_sends_a_nullable_struct_and_nullable_sub_fields_as_pymilvus_does()
    {
        var invoker = new RecordingCallInvoker();
        await using var client = TestClients.Recording(invoker);
        var chunks = new StructFieldSchema().AddField("text", DataType.VarChar, maxLength: 64).AddField("emb", DataType.FloatVector, dim: 2);
        await client.AddCollectionStructFieldAsync("c", "chunks", chunks, 4, "parts");
        var sent = invoker.Last<AddCollectionStructFieldRequest>("AddCollectionStructField");
        var s = sent.StructArrayFieldSchema;
        Assert.Equal(("c", "chunks", "parts", true), (sent.CollectionName, s.Name, s.Description, s.Nullable));
        Assert.Equal(["text:Array:VarChar:True", "emb:ArrayOfVector:FloatVector:True"],
            s.Fields.Select(f => $"{f.Name}:{f.DataType}:{f.ElementType}:{f.Nullable}"));
        Assert.All(s.Fields, f => Assert.Contains(f.TypeParams, p => p.Key == "max_capacity" && p.Value == "4"));
    }

    [Fact]
    public async Task Add_function_field_sends_field_function_and_bound_index_and_checks_like_pymilvus()
    {
        var invoker = new RecordingCallInvoker();
        await using var client = TestClients.Recording(invoker);
        var field = new FieldSchema("sparse", DataType.SparseFloatVector);
        var bm25 = new FunctionSchema("bm25", FunctionType.BM25, ["text"], ["sparse"]);
        var index = AsyncMilvusClient.PrepareIndexParams().AddIndex("sparse", "SPARSE_INVERTED_INDEX", "sparse_idx", "BM25");
        await client.AddFunctionFieldAsync("c", field, bm25, index);
        var add = invoker.Last<AlterCollectionSchemaRequest>("AlterCollectionSchema").Action.AddRequest;
        var info = Assert.Single(add.FieldInfos);
        Assert.Equal(("sparse", "sparse_idx"), (info.FieldSchema.Name, info.IndexName));
        Assert.Equal(["index_type=SPARSE_INVERTED_INDEX", "metric_type=BM25"], info.ExtraParams.Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal("bm25", Assert.Single(add.FuncSchema).Name);

        var wrongType = await Assert.ThrowsAsync<ParamError>(() => client.AddFunctionFieldAsync("c", new FieldSchema("sparse", DataType.FloatVector), bm25, index));
        Assert.Equal("add_function_field requires SparseFloatVector output field for BM25, got FloatVector", wrongType.Message);
        var noType = await Assert.ThrowsAsync<ParamError>(() => client.AddFunctionFieldAsync("c", field, bm25, AsyncMilvusClient.PrepareIndexParams().AddIndex("sparse")));
        Assert.Equal("an explicit index_type is required for the bound index of the function output field", noType.Message);
        var rerank = new FunctionSchema("r", FunctionType.Rerank, ["text"]);
        await Assert.ThrowsAsync<ParamError>(() => client.AddFunctionFieldAsync("c", field, rerank, index));
    }

    [Fact]
    public async Task User_and_role_descriptions_travel_in_the_3_0_fields()
    {
        var invoker = new RecordingCallInvoker();
        await using var client = TestClients.Recording(invoker);
        await client.CreateUserAsync("alice", "P@ssw0rd", "analyst");
        Assert.Equal("analyst", invoker.Last<CreateCredentialRequest>("CreateCredential").Description);
        await client.CreateUserAsync("bob", "P@ssw0rd");
        Assert.False(invoker.Last<CreateCredentialRequest>("CreateCredential").HasDescription);
        await client.UpdateUserAsync("alice", "lead");
        var update = invoker.Last<UpdateCredentialRequest>("UpdateCredential");
        Assert.Equal(("alice", "", "", "lead"), (update.Username, update.OldPassword, update.NewPassword, update.Description));
        await client.CreateRoleAsync("reader", "reads");
        Assert.Equal("reads", invoker.Last<CreateRoleRequest>("CreateRole").Entity.Description);

        invoker.Reply("SelectRole", _ => new SelectRoleResponse { Status = new Status(), Results = { new RoleResult { Role = new RoleEntity { Name = "reader", Description = "reads" } } } });
        invoker.Reply("SelectUser", _ => new SelectUserResponse { Status = new Status(), Results = { new UserResult { User = new UserEntity { Name = "alice" }, Description = "lead" } } });
        var start = invoker.Calls.Count;
        Assert.Equal("reads", (await client.DescribeRoleAsync("reader")).Description);
        Assert.Equal(["SelectRole", "SelectGrant"], invoker.Calls.Skip(start).Select(c => c.Method));
        Assert.Equal("lead", (await client.DescribeUserAsync("alice"))!.Description);
    }

    [Fact]
    public async Task File_resources_and_external_collection_jobs_map_their_replies()
    {
        var invoker = new RecordingCallInvoker()
            .Reply("ListFileResources", _ => new ListFileResourcesResponse { Status = new Status(), Resources = { new Milvus.Protocol.Api.FileResourceInfo { Id = 9, Name = "stop", Path = "s3://a" } } })
            .Reply("RefreshExternalCollection", _ => new RefreshExternalCollectionResponse { Status = new Status(), JobId = 77 })
            .Reply("GetRefreshExternalCollectionProgress", _ => new GetRefreshExternalCollectionProgressResponse
            {
                Status = new Status(),
                JobInfo = new Milvus.Protocol.Api.RefreshExternalCollectionJobInfo
                {
                    JobId = 77, CollectionName = "ext", State = RefreshExternalCollectionState.RefreshInProgress, Progress = 40, ExternalSource = "s3://b",
                    StartTime = 1000,
                },
            });
        await using var client = TestClients.Recording(invoker);
        await client.AddFileResourceAsync("stop", "s3://a");
        Assert.Equal(("stop", "s3://a"), (invoker.Last<AddFileResourceRequest>("AddFileResource").Name, invoker.Last<AddFileResourceRequest>("AddFileResource").Path));
        await client.RemoveFileResourceAsync("stop");
        Assert.Equal("stop", invoker.Last<RemoveFileResourceRequest>("RemoveFileResource").Name);
        Assert.Equal([new Milvus.Client.FileResourceInfo("stop", "s3://a", 9)], await client.ListFileResourcesAsync());

        Assert.Equal(77, await client.RefreshExternalCollectionAsync("ext", "s3://b", "{}"));
        var refresh = invoker.Last<RefreshExternalCollectionRequest>("RefreshExternalCollection");
        Assert.Equal(("ext", "s3://b", "{}"), (refresh.CollectionName, refresh.ExternalSource, refresh.ExternalSpec));
        var job = await client.GetRefreshExternalCollectionProgressAsync(77);
        Assert.Equal(new Milvus.Client.RefreshExternalCollectionJobInfo(77, "ext", "RefreshInProgress", 40, "", "s3://b", 1000, 0), job);
    }

    [Fact]
    public async Task A_session_pins_search_query_and_get_to_its_cluster()
    {
        var invoker = new RecordingCallInvoker().Reply("DescribeCollection", _ => TestClients.Describe(TestClients.SimpleSchema()));
        await using var client = TestClients.Recording(invoker);
        var session = client.Session("cluster-b");
        await session.SearchAsync("c", [new float[] { 1, 2, 3, 4 }]);
        Assert.Equal("cluster-b", invoker.Last<SearchRequest>("Search").SearchParams.Single(p => p.Key == "cluster_id").Value);
        await session.QueryAsync("c", "id > 0");
        Assert.Equal("cluster-b", invoker.Last<QueryRequest>("Query").QueryParams.Single(p => p.Key == "cluster_id").Value);
        await session.GetAsync("c", [1L]);
        Assert.Equal("cluster-b", invoker.Last<QueryRequest>("Query").QueryParams.Single(p => p.Key == "cluster_id").Value);
        await session.HybridSearchAsync("c", [new AnnSearchRequest([new float[] { 1, 2, 3, 4 }], "vector", new Dictionary<string, object?>(), 3)], new RrfRanker());
        Assert.Equal("cluster-b", invoker.Last<HybridSearchRequest>("HybridSearch").RankParams.Single(p => p.Key == "cluster_id").Value);

        await client.QueryAsync("c", "id > 0");
        Assert.DoesNotContain(invoker.Last<QueryRequest>("Query").QueryParams, p => p.Key == "cluster_id");
        await session.CloseAsync();
        var closed = await Assert.ThrowsAsync<MilvusException>(() => session.QueryAsync("c", "id > 0"));
        Assert.Equal("AsyncMilvusClient session is closed", closed.Message);
    }

    [Fact]
    public async Task Search_aggregation_travels_as_the_3_0_spec()
    {
        var invoker = new RecordingCallInvoker().Reply("DescribeCollection", _ => TestClients.Describe(TestClients.SimpleSchema()));
        await using var client = TestClients.Recording(invoker);
        var aggregation = new SearchAggregation(["brand"], 5) { TopHits = (2, [("_score", "desc")]), SubAggregation = new SearchAggregation(["color"], 3) };
        aggregation.Metrics["avg_price"] = ("avg", "price");
        aggregation.Order.Add(("avg_price", "desc"));
        await client.SearchAsync("c", [new float[] { 1, 2, 3, 4 }], options: new SearchOptions { SearchAggregation = aggregation });
        var spec = invoker.Last<SearchRequest>("Search").SearchAggregation;
        Assert.Equal(["brand"], spec.Fields);
        Assert.Equal(5L, spec.Size);
        Assert.Equal(("avg", "price"), (spec.Metrics["avg_price"].Op, spec.Metrics["avg_price"].FieldName));
        Assert.Equal(("avg_price", "desc"), (spec.Order.Single().Key, spec.Order.Single().Direction));
        Assert.Equal((2L, "_score", "desc"), (spec.TopHits.Size, spec.TopHits.Sort.Single().FieldName, spec.TopHits.Sort.Single().Direction));
        Assert.Equal(["color"], spec.SubAggregation.Fields);

        aggregation.Order.Add(("nope", "asc"));
        var bad = await Assert.ThrowsAsync<ParamError>(() => client.SearchAsync("c", [new float[] { 1, 2, 3, 4 }], options: new SearchOptions { SearchAggregation = aggregation }));
        Assert.Equal("SearchAggregation.order key 'nope' must be a metric alias, '_count' or '_key'", bad.Message);
        Assert.Throws<ParamError>(() => new SearchAggregation([], 1));
    }
}
