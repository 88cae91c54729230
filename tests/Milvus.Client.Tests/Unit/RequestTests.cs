using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Milvus.Client.Tests.Support;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Proto = Milvus.Protocol.Schema;
using static Milvus.Client.Tests.Support.Rows;

namespace Milvus.Client.Tests.Unit;

/// <summary>The exact requests the client builds, captured by a recording CallInvoker (for RPCs the local engine may not serve).</summary>
public class RequestTests
{
    private static (AsyncMilvusClient Client, RecordingCallInvoker Invoker) Recorder(CollectionSchema? schema = null)
    {
        var invoker = new RecordingCallInvoker();
        var describe = TestClients.Describe(schema ?? TestClients.SimpleSchema());
        invoker.Reply("DescribeCollection", _ => describe);
        return (TestClients.Recording(invoker), invoker);
    }

    private static Dictionary<string, string> Kv(IEnumerable<Milvus.Protocol.Common.KeyValuePair> pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public async Task Search_request_encodes_vectors_params_and_consistency()
    {
        var (client, invoker) = Recorder();
        await client.SearchAsync("c", new object[] { new float[] { 1, 2, 3, 4 } }, filter: "id > 1", limit: 5, outputFields: new[] { "title" },
            searchParams: new Dictionary<string, object?> { ["metric_type"] = "L2", ["params"] = new Dictionary<string, object?> { ["nprobe"] = 16 }, ["radius"] = 2.5 },
            partitionNames: new[] { "p1" }, annsField: "vector",
            options: new SearchOptions { GroupByField = "title", GroupSize = 2, RoundDecimal = 3, IgnoreGrowing = true, Offset = 4 });
        var r = invoker.Last<SearchRequest>("Search");
        Assert.Equal("c", r.CollectionName);
        Assert.Equal("id > 1", r.Dsl);
        Assert.Equal(DslType.BoolExprV1, r.DslType);
        Assert.Equal(1, r.Nq);
        Assert.Equal(new[] { "title" }, r.OutputFields);
        Assert.Equal(new[] { "p1" }, r.PartitionNames);
        Assert.True(r.UseDefaultConsistency);
        Assert.Equal(1UL, r.GuaranteeTimestamp);
        var kv = Kv(r.SearchParams);
        Assert.Equal("5", kv["topk"]);
        Assert.Equal("3", kv["round_decimal"]);
        Assert.Equal("True", kv["ignore_growing"]);
        Assert.Equal("4", kv["offset"]);
        Assert.Equal("L2", kv["metric_type"]);
        Assert.Equal("vector", kv["anns_field"]);
        Assert.Equal("title", kv["group_by_field"]);
        Assert.Equal("2", kv["group_size"]);
        Assert.Equal("{\"nprobe\":16,\"metric_type\":\"L2\",\"radius\":2.5}", kv["params"]);
        var group = PlaceholderGroup.Parser.ParseFrom(r.PlaceholderGroup);
        var value = Assert.Single(group.Placeholders);
        Assert.Equal("$0", value.Tag);
        Assert.Equal(PlaceholderType.FloatVector, value.Type);
        Assert.Equal(new byte[] { 0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40, 0, 0, 0x80, 0x40 }, value.Values[0].ToByteArray());
    }

    [Fact]
    public async Task Search_sends_a_lexical_highlighter_with_pymilvus_params()
    {
        var (client, invoker) = Recorder();
        var highlighter = new LexicalHighlighter
        {
            PreTags = ["{"], PostTags = ["}"], FragmentOffset = 5, FragmentSize = 60, NumOfFragments = 1, HighlightSearchText = true,
        }.WithQuery("text", "my doc");
        await client.SearchAsync("c", new object[] { "BM25" }, annsField: "sparse", options: new SearchOptions { Highlighter = highlighter });
        var sent = invoker.Last<SearchRequest>("Search").Highlighter;
        Assert.Equal(HighlightType.Lexical, sent.Type);
        Assert.Equal(
            ["pre_tags=[\"{\"]", "post_tags=[\"}\"]", "fragment_offset=5", "fragment_size=60", "num_of_fragments=1",
             "highlight_query=[{\"type\":\"TextMatch\",\"field\":\"text\",\"text\":\"my doc\"}]", "highlight_search_text=True"],
            sent.Params.Select(p => $"{p.Key}={p.Value}"));
        await client.SearchAsync("c", new object[] { new float[] { 1, 2, 3, 4 } });
        Assert.Null(invoker.Last<SearchRequest>("Search").Highlighter);
    }

    [Fact]
    public async Task Search_placeholders_for_sparse_binary_half_int8_and_text()
    {
        var (client, invoker) = Recorder();
        async Task<PlaceholderValue> Encode(object row)
        {
            await client.SearchAsync("c", new[] { row });
            return PlaceholderGroup.Parser.ParseFrom(invoker.Last<SearchRequest>("Search").PlaceholderGroup).Placeholders[0];
        }
        var sparse = await Encode(new Dictionary<int, float> { [7] = 0.5f, [2] = 1f });
        Assert.Equal(PlaceholderType.SparseFloatVector, sparse.Type);
        Assert.Equal(new byte[] { 2, 0, 0, 0, 0, 0, 0x80, 0x3f, 7, 0, 0, 0, 0, 0, 0, 0x3f }, sparse.Values[0].ToByteArray());
        var binary = await Encode(new byte[] { 0xF0 });
        Assert.Equal(PlaceholderType.BinaryVector, binary.Type);
        var half = await Encode(new[] { (Half)1, (Half)(-2) });
        Assert.Equal(PlaceholderType.Float16Vector, half.Type);
        Assert.Equal(new byte[] { 0x00, 0x3c, 0x00, 0xc0 }, half.Values[0].ToByteArray());
        var int8 = await Encode(new sbyte[] { -1, 2 });
        Assert.Equal(PlaceholderType.Int8Vector, int8.Type);
        Assert.Equal(new byte[] { 0xff, 2 }, int8.Values[0].ToByteArray());
        var text = await Encode("milvus");
        Assert.Equal(PlaceholderType.VarChar, text.Type);
        Assert.Equal(Encoding.UTF8.GetBytes("milvus"), text.Values[0].ToByteArray());
    }

    [Fact]
    public async Task Search_by_ids_and_consistency_levels()
    {
        var (client, invoker) = Recorder();
        await client.SearchAsync("c", ids: new object[] { 3L, 4L }, options: new SearchOptions { ConsistencyLevel = ConsistencyLevel.Strong });
        var r = invoker.Last<SearchRequest>("Search");
        Assert.Equal(new long[] { 3, 4 }, r.Ids.IntId.Data);
        Assert.Equal(2, r.Nq);
        Assert.False(r.UseDefaultConsistency);
        Assert.Equal(0UL, r.GuaranteeTimestamp);
        Assert.Equal(Milvus.Protocol.Common.ConsistencyLevel.Strong, r.ConsistencyLevel);

        await client.SearchAsync("c", new object[] { new float[] { 1, 0, 0, 0 } }, options: new SearchOptions { ConsistencyLevel = ConsistencyLevel.Bounded });
        Assert.Equal(2UL, invoker.Last<SearchRequest>("Search").GuaranteeTimestamp);
        await client.SearchAsync("c", new object[] { new float[] { 1, 0, 0, 0 } },
            options: new SearchOptions { ConsistencyLevel = ConsistencyLevel.Customized, GuaranteeTimestamp = 12345 });
        Assert.Equal(12345UL, invoker.Last<SearchRequest>("Search").GuaranteeTimestamp);

        invoker.Reply("Insert", _ => new Milvus.Protocol.Api.MutationResult { Status = new Status(), InsertCnt = 1, Timestamp = 777 });
        await client.InsertAsync("c", new[] { Row(("id", 1L), ("vector", new float[] { 1, 0, 0, 0 })) });
        await client.SearchAsync("c", new object[] { new float[] { 1, 0, 0, 0 } }, options: new SearchOptions { ConsistencyLevel = ConsistencyLevel.Session });
        Assert.Equal(777UL, invoker.Last<SearchRequest>("Search").GuaranteeTimestamp);
    }

    [Fact]
    public async Task Search_argument_checks()
    {
        var (client, _) = Recorder();
        var limit = await Assert.ThrowsAsync<ParamError>(() => client.SearchAsync("c", new object[] { new float[] { 1 } }, limit: 0));
        Assert.Equal("limit must be a positive integer, got 0", limit.Message);
        var round = await Assert.ThrowsAsync<ParamError>(() =>
            client.SearchAsync("c", new object[] { new float[] { 1 } }, options: new SearchOptions { RoundDecimal = 7 }));
        Assert.Equal("round_decimal must be an integer between -1 and 6, got 7", round.Message);
        await Assert.ThrowsAsync<ParamError>(() => client.SearchAsync("c", new object[] { new float[] { 1 } },
            searchParams: new Dictionary<string, object?> { ["offset"] = 1 }, options: new SearchOptions { Offset = 2 }));
    }

    [Fact]
    public async Task Hybrid_search_with_rrf_weighted_and_function_rankers()
    {
        var (client, invoker) = Recorder();
        var reqs = new[]
        {
            new AnnSearchRequest(new object[] { new float[] { 1, 0, 0, 0 } }, "vector", new Dictionary<string, object?> { ["metric_type"] = "IP" }, 3, "id > 0"),
            new AnnSearchRequest(new object[] { new Dictionary<uint, float> { [1] = 0.5f } }, "sparse", null, 4),
        };
        await client.HybridSearchAsync("c", reqs, new RrfRanker(100), limit: 2, outputFields: new[] { "title" });
        var h = invoker.Last<HybridSearchRequest>("HybridSearch");
        Assert.Equal(2, h.Requests.Count);
        Assert.Equal("id > 0", h.Requests[0].Dsl);
        Assert.Equal("3", Kv(h.Requests[0].SearchParams)["topk"]);
        Assert.Equal("vector", Kv(h.Requests[0].SearchParams)["anns_field"]);
        Assert.Equal("IP", Kv(h.Requests[0].SearchParams)["metric_type"]);
        Assert.Equal("4", Kv(h.Requests[1].SearchParams)["topk"]);
        var rank = Kv(h.RankParams);
        Assert.Equal("rrf", rank["strategy"]);
        Assert.Equal("{\"k\":100}", rank["params"]);
        Assert.Equal("2", rank["limit"]);
        Assert.Equal("-1", rank["round_decimal"]);
        Assert.Equal("0", rank["offset"]);
        Assert.Equal(new[] { "title" }, h.OutputFields);

        await client.HybridSearchAsync("c", reqs, new WeightedRanker(0.8, 0.2));
        var weighted = Kv(invoker.Last<HybridSearchRequest>("HybridSearch").RankParams);
        Assert.Equal("weighted", weighted["strategy"]);
        Assert.Equal("{\"weights\":[0.8,0.2],\"norm_score\":true}", weighted["params"]);

        var decay = new FunctionSchema("decay", FunctionType.Rerank, new[] { "year" },
            parameters: new Dictionary<string, object?> { ["reranker"] = "decay", ["origin"] = 2020, ["scale"] = 5, ["norm"] = true });
        await client.HybridSearchAsync("c", reqs, new FunctionRanker(decay));
        var fh = invoker.Last<HybridSearchRequest>("HybridSearch");
        Assert.False(Kv(fh.RankParams).ContainsKey("strategy"));
        var fn = Assert.Single(fh.FunctionScore.Functions);
        Assert.Equal(Proto.FunctionType.Rerank, fn.Type);
        Assert.Equal(new[] { "year" }, fn.InputFieldNames);
        Assert.Equal("2020", Kv(fn.Params)["origin"]);
        Assert.Equal("True", Kv(fn.Params)["norm"]);

        await Assert.ThrowsAsync<ParamError>(() => client.HybridSearchAsync("c", reqs, new WeightedRanker(1.0)));
    }

    [Fact]
    public async Task Insert_builds_columns_for_every_type()
    {
        var schema = AsyncMilvusClient.CreateSchema(enableDynamicField: true);
        schema.AddField("id", DataType.Int64, isPrimary: true, autoId: true)
              .AddField("f16", DataType.Float16Vector, dim: 2)
              .AddField("bin", DataType.BinaryVector, dim: 16)
              .AddField("sparse", DataType.SparseFloatVector)
              .AddField("i8", DataType.Int8Vector, dim: 2)
              .AddField("opt", DataType.Double, nullable: true)
              .AddField("text", DataType.VarChar, maxLength: 100, enableAnalyzer: true)
              .AddField("bm25", DataType.SparseFloatVector)
              .AddFunction(new FunctionSchema("bm", FunctionType.BM25, new[] { "text" }, new[] { "bm25" }));
        var describe = TestClients.Describe(schema);
        describe.Schema.Fields.Single(f => f.Name == "bm25").IsFunctionOutput = true;
        var invoker = new RecordingCallInvoker().Reply("DescribeCollection", _ => describe);
        await using var client = TestClients.Recording(invoker);
        await client.InsertAsync("c", new[]
        {
            Row(("f16", new[] { (Half)1, (Half)2 }), ("bin", new byte[] { 1, 2 }), ("sparse", new Dictionary<long, double> { [3] = 0.25 }),
                ("i8", new sbyte[] { -1, 1 }), ("opt", 1.5), ("text", "hello"), ("x", 1)),
            Row(("f16", new[] { (Half)3, (Half)4 }), ("bin", new byte[] { 3, 4 }), ("sparse", new Dictionary<long, double> { [9] = 1.0 }),
                ("i8", new sbyte[] { 2, 3 }), ("opt", null), ("text", "world")),
        }, partitionName: "p");
        var r = invoker.Last<InsertRequest>("Insert");
        Assert.Equal(2u, r.NumRows);
        Assert.Equal("p", r.PartitionName);
        Assert.Equal(99UL, r.SchemaTimestamp);
        Assert.Equal(new[] { "f16", "bin", "sparse", "i8", "opt", "text", "$meta" }, r.FieldsData.Select(f => f.FieldName));
        var f16 = r.FieldsData[0].Vectors;
        Assert.Equal(2, f16.Dim);
        Assert.Equal(new byte[] { 0, 0x3c, 0, 0x40, 0, 0x42, 0, 0x44 }, f16.Float16Vector.ToByteArray());
        Assert.Equal(16, r.FieldsData[1].Vectors.Dim);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, r.FieldsData[1].Vectors.BinaryVector.ToByteArray());
        var sparse = r.FieldsData[2].Vectors;
        Assert.Equal(10, sparse.Dim);
        Assert.Equal(new byte[] { 3, 0, 0, 0, 0, 0, 0x80, 0x3e }, sparse.SparseFloatVector.Contents[0].ToByteArray());
        Assert.Equal(new byte[] { 0xff, 1, 2, 3 }, r.FieldsData[3].Vectors.Int8Vector.ToByteArray());
        var opt = r.FieldsData[4];
        Assert.Equal(new[] { true, false }, opt.ValidData);
        Assert.Equal(new[] { 1.5 }, opt.Scalars.DoubleData.Data);
        var meta = r.FieldsData[6];
        Assert.True(meta.IsDynamic);
        Assert.Equal("{\"x\":1}", meta.Scalars.JsonData.Data[0].ToStringUtf8());
        Assert.Equal("{}", meta.Scalars.JsonData.Data[1].ToStringUtf8());

        var fnOut = await Assert.ThrowsAsync<DataNotMatchException>(() => client.InsertAsync("c", new[] { Row(("bm25", new Dictionary<int, float>())) }));
        Assert.Equal("Attempt to insert an unexpected function output field `bm25` to collection", fnOut.Message);
    }

