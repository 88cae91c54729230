using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using static Milvus.Local.Tests.Security.SecurityTestKit;

namespace Milvus.Local.Tests.Security;

public sealed class PrivilegeGroupTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Built_in_groups_are_listed_after_custom_ones()
    {
        Ok(_h.Client.CreatePrivilegeGroup(new CreatePrivilegeGroupRequest { GroupName = "search_only" }));
        var groups = _h.Client.ListPrivilegeGroups(new ListPrivilegeGroupsRequest());
        Ok(groups.Status);
        Assert.Equal(
        [
            "search_only", "ClusterReadOnly", "ClusterReadWrite", "ClusterAdmin", "DatabaseReadOnly", "DatabaseReadWrite", "DatabaseAdmin",
            "CollectionReadOnly", "CollectionReadWrite", "CollectionAdmin",
        ], groups.PrivilegeGroups.Select(g => g.GroupName));
        Assert.Empty(groups.PrivilegeGroups[0].Privileges);
        Assert.Equal(["ShowCollections", "DescribeDatabase"], groups.PrivilegeGroups.Single(g => g.GroupName == "DatabaseReadOnly").Privileges.Select(p => p.Name));
        Assert.Equal(16, groups.PrivilegeGroups.Single(g => g.GroupName == "CollectionReadOnly").Privileges.Count);
        Assert.Equal(37, groups.PrivilegeGroups.Single(g => g.GroupName == "CollectionAdmin").Privileges.Count);
    }

    [Fact]
    public void Members_are_added_and_removed_keeping_their_order()
    {
        Ok(_h.Client.CreatePrivilegeGroup(new CreatePrivilegeGroupRequest { GroupName = "g1" }));
        Ok(_h.GroupOp("g1", OperatePrivilegeGroupType.AddPrivilegesToGroup, "Search", "Query"));
        Ok(_h.GroupOp("g1", OperatePrivilegeGroupType.AddPrivilegesToGroup, "Insert", "Search"));
        Ok(_h.GroupOp("g1", OperatePrivilegeGroupType.RemovePrivilegesFromGroup, "Query"));
        _h.Reopen();
        var g1 = _h.Client.ListPrivilegeGroups(new ListPrivilegeGroupsRequest()).PrivilegeGroups.Single(g => g.GroupName == "g1");
        Assert.Equal(["Search", "Insert"], g1.Privileges.Select(p => p.Name));
    }

    [Fact]
    public void Name_clashes_and_unknown_members_fail_like_milvus()
    {
        Ok(_h.Client.CreatePrivilegeGroup(new CreatePrivilegeGroupRequest { GroupName = "g1" }));
        Fails(_h.Client.CreatePrivilegeGroup(new CreatePrivilegeGroupRequest { GroupName = "g1" }), 1100, ErrorCode.CreatePrivilegeGroupFailure,
            "failed to check if privilege group creatable: privilege group name [g1] is defined by users: invalid parameter");
        Fails(_h.Client.CreatePrivilegeGroup(new CreatePrivilegeGroupRequest { GroupName = "Search" }), 1100, ErrorCode.CreatePrivilegeGroupFailure,
            "failed to check if privilege group creatable: privilege group name [Search] is defined by built in privileges or privilege groups in system: invalid parameter");
        Fails(_h.Client.CreatePrivilegeGroup(new CreatePrivilegeGroupRequest { GroupName = "" }), 1402, ErrorCode.UnexpectedError,
            "invalid privilege group name[privilegeGroup=privilege group name should not be empty]");
        Fails(_h.Client.CreatePrivilegeGroup(new CreatePrivilegeGroupRequest { GroupName = "a-b" }), 1100, ErrorCode.IllegalArgument,
            "privilege group name a-b can only contain numbers, letters and underscores: invalid parameter");
        Fails(_h.GroupOp("g1", OperatePrivilegeGroupType.AddPrivilegesToGroup, "Fly"), 1100, ErrorCode.OperatePrivilegeGroupFailure,
            "failed to check if privilege group alterable: there is no privilege name or privilege group name [Fly] defined in system to operate: invalid parameter");
        Fails(_h.GroupOp("g1", OperatePrivilegeGroupType.AddPrivilegesToGroup, "Search", "CreateDatabase"), 1100, ErrorCode.OperatePrivilegeGroupFailure,
            "failed to check if privilege group alterable: privileges are not the same privilege level: invalid parameter");
        Fails(_h.GroupOp("ghost", OperatePrivilegeGroupType.AddPrivilegesToGroup, "Search"), 1100, ErrorCode.OperatePrivilegeGroupFailure,
            "failed to check if privilege group alterable: there is no privilege group name [ghost] defined in system to operate: invalid parameter");
        Fails(_h.GroupOp("g1", OperatePrivilegeGroupType.AddPrivilegesToGroup), 1100, ErrorCode.OperatePrivilegeGroupFailure,
            "failed to check if privilege group alterable: privileges is empty when alter the privilege group: invalid parameter");
    }

    [Fact]
    public void A_custom_group_is_granted_with_v2_and_cannot_be_dropped_while_granted()
    {
        Ok(_h.Client.CreatePrivilegeGroup(new CreatePrivilegeGroupRequest { GroupName = "g1" }));
        Ok(_h.GroupOp("g1", OperatePrivilegeGroupType.AddPrivilegesToGroup, "Search"));
        Ok(_h.CreateRole("reader"));
        Ok(_h.GrantV2("reader", "g1", "docs", "default"));
        Assert.Equal(["Global/default/docs/g1 by root"], Describe(_h.Grants("reader")));
        Fails(_h.GrantV1("reader", "Global", "*", "g1"), 1100, ErrorCode.OperatePrivilegeFailure,
            "can not operate the custom privilege group [g1]: invalid parameter");
        Fails(_h.Client.DropPrivilegeGroup(new DropPrivilegeGroupRequest { GroupName = "g1" }), 65535, ErrorCode.DropPrivilegeGroupFailure,
            "privilege group [g1] is used by role [reader], Use REVOKE API to revoke it first");
        Ok(_h.GrantV2("reader", "g1", "docs", "default", OperatePrivilegeType.Revoke));
        Ok(_h.Client.DropPrivilegeGroup(new DropPrivilegeGroupRequest { GroupName = "g1" }));
        Ok(_h.Client.DropPrivilegeGroup(new DropPrivilegeGroupRequest { GroupName = "g1" }));
        Assert.Equal("ClusterReadOnly", _h.Client.ListPrivilegeGroups(new ListPrivilegeGroupsRequest()).PrivilegeGroups[0].GroupName);
    }
}
