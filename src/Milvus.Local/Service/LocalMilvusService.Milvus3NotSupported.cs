using Grpc.Core;
using Milvus.Protocol.Api;

namespace Milvus.Local;

// Milvus 3.0 RPCs the local engine does not offer: external collections (data in an external object store),
// namespaces and prewarm (the 3.0.6 descriptor's post-3.0.0 RPCs; no released server documents their semantics yet).
// Each answers Milvus's "unsupported operation" status (code 3000), listed in the README.
public sealed partial class LocalMilvusService
{
    public override Task<RefreshExternalCollectionResponse> RefreshExternalCollection(RefreshExternalCollectionRequest request, ServerCallContext context)
        => NotSupported<RefreshExternalCollectionResponse>(context, "RefreshExternalCollection");

    public override Task<GetRefreshExternalCollectionProgressResponse> GetRefreshExternalCollectionProgress(
        GetRefreshExternalCollectionProgressRequest request, ServerCallContext context)
        => NotSupported<GetRefreshExternalCollectionProgressResponse>(context, "GetRefreshExternalCollectionProgress");

    public override Task<ListRefreshExternalCollectionJobsResponse> ListRefreshExternalCollectionJobs(
        ListRefreshExternalCollectionJobsRequest request, ServerCallContext context)
        => NotSupported<ListRefreshExternalCollectionJobsResponse>(context, "ListRefreshExternalCollectionJobs");

    public override Task<CreateNamespaceResponse> CreateNamespace(CreateNamespaceRequest request, ServerCallContext context)
        => NotSupported<CreateNamespaceResponse>(context, "CreateNamespace");

    public override Task<DescribeNamespaceResponse> DescribeNamespace(DescribeNamespaceRequest request, ServerCallContext context)
        => NotSupported<DescribeNamespaceResponse>(context, "DescribeNamespace");

    public override Task<ListNamespacesResponse> ListNamespaces(ListNamespacesRequest request, ServerCallContext context)
        => NotSupported<ListNamespacesResponse>(context, "ListNamespaces");

    public override Task<DropNamespaceResponse> DropNamespace(DropNamespaceRequest request, ServerCallContext context)
        => NotSupported<DropNamespaceResponse>(context, "DropNamespace");

    public override Task<HasNamespaceResponse> HasNamespace(HasNamespaceRequest request, ServerCallContext context)
        => NotSupported<HasNamespaceResponse>(context, "HasNamespace");

    public override Task<GetNamespaceStatsResponse> GetNamespaceStats(GetNamespaceStatsRequest request, ServerCallContext context)
        => NotSupported<GetNamespaceStatsResponse>(context, "GetNamespaceStats");

    public override Task<PrewarmResponse> Prewarm(PrewarmRequest request, ServerCallContext context)
        => NotSupported<PrewarmResponse>(context, "Prewarm");

    public override Task<DescribePrewarmTaskResponse> DescribePrewarmTask(DescribePrewarmTaskRequest request, ServerCallContext context)
        => NotSupported<DescribePrewarmTaskResponse>(context, "DescribePrewarmTask");
}