    [Fact]
    public async Task Upsert_partial_update_and_field_ops()
    {
        var schema = TestClients.SimpleSchema(dynamic: false);
        schema.AddField("tags", DataType.Array, elementType: DataType.Int64, maxCapacity: 8).AddField("name", DataType.VarChar, maxLength: 5);
        var (client, invoker) = Recorder(schema);
        await client.UpsertAsync("c", new[] { Row(("id", 1L), ("tags", new[] { 5L })) },
            options: new UpsertOptions { FieldOps = new Dictionary<string, string> { ["tags"] = "array_append" } });
        var r = invoker.Last<UpsertRequest>("Upsert");
        Assert.True(r.PartialUpdate);
        Assert.Equal(new[] { "id", "tags" }, r.FieldsData.Select(f => f.FieldName));
        var op = Assert.Single(r.FieldOps);
        Assert.Equal("tags", op.FieldName);
        Assert.Equal(Proto.FieldPartialUpdateOp.Types.OpType.ArrayAppend, op.Op);
        Assert.Equal(new long[] { 5 }, r.FieldsData[1].Scalars.ArrayData.Data[0].LongData.Data);
    }

    [Fact]
    public async Task Schema_and_create_collection_request()
    {
        var (client, invoker) = Recorder();
        var schema = AsyncMilvusClient.CreateSchema(enableDynamicField: true, description: "d", partitionKeyField: "cat");
        schema.AddField("id", DataType.VarChar, isPrimary: true, maxLength: 32)
              .AddField("cat", DataType.Int64)
              .AddField("text", DataType.VarChar, maxLength: 200, enableAnalyzer: true, enableMatch: true,
                  analyzerParams: new Dictionary<string, object?> { ["type"] = "english" })
              .AddField("v", DataType.FloatVector, dim: 8, mmapEnabled: true)
              .AddField("flag", DataType.Bool, defaultValue: true)
              .AddField("s", DataType.SparseFloatVector)
              .AddFunction(new FunctionSchema("bm", FunctionType.BM25, new[] { "text" }, new[] { "s" }));
        await client.CreateCollectionAsync("docs", schema: schema,
            options: new CreateCollectionOptions { ConsistencyLevel = ConsistencyLevel.Strong, NumShards = 2, NumPartitions = 16,
                Properties = new Dictionary<string, object?> { ["mmap.enabled"] = false } });
        var r = invoker.Last<CreateCollectionRequest>("CreateCollection");
        Assert.Equal(Milvus.Protocol.Common.ConsistencyLevel.Strong, r.ConsistencyLevel);
        Assert.Equal(2, r.ShardsNum);
        Assert.Equal(16, r.NumPartitions);
        Assert.Equal("False", Kv(r.Properties)["mmap.enabled"]);
        var proto = Proto.CollectionSchema.Parser.ParseFrom(r.Schema);
        Assert.Equal("docs", proto.Name);
        Assert.Equal("d", proto.Description);
        Assert.True(proto.EnableDynamicField);
        Assert.True(proto.Fields.Single(f => f.Name == "cat").IsPartitionKey);
        var text = Kv(proto.Fields.Single(f => f.Name == "text").TypeParams);
        Assert.Equal("200", text["max_length"]);
        Assert.Equal("true", text["enable_analyzer"]);
        Assert.Equal("true", text["enable_match"]);
        Assert.Equal("{\"type\":\"english\"}", text["analyzer_params"]);
        var v = Kv(proto.Fields.Single(f => f.Name == "v").TypeParams);
        Assert.Equal("8", v["dim"]);
        Assert.Equal("true", v["mmap.enabled"]);
        Assert.True(proto.Fields.Single(f => f.Name == "flag").DefaultValue.BoolData);
        Assert.True(proto.Fields.Single(f => f.Name == "s").IsFunctionOutput);
        var fn = Assert.Single(proto.Functions);
        Assert.Equal(Proto.FunctionType.Bm25, fn.Type);
        Assert.DoesNotContain(invoker.Calls, c => c.Method == "CreateIndex");
    }

