using Grpc.Core;
using Milvus.Local.Errors;
using Milvus.Protocol.Api;

namespace Milvus.Local;

// Resource groups: the engine is one node in Milvus's default resource group; other groups are not supported.
public sealed partial class LocalMilvusService
{
    public const string DefaultResourceGroup = "__default_resource_group";

    public override Task<ListResourceGroupsResponse> ListResourceGroups(ListResourceGroupsRequest request, ServerCallContext context)
        => Unlocked(context, () => new ListResourceGroupsResponse { Status = Ok(), ResourceGroups = { DefaultResourceGroup } });

    public override Task<DescribeResourceGroupResponse> DescribeResourceGroup(DescribeResourceGroupRequest request, ServerCallContext context) => Locked(context, () =>
    {
        if (request.ResourceGroup != DefaultResourceGroup)
            throw new MilvusError(300, $"resource group not found[rg={request.ResourceGroup}]");
        var group = new ResourceGroup { Name = DefaultResourceGroup, Capacity = 1, NumAvailableNode = 1 };
        foreach (var db in _core.Databases)
            foreach (var c in _core.CollectionsOf(db.Id).Where(c => c.IsLoaded))
                group.NumLoadedReplica[c.Name] = 1;
        return new DescribeResourceGroupResponse { Status = Ok(), ResourceGroup = group };
    });
}
