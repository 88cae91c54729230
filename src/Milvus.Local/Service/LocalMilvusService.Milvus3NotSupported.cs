using Grpc.Core;
using Milvus.Protocol.Api;

namespace Milvus.Local;

// Milvus 3.0 RPCs the local engine does not offer: external collections (data in an external object store) and
// prewarm (a post-3.0.0 RPC that only serves namespace collections). Each answers Milvus's "unsupported operation"
// status (code 3000), listed in the README. The namespace RPCs are in LocalMilvusService.Namespaces.cs.
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


    public override Task<PrewarmResponse> Prewarm(PrewarmRequest request, ServerCallContext context)
        => NotSupported<PrewarmResponse>(context, "Prewarm");

    public override Task<DescribePrewarmTaskResponse> DescribePrewarmTask(DescribePrewarmTaskRequest request, ServerCallContext context)
        => NotSupported<DescribePrewarmTaskResponse>(context, "DescribePrewarmTask");
}
