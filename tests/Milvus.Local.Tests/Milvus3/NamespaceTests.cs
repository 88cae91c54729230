using Google.Protobuf;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Milvus3;

/// <summary>
/// Milvus 3.0 namespaces over both transports. The engine makes no namespace collection, so the namespace RPCs answer
/// as Milvus's proxy does for a collection without namespaces (task_namespace.go validateNamespaceCollection), and a
/// data call naming a namespace is refused instead of the namespace being ignored.
/// </summary>
public abstract class NamespaceTests(EngineTransport transport) : IDisposable
{
    private const string NeedsNamespaceCollection =
        "namespace APIs require collection with namespace enabled and namespace.mode=partition: invalid parameter";
    private const string NamespaceNotSupported = "unsupported operation[namespace]: not supported by the Milvus local engine";
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private IEnumerable<(string Rpc, Status Status)> AllNamespaceRpcs(string collection) =>
    [
        ("CreateNamespace", _h.Client.CreateNamespace(new CreateNamespaceRequest { CollectionName = collection, NamespaceName = "n" }).Status),
        ("DescribeNamespace", _h.Client.DescribeNamespace(new DescribeNamespaceRequest { CollectionName = collection, NamespaceName = "n" }).Status),
        ("ListNamespaces", _h.Client.ListNamespaces(new ListNamespacesRequest { CollectionName = collection }).Status),
        ("DropNamespace", _h.Client.DropNamespace(new DropNamespaceRequest { CollectionName = collection, NamespaceName = "n" }).Status),
        ("HasNamespace", _h.Client.HasNamespace(new HasNamespaceRequest { CollectionName = collection, NamespaceName = "n" }).Status),
        ("GetNamespaceStats", _h.Client.GetNamespaceStats(new GetNamespaceStatsRequest { CollectionName = collection, NamespaceName = "n" }).Status),
    ];

    [Fact]
    public void Namespace_rpcs_resolve_the_collection_then_require_a_namespace_collection()
    {
        foreach (var (rpc, status) in AllNamespaceRpcs("missing"))
        {
            Assert.True(status.Code == 100, rpc);
            Assert.Equal("collection not found[database=default][collection=missing]", status.Reason);
        }
        foreach (var (rpc, status) in AllNamespaceRpcs(""))
        {
            Assert.True(status.Code == 1100, rpc);
            Assert.Equal("collection name should not be empty: invalid parameter", status.Reason);
        }
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        foreach (var (rpc, status) in AllNamespaceRpcs("c"))
        {
            Assert.True(status.Code == 1100, rpc);
            Assert.Equal(NeedsNamespaceCollection, status.Reason);
        }
        // Exact stats are refused before the collection is even looked at.
        Fails(_h.Client.GetNamespaceStats(new GetNamespaceStatsRequest { CollectionName = "missing", NamespaceName = "n", Exact = true }).Status,
            1100, "exact namespace stats are not supported yet: invalid parameter");
    }

    [Fact]
    public void Data_calls_naming_a_namespace_are_refused_and_change_nothing()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Ok(_h.Client.Insert(new InsertRequest { CollectionName = "c", NumRows = 1, FieldsData = { Longs("id", 1), FloatVectors("v", 2, [[1, 0]]) } }).Status);
        _h.IndexAndLoad("c", "v", "L2");

        Fails(_h.Client.Insert(new InsertRequest { CollectionName = "c", Namespace = "tenant", NumRows = 1, FieldsData = { Longs("id", 2), FloatVectors("v", 2, [[0, 1]]) } }).Status,
            3000, NamespaceNotSupported);
        Fails(_h.Client.Upsert(new UpsertRequest { CollectionName = "c", Namespace = "tenant", NumRows = 1, FieldsData = { Longs("id", 1), FloatVectors("v", 2, [[0, 1]]) } }).Status,
            3000, NamespaceNotSupported);
        Fails(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Namespace = "tenant", Expr = "id == 1" }).Status, 3000, NamespaceNotSupported);
        var query = new QueryRequest { CollectionName = "c", Namespace = "", Expr = "id > 0", OutputFields = { "id" } };
        Fails(_h.Client.Query(query).Status, 3000, NamespaceNotSupported);
        var search = new SearchRequest
        {
            CollectionName = "c", Namespace = "tenant", Dsl = "", DslType = DslType.BoolExprV1, Nq = 1,
            PlaceholderGroup = FloatPlaceholder([1, 0]),
            SearchParams = { new KeyValuePair { Key = "anns_field", Value = "v" }, new KeyValuePair { Key = "topk", Value = "1" } },
        };
        Fails(_h.Client.Search(search).Status, 3000, NamespaceNotSupported);
        var hybrid = new HybridSearchRequest { CollectionName = "c", Namespace = "tenant" };
        search.ClearNamespace();
        hybrid.Requests.Add(search);
        Fails(_h.Client.HybridSearch(hybrid).Status, 3000, NamespaceNotSupported);
        // A missing collection is still reported first, and without a namespace everything works on as before.
        Fails(_h.Client.Insert(new InsertRequest { CollectionName = "nope", Namespace = "tenant", NumRows = 1 }).Status, 100,
            "collection not found[database=default][collection=nope]");
        query.ClearNamespace();
        Assert.Equal([1L], _h.Client.Query(query).FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data);
    }
}

public sealed class NamespaceInProcessTests() : NamespaceTests(EngineTransport.InProcess);

public sealed class NamespaceKestrelTests() : NamespaceTests(EngineTransport.Kestrel);
