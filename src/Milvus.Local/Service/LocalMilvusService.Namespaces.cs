using Grpc.Core;
using Milvus.Local.Catalog;
using Milvus.Local.Errors;
using Milvus.Local.Rpc;
using Milvus.Protocol.Api;

namespace Milvus.Local;

// Milvus 3.0 namespaces. The engine creates no namespace collection (enable_namespace answers "not supported" at
// CreateCollection), so every collection is one without namespaces and the namespace RPCs answer as Milvus's proxy
// does for such a collection (internal/proxy/task_namespace.go, validateNamespaceCollection): the collection name is
// checked, the collection resolved, then ParameterInvalid "namespace APIs require collection with namespace enabled
// and namespace.mode=partition". GetNamespaceStats refuses exact stats before anything else, as Milvus does.
public sealed partial class LocalMilvusService
{
    internal const string NamespaceCollectionRequired = "namespace APIs require collection with namespace enabled and namespace.mode=partition";

    public override Task<CreateNamespaceResponse> CreateNamespace(CreateNamespaceRequest request, ServerCallContext context)
        => NamespaceCall<CreateNamespaceResponse>(context, request.DbName, request.CollectionName);

    public override Task<DescribeNamespaceResponse> DescribeNamespace(DescribeNamespaceRequest request, ServerCallContext context)
        => NamespaceCall<DescribeNamespaceResponse>(context, request.DbName, request.CollectionName);

    public override Task<ListNamespacesResponse> ListNamespaces(ListNamespacesRequest request, ServerCallContext context)
        => NamespaceCall<ListNamespacesResponse>(context, request.DbName, request.CollectionName);

    public override Task<DropNamespaceResponse> DropNamespace(DropNamespaceRequest request, ServerCallContext context)
        => NamespaceCall<DropNamespaceResponse>(context, request.DbName, request.CollectionName);

    public override Task<HasNamespaceResponse> HasNamespace(HasNamespaceRequest request, ServerCallContext context)
        => NamespaceCall<HasNamespaceResponse>(context, request.DbName, request.CollectionName);

    public override Task<GetNamespaceStatsResponse> GetNamespaceStats(GetNamespaceStatsRequest request, ServerCallContext context)
        => request.Exact
            ? RpcBoundary.Run<GetNamespaceStatsResponse>(context, () => throw MilvusError.InvalidParameter("exact namespace stats are not supported yet"))
            : NamespaceCall<GetNamespaceStatsResponse>(context, request.DbName, request.CollectionName);

    private Task<T> NamespaceCall<T>(ServerCallContext context, string dbName, string collectionName) where T : class, Google.Protobuf.IMessage<T>, new()
        => Locked<T>(context, () =>
        {
            NameRules.CollectionName(collectionName);
            _core.Collection(DbName(dbName, context), collectionName);
            throw MilvusError.InvalidParameter(NamespaceCollectionRequired);
        });

    /// <summary>
    /// The <c>namespace</c> of a data call (insert, upsert, delete, search, hybrid search, query). Every collection of
    /// the engine is one without namespaces; Milvus routes a namespace only into a namespace collection, and the
    /// engine does not guess what it answers otherwise: the call is refused as not supported rather than the
    /// namespace silently ignored.
    /// </summary>
    private static void RefuseNamespace(bool hasNamespace)
    {
        if (hasNamespace) throw MilvusError.NotSupported("namespace");
    }
}