    [Fact]
    public async Task Create_index_params_and_wait()
    {
        var invoker = new RecordingCallInvoker();
        var polls = 0;
        invoker.Reply("DescribeIndex", _ => new DescribeIndexResponse
        {
            Status = new Status(),
            IndexDescriptions =
            {
                new Milvus.Protocol.Api.IndexDescription
                {
                    IndexName = "hnsw", FieldName = "v",
                    State = ++polls < 3 ? Milvus.Protocol.Common.IndexState.InProgress : Milvus.Protocol.Common.IndexState.Finished,
                },
            },
        });
        await using var client = TestClients.Recording(invoker, options: new MilvusClientOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        var p = AsyncMilvusClient.PrepareIndexParams();
        p.AddIndex("v", "HNSW", "hnsw", MetricType.Cosine, new Dictionary<string, object?> { ["M"] = 16, ["params"] = new Dictionary<string, object?> { ["efConstruction"] = 200 } });
        await client.CreateIndexAsync("c", p);
        var r = invoker.Last<CreateIndexRequest>("CreateIndex");
        Assert.Equal("v", r.FieldName);
        Assert.Equal("hnsw", r.IndexName);
        Assert.Equal(new Dictionary<string, string> { ["index_type"] = "HNSW", ["M"] = "16", ["efConstruction"] = "200", ["metric_type"] = "COSINE" }, Kv(r.ExtraParams));
        Assert.Equal(3, polls);
        Assert.Single(invoker.Calls, c => c.Method == "AllocTimestamp");

        invoker.Reply("DescribeIndex", _ => new DescribeIndexResponse
        {
            Status = new Status(),
            IndexDescriptions = { new Milvus.Protocol.Api.IndexDescription { IndexName = "hnsw", FieldName = "v", State = Milvus.Protocol.Common.IndexState.Failed, IndexStateFailReason = "dim mismatch" } },
        });
        var e = await Assert.ThrowsAsync<MilvusException>(() => client.CreateIndexAsync("c", p));
        Assert.Equal("dim mismatch", e.Message);
    }

    private static string[] MethodsAfter(RecordingCallInvoker invoker, int start)
    {
        lock (invoker.Calls) return invoker.Calls.Skip(start).Select(c => c.Method).Where(m => m != "Connect").ToArray();
    }

    [Fact]
    public async Task Create_index_no_wait_sends_the_same_create_index_calls_without_the_build_wait()
    {
        var invoker = new RecordingCallInvoker();
        invoker.Reply("DescribeIndex", _ => new DescribeIndexResponse
        {
            Status = new Status(),
            IndexDescriptions =
            {
                new Milvus.Protocol.Api.IndexDescription { IndexName = "hnsw", FieldName = "v", State = Milvus.Protocol.Common.IndexState.Finished },
                new Milvus.Protocol.Api.IndexDescription { IndexName = "title", FieldName = "title", State = Milvus.Protocol.Common.IndexState.Finished },
            },
        });
        await using var client = TestClients.Recording(invoker, options: new MilvusClientOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        var p = AsyncMilvusClient.PrepareIndexParams();
        p.AddIndex("v", "HNSW", "hnsw", MetricType.Cosine, new Dictionary<string, object?> { ["M"] = 16 });
        p.AddIndex("title", "INVERTED", "title");

        int start = invoker.Calls.Count;
        await client.CreateIndexAsync("c", p, new CreateIndexOptions());
        Assert.Equal(new[] { "CreateIndex", "AllocTimestamp", "DescribeIndex", "CreateIndex", "AllocTimestamp", "DescribeIndex" }, MethodsAfter(invoker, start));
        var waited = invoker.Calls.Skip(start).Where(c => c.Method == "CreateIndex").Select(c => c.Request).ToArray();

        start = invoker.Calls.Count;
        await client.CreateIndexAsync("c", p, new CreateIndexOptions { NoWait = true });
        Assert.Equal(new[] { "CreateIndex", "CreateIndex" }, MethodsAfter(invoker, start));
        Assert.Equal(waited, invoker.Calls.Skip(start).Select(c => c.Request).ToArray());

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.CreateIndexAsync("c", p, (CreateIndexOptions)null!));
        var empty = await Assert.ThrowsAsync<ParamError>(() => client.CreateIndexAsync("c", AsyncMilvusClient.PrepareIndexParams(), new CreateIndexOptions { NoWait = true }));
        Assert.Equal("IndexParams is empty; add an index with AddIndex", empty.Message);
    }

    [Fact]
    public async Task Load_no_wait_sends_the_same_load_request_without_progress_polling()
    {
        var invoker = new RecordingCallInvoker();
        invoker.Reply("GetLoadingProgress", _ => new GetLoadingProgressResponse { Status = new Status(), Progress = 100, RefreshProgress = 100 });
        await using var client = TestClients.Recording(invoker, options: new MilvusClientOptions { PollInterval = TimeSpan.FromMilliseconds(1) });

        int start = invoker.Calls.Count;
        await client.LoadCollectionAsync("c", new LoadOptions { ReplicaNumber = 2 });
        Assert.Equal(new[] { "LoadCollection", "GetLoadingProgress" }, MethodsAfter(invoker, start));
        var waitedCollection = invoker.Last<LoadCollectionRequest>("LoadCollection");
        start = invoker.Calls.Count;
        await client.LoadCollectionAsync("c", new LoadOptions { ReplicaNumber = 2, NoWait = true });
        Assert.Equal(new[] { "LoadCollection" }, MethodsAfter(invoker, start));
        Assert.Equal(waitedCollection, invoker.Last<LoadCollectionRequest>("LoadCollection"));

        start = invoker.Calls.Count;
        await client.LoadPartitionsAsync("c", new[] { "p1", "p2" });
        Assert.Equal(new[] { "LoadPartitions", "GetLoadingProgress" }, MethodsAfter(invoker, start));
        Assert.Equal(new[] { "p1", "p2" }, invoker.Last<GetLoadingProgressRequest>("GetLoadingProgress").PartitionNames);
        var waitedPartitions = invoker.Last<LoadPartitionsRequest>("LoadPartitions");
        start = invoker.Calls.Count;
        await client.LoadPartitionsAsync("c", new[] { "p1", "p2" }, new LoadOptions { NoWait = true });
        Assert.Equal(new[] { "LoadPartitions" }, MethodsAfter(invoker, start));
        Assert.Equal(waitedPartitions, invoker.Last<LoadPartitionsRequest>("LoadPartitions"));
    }

    [Fact]
    public async Task Security_requests()
    {
        var invoker = new RecordingCallInvoker();
        await using var client = TestClients.Recording(invoker);
        await client.CreateUserAsync("alice", "P@ssw0rd");
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("P@ssw0rd")), invoker.Last<CreateCredentialRequest>("CreateCredential").Password);
        await client.UpdatePasswordAsync("alice", "old", "new", resetConnection: true);
        var up = invoker.Last<UpdateCredentialRequest>("UpdateCredential");
        Assert.Equal(("alice", "b2xk", "bmV3"), (up.Username, up.OldPassword, up.NewPassword));
        await client.ListUsersAsync();
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:new")), invoker.LastHeaders("ListCredUsers").GetValue("authorization"));
        await client.GrantRoleAsync("alice", "admin");
        Assert.Equal(OperateUserRoleType.AddUserToRole, invoker.Last<OperateUserRoleRequest>("OperateUserRole").Type);
        await client.RevokeRoleAsync("alice", "admin");
        Assert.Equal(OperateUserRoleType.RemoveUserFromRole, invoker.Last<OperateUserRoleRequest>("OperateUserRole").Type);
        await client.GrantPrivilegeAsync("admin", "Collection", "Search", "books", "db1");
        var g = invoker.Last<OperatePrivilegeRequest>("OperatePrivilege");
        Assert.Equal(("admin", "Collection", "books", "db1", "Search", OperatePrivilegeType.Grant),
            (g.Entity.Role.Name, g.Entity.Object.Name, g.Entity.ObjectName, g.Entity.DbName, g.Entity.Grantor.Privilege.Name, g.Type));
        await client.RevokePrivilegeV2Async("admin", "Query", "*", "db1");
        var v2 = invoker.Last<OperatePrivilegeV2Request>("OperatePrivilegeV2");
        Assert.Equal(("admin", "Query", "*", "db1", OperatePrivilegeType.Revoke), (v2.Role.Name, v2.Grantor.Privilege.Name, v2.CollectionName, v2.DbName, v2.Type));
        await client.AddPrivilegesToGroupAsync("g1", new[] { "Query", "Search" });
        var pg = invoker.Last<OperatePrivilegeGroupRequest>("OperatePrivilegeGroup");
        Assert.Equal(new[] { "Query", "Search" }, pg.Privileges.Select(p => p.Name));
        Assert.Equal(OperatePrivilegeGroupType.AddPrivilegesToGroup, pg.Type);
        await client.DropRoleAsync("admin", forceDrop: true);
        Assert.True(invoker.Last<DropRoleRequest>("DropRole").ForceDrop);

