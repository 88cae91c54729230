using Grpc.Core;

namespace Milvus.Local;

// RPCs the local engine does not offer (resource groups, import, replication, file resources, ...). Each
// answers with Milvus's "unsupported operation" status (code 3000) instead of gRPC UNIMPLEMENTED, so clients
// see a clear, typed error. Generated from MilvusService's method list; move a method out when implementing it.
public sealed partial class LocalMilvusService
{
    public override Task<global::Milvus.Protocol.Common.Status> AddCollectionFunction(global::Milvus.Protocol.Api.AddCollectionFunctionRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "AddCollectionFunction");

    public override Task<global::Milvus.Protocol.Common.Status> AlterCollectionFunction(global::Milvus.Protocol.Api.AlterCollectionFunctionRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "AlterCollectionFunction");

    public override Task<global::Milvus.Protocol.Common.Status> DropCollectionFunction(global::Milvus.Protocol.Api.DropCollectionFunctionRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "DropCollectionFunction");

    public override Task<global::Milvus.Protocol.Api.CalcDistanceResults> CalcDistance(global::Milvus.Protocol.Api.CalcDistanceRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Api.CalcDistanceResults>(context, "CalcDistance");

    public override Task<global::Milvus.Protocol.Api.RegisterLinkResponse> RegisterLink(global::Milvus.Protocol.Api.RegisterLinkRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Api.RegisterLinkResponse>(context, "RegisterLink");

    /// <summary>Milvus's proxy resolves the collection first (an unknown one answers CollectionNotExists), then balances.</summary>
    public override Task<global::Milvus.Protocol.Common.Status> LoadBalance(global::Milvus.Protocol.Api.LoadBalanceRequest request, ServerCallContext context)
        => Locked<global::Milvus.Protocol.Common.Status>(context, () =>
        {
            _core.Collection(DbName(request.DbName, context), request.CollectionName);
            throw Errors.MilvusError.NotSupported("LoadBalance");
        });

    public override Task<global::Milvus.Protocol.Api.ImportResponse> Import(global::Milvus.Protocol.Api.ImportRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Api.ImportResponse>(context, "Import");

    public override Task<global::Milvus.Protocol.Api.GetImportStateResponse> GetImportState(global::Milvus.Protocol.Api.GetImportStateRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Api.GetImportStateResponse>(context, "GetImportState");

    public override Task<global::Milvus.Protocol.Api.ListImportTasksResponse> ListImportTasks(global::Milvus.Protocol.Api.ListImportTasksRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Api.ListImportTasksResponse>(context, "ListImportTasks");

    public override Task<global::Milvus.Protocol.Common.Status> CreateResourceGroup(global::Milvus.Protocol.Api.CreateResourceGroupRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "CreateResourceGroup");

    public override Task<global::Milvus.Protocol.Common.Status> DropResourceGroup(global::Milvus.Protocol.Api.DropResourceGroupRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "DropResourceGroup");

    public override Task<global::Milvus.Protocol.Common.Status> UpdateResourceGroups(global::Milvus.Protocol.Api.UpdateResourceGroupsRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "UpdateResourceGroups");

    public override Task<global::Milvus.Protocol.Common.Status> TransferNode(global::Milvus.Protocol.Api.TransferNodeRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "TransferNode");

    public override Task<global::Milvus.Protocol.Common.Status> TransferReplica(global::Milvus.Protocol.Api.TransferReplicaRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "TransferReplica");

    public override Task<global::Milvus.Protocol.Federation.ListIndexedSegmentResponse> ListIndexedSegment(global::Milvus.Protocol.Federation.ListIndexedSegmentRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Federation.ListIndexedSegmentResponse>(context, "ListIndexedSegment");

    public override Task<global::Milvus.Protocol.Federation.DescribeSegmentIndexDataResponse> DescribeSegmentIndexData(global::Milvus.Protocol.Federation.DescribeSegmentIndexDataRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Federation.DescribeSegmentIndexDataResponse>(context, "DescribeSegmentIndexData");

    [Obsolete("Deprecated by Milvus; answered as not supported.")]
    public override Task<global::Milvus.Protocol.Api.ReplicateMessageResponse> ReplicateMessage(global::Milvus.Protocol.Api.ReplicateMessageRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Api.ReplicateMessageResponse>(context, "ReplicateMessage");


    public override Task<global::Milvus.Protocol.Common.Status> AddUserTags(global::Milvus.Protocol.Api.AddUserTagsRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "AddUserTags");

    public override Task<global::Milvus.Protocol.Common.Status> DeleteUserTags(global::Milvus.Protocol.Api.DeleteUserTagsRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "DeleteUserTags");

    public override Task<global::Milvus.Protocol.Api.GetUserTagsResponse> GetUserTags(global::Milvus.Protocol.Api.GetUserTagsRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Api.GetUserTagsResponse>(context, "GetUserTags");

    public override Task<global::Milvus.Protocol.Api.ListUsersWithTagResponse> ListUsersWithTag(global::Milvus.Protocol.Api.ListUsersWithTagRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Api.ListUsersWithTagResponse>(context, "ListUsersWithTag");

    public override Task<global::Milvus.Protocol.Common.Status> CreateRowPolicy(global::Milvus.Protocol.Api.CreateRowPolicyRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "CreateRowPolicy");

    public override Task<global::Milvus.Protocol.Common.Status> DropRowPolicy(global::Milvus.Protocol.Api.DropRowPolicyRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "DropRowPolicy");

    public override Task<global::Milvus.Protocol.Api.ListRowPoliciesResponse> ListRowPolicies(global::Milvus.Protocol.Api.ListRowPoliciesRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Api.ListRowPoliciesResponse>(context, "ListRowPolicies");

    public override Task<global::Milvus.Protocol.Common.Status> UpdateReplicateConfiguration(global::Milvus.Protocol.Api.UpdateReplicateConfigurationRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Common.Status>(context, "UpdateReplicateConfiguration");

    public override Task<global::Milvus.Protocol.Api.GetReplicateConfigurationResponse> GetReplicateConfiguration(global::Milvus.Protocol.Api.GetReplicateConfigurationRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Api.GetReplicateConfigurationResponse>(context, "GetReplicateConfiguration");

    public override Task<global::Milvus.Protocol.Api.GetReplicateInfoResponse> GetReplicateInfo(global::Milvus.Protocol.Api.GetReplicateInfoRequest request, ServerCallContext context)
        => NotSupported<global::Milvus.Protocol.Api.GetReplicateInfoResponse>(context, "GetReplicateInfo");
}