        invoker.Reply("SelectUser", _ => new SelectUserResponse
        {
            Status = new Status(),
            Results = { new UserResult { User = new UserEntity { Name = "alice" }, Roles = { new RoleEntity { Name = "admin" }, new RoleEntity { Name = "public" } } } },
        });
        var user = await client.DescribeUserAsync("alice");
        Assert.Equal("alice", user!.UserName);
        Assert.Equal(new[] { "admin", "public" }, user.Roles);
        Assert.True(invoker.Last<SelectUserRequest>("SelectUser").IncludeRoleInfo);

        invoker.Reply("SelectGrant", _ => new SelectGrantResponse
        {
            Status = new Status(),
            Entities =
            {
                new GrantEntity
                {
                    Role = new RoleEntity { Name = "admin" }, Object = new ObjectEntity { Name = "Collection" }, ObjectName = "books", DbName = "default",
                    Grantor = new GrantorEntity { User = new UserEntity { Name = "root" }, Privilege = new PrivilegeEntity { Name = "Search" } },
                },
            },
        });
        var role = await client.DescribeRoleAsync("admin");
        Assert.Equal(new GrantInfo("Collection", "books", "default", "admin", "Search", "root"), Assert.Single(role.Privileges));
        await client.AlterRoleAsync("admin", "d");
        Assert.Equal(("admin", "d"), (invoker.Last<AlterRoleRequest>("AlterRole").RoleName, invoker.Last<AlterRoleRequest>("AlterRole").Description));
    }

    [Fact]
    public async Task Resource_group_replica_and_maintenance_requests()
    {
        var (client, invoker) = Recorder();
        var config = new ResourceGroupConfig { RequestsNodeNum = 1, LimitsNodeNum = 2 };
        config.TransferFrom.Add("__default_resource_group");
        config.NodeLabels["zone"] = "a";
        await client.CreateResourceGroupAsync("rg1", config);
        var rg = invoker.Last<CreateResourceGroupRequest>("CreateResourceGroup");
        Assert.Equal(("rg1", 1, 2, "__default_resource_group", "zone"),
            (rg.ResourceGroup, rg.Config.Requests.NodeNum, rg.Config.Limits.NodeNum, rg.Config.TransferFrom[0].ResourceGroup, rg.Config.NodeFilter.NodeLabels[0].Key));
        await client.TransferReplicaAsync("rg1", "rg2", "c", 2);
        var tr = invoker.Last<TransferReplicaRequest>("TransferReplica");
        Assert.Equal(("rg1", "rg2", "c", 2L), (tr.SourceResourceGroup, tr.TargetResourceGroup, tr.CollectionName, tr.NumReplica));
        await client.DescribeReplicaAsync("c");
        Assert.Equal(7, invoker.Last<GetReplicasRequest>("GetReplicas").CollectionID);

        invoker.Reply("ManualCompaction", _ => new ManualCompactionResponse { Status = new Status(), CompactionID = 555 });
        Assert.Equal(555, await client.CompactAsync("c", isClustering: true, targetSize: 2, targetSizeUnit: "gb"));
        var mc = invoker.Last<ManualCompactionRequest>("ManualCompaction");
        Assert.Equal((7L, true, false, 2048L), (mc.CollectionID, mc.MajorCompaction, mc.L0Compaction, mc.TargetSize));

        invoker.Reply("RunAnalyzer", _ => new RunAnalyzerResponse
        {
            Status = new Status(),
            Results = { new Milvus.Protocol.Api.AnalyzerResult { Tokens = { new Milvus.Protocol.Api.AnalyzerToken { Token = "hello", EndOffset = 5, Hash = 9 } } } },
        });
        var tokens = await client.RunAnalyzerAsync(new[] { "Hello" }, new Dictionary<string, object?> { ["tokenizer"] = "standard" }, withHash: true);
        Assert.Equal(new Milvus.Client.AnalyzerToken("hello", 0, 5, 0, 0, 9), Assert.Single(Assert.Single(tokens).Tokens));
        var ra = invoker.Last<RunAnalyzerRequest>("RunAnalyzer");
        Assert.Equal("{\"tokenizer\":\"standard\"}", ra.AnalyzerParams);
        Assert.Equal("Hello", ra.Placeholder[0].ToStringUtf8());
        Assert.True(ra.WithHash);
    }

    [Fact]
    public async Task Query_request_params_and_ids_filter()
    {
        var (client, invoker) = Recorder();
        await client.GetAsync("c", new object[] { 1L, 2 }, outputFields: new[] { "vector" });
        var q = invoker.Last<QueryRequest>("Query");
        Assert.Equal("id in [1,2]", q.Expr);
        Assert.Equal(new[] { "vector" }, q.OutputFields);
        await client.QueryAsync("c", "id > 0", options: new QueryOptions { Limit = 5, Offset = 2, ConsistencyLevel = ConsistencyLevel.Eventually });
        q = invoker.Last<QueryRequest>("Query");
        Assert.Equal(new[] { "*" }, q.OutputFields);
        Assert.Equal(new Dictionary<string, string> { ["limit"] = "5", ["offset"] = "2", ["ignore_growing"] = "False", ["reduce_stop_for_best"] = "False" },
            Kv(q.QueryParams));
        Assert.Equal(1UL, q.GuaranteeTimestamp);
        Assert.Equal(Milvus.Protocol.Common.ConsistencyLevel.Eventually, q.ConsistencyLevel);

        var strSchema = AsyncMilvusClient.CreateSchema();
        strSchema.AddField("pk", DataType.VarChar, isPrimary: true, maxLength: 5).AddField("v", DataType.FloatVector, dim: 2);
        var (client2, invoker2) = Recorder(strSchema);
        await client2.DeleteAsync("c", ids: new object[] { "a", "b" });
        Assert.Equal("pk in ['a','b']", invoker2.Last<DeleteRequest>("Delete").Expr);
        await client2.DeleteAsync("c", filter: "pk like {p}", filterParams: new Dictionary<string, object?> { ["p"] = "a%" });
        Assert.Equal("a%", invoker2.Last<DeleteRequest>("Delete").ExprTemplateValues["p"].StringVal);
    }

    [Fact]
    public async Task Search_iterator_carries_the_server_token()
    {
        var invoker = new RecordingCallInvoker();
        invoker.Reply("DescribeCollection", _ => TestClients.Describe(TestClients.SimpleSchema()));
        var page = 0;
        invoker.Reply("Search", _ =>
        {
            page++;
            var data = new Proto.SearchResultData
            {
                SearchIteratorV2Results = new Proto.SearchIteratorV2Results { Token = "tok", LastBound = page * 0.5f },
                Ids = new Proto.IDs { IntId = new Proto.LongArray() },
            };
            if (page <= 2)
            {
                data.Ids.IntId.Data.AddRange(new long[] { page * 10, page * 10 + 1 });
                data.Scores.AddRange(new[] { 0.9f, 0.8f });
                data.Topks.Add(2);
            }
            else data.Topks.Add(0);
            return new Milvus.Protocol.Api.SearchResults { Status = new Status(), Results = data, SessionTs = 1234 };
        });
        await using var client = TestClients.Recording(invoker);
        var ids = new List<object>();
        await foreach (var hits in client.SearchIterator("c", new float[] { 1, 0, 0, 0 }, batchSize: 2))
            ids.AddRange(hits.Select(h => h.Id));
        Assert.Equal(new object[] { 10L, 11L, 20L, 21L }, ids);
        var searches = invoker.Calls.Where(c => c.Method == "Search").Select(c => (SearchRequest)c.Request).ToList();
        Assert.Equal(3, searches.Count);
        var first = Kv(searches[0].SearchParams);
        Assert.Equal("True", first["iterator"]);
        Assert.Equal("True", first["search_iter_v2"]);
        Assert.Equal("2", first["search_iter_batch_size"]);
        Assert.False(first.ContainsKey("search_iter_id"));
        var second = Kv(searches[1].SearchParams);
        Assert.Equal("tok", second["search_iter_id"]);
        Assert.Equal("0.5", second["search_iter_last_bound"]);
        Assert.Equal(1234UL, searches[1].GuaranteeTimestamp);
    }

    [Fact]
    public async Task Schema_mismatch_drops_the_cached_schema_and_retries_once()
    {
        var invoker = new RecordingCallInvoker();
        var old = TestClients.SimpleSchema(dynamic: false);
        var grown = TestClients.SimpleSchema(dynamic: false);
        grown.AddField("year", DataType.Int64, nullable: true);
        var describes = 0;
        invoker.Reply("DescribeCollection", _ => TestClients.Describe(++describes == 1 ? old : grown));
        var inserts = 0;
        invoker.Reply("Insert", _ => ++inserts == 1
            ? new Milvus.Protocol.Api.MutationResult { Status = new Status { ErrorCode = ErrorCode.SchemaMismatch, Reason = "schema changed" } }
            : new Milvus.Protocol.Api.MutationResult { Status = new Status(), InsertCnt = 1 });
        await using var client = TestClients.Recording(invoker);

        // The server says the schema changed: describe again, send again.
        var result = await client.InsertAsync("c", new[] { Row(("id", 1L), ("vector", new float[] { 1, 0, 0, 0 })) });
        Assert.Equal(1, result.InsertCount);
        Assert.Equal((2, 2), (describes, inserts));

        // A row with a field the cached schema lacks: describe again and succeed with the new field.
        var invoker2 = new RecordingCallInvoker();
        var describes2 = 0;
        invoker2.Reply("DescribeCollection", _ => TestClients.Describe(++describes2 == 1 ? old : grown));
        await using var client2 = TestClients.Recording(invoker2);
        await client2.InsertAsync("c", new[] { Row(("id", 1L), ("vector", new float[] { 1, 0, 0, 0 }), ("year", 2020L)) });
        Assert.Equal(2, describes2);
        Assert.Equal(new[] { "id", "vector", "year" }, invoker2.Last<InsertRequest>("Insert").FieldsData.Select(f => f.FieldName));
    }
}
