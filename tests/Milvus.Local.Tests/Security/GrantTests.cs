using Grpc.Core;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using static Milvus.Local.Tests.Security.SecurityTestKit;

namespace Milvus.Local.Tests.Security;

public sealed class GrantTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public GrantTests() => Ok(_h.CreateRole("reader"));

    public void Dispose() => _h.Dispose();

    [Fact]
    public void V2_grants_land_on_the_collection_of_the_database_with_root_as_grantor()
    {
        Ok(_h.GrantV2("reader", "Search", "docs", "default"));
        Ok(_h.GrantV2("reader", "Query", "docs"));
        Ok(_h.GrantV2("reader", "DescribeCollection", "docs", "db1"));
        var reply = _h.Grants("reader");
        Ok(reply.Status);
        Assert.Equal(["Collection/default/docs/Query by root", "Collection/default/docs/Search by root"], Describe(reply));
        Assert.All(reply.Entities, g => Assert.Equal("reader", g.Role.Name));
        Assert.Equal(["Collection/default/docs/Query by root", "Collection/default/docs/Search by root", "Global/db1/docs/DescribeCollection by root"],
            Describe(_h.Grants("reader", "*")));
        Assert.Equal(["Global/db1/docs/DescribeCollection by root"], Describe(_h.Grants("reader", "db1")));
    }

    [Fact]
    public void V1_global_grants_use_any_object_name_and_the_current_database()
    {
        Ok(_h.GrantV1("reader", "Global", "whatever", "DescribeCollection"));
        Ok(_h.GrantV1("reader", "User", "bob", "SelectUser"));
        Assert.Equal(["Global/default/*/DescribeCollection by root", "User/default/bob/SelectUser by root"], Describe(_h.Grants("reader")));
        var other = new Metadata { { "dbname", "db2" } };
        Ok(_h.Client.OperatePrivilege(new OperatePrivilegeRequest
        {
            Entity = new GrantEntity
            {
                Role = new RoleEntity { Name = "reader" }, Object = new ObjectEntity { Name = "Collection" }, ObjectName = "c",
                Grantor = new GrantorEntity { Privilege = new PrivilegeEntity { Name = "Insert" } },
            },
            Type = OperatePrivilegeType.Grant,
        }, other));
        Assert.Equal(["Collection/db2/c/Insert by root"], Describe(_h.Grants("reader", "db2")));
    }

    [Fact]
    public void The_grantor_is_the_user_of_the_authorization_header()
    {
        Ok(_h.CreateUser("bob"));
        var headers = new Metadata { { "authorization", B64("bob:Secret-Pass-1") } };
        Ok(_h.Client.OperatePrivilegeV2(new OperatePrivilegeV2Request
        {
            Role = new RoleEntity { Name = "reader" }, Grantor = new GrantorEntity { Privilege = new PrivilegeEntity { Name = "Search" } },
            Type = OperatePrivilegeType.Grant, DbName = "default", CollectionName = "docs",
        }, headers));
        Assert.Equal(["Collection/default/docs/Search by bob"], Describe(_h.Grants("reader")));
    }

    [Fact]
    public void Load_and_flush_bring_their_related_privileges_and_take_them_back()
    {
        Ok(_h.GrantV1("reader", "Collection", "docs", "Load"));
        Ok(_h.GrantV2("reader", "Flush", "docs", "default"));
        Assert.Equal(
        [
            "Collection/default/docs/Flush by root", "Collection/default/docs/GetFlushState by root", "Collection/default/docs/GetLoadState by root",
            "Collection/default/docs/GetLoadingProgress by root", "Collection/default/docs/Load by root",
        ], Describe(_h.Grants("reader")));
        Ok(_h.GrantV1("reader", "Collection", "docs", "Load", type: OperatePrivilegeType.Revoke));
        Ok(_h.GrantV2("reader", "Flush", "docs", "default", OperatePrivilegeType.Revoke));
        Assert.Empty(_h.Grants("reader").Entities);
    }

    [Fact]
    public void Repeated_grants_and_revokes_of_absent_grants_succeed()
    {
        Ok(_h.GrantV2("reader", "Search", "docs", "default"));
        Ok(_h.GrantV2("reader", "Search", "docs", "default"));
        Assert.Single(_h.Grants("reader").Entities);
        Ok(_h.GrantV2("reader", "Query", "docs", "default", OperatePrivilegeType.Revoke));
        Ok(_h.GrantV1("reader", "Collection", "docs", "Search", type: OperatePrivilegeType.Revoke));
        Assert.Empty(_h.Grants("reader").Entities);
    }

    [Fact]
    public void Unknown_privileges_fail_like_milvus()
    {
        Fails(_h.GrantV2("reader", "Fly", "docs", "default"), 1100, ErrorCode.OperatePrivilegeFailure, "not found the privilege name[Fly]: invalid parameter");
        Fails(_h.GrantV1("reader", "Collection", "docs", "Fly"), 1100, ErrorCode.OperatePrivilegeFailure,
            "not found the privilege name[Fly] in object[Collection]: invalid parameter");
        Fails(_h.GrantV1("reader", "Collection", "docs", "PrivilegeSearch"), 1100, ErrorCode.OperatePrivilegeFailure,
            "not found the privilege name[PrivilegeSearch] in object[Collection]: invalid parameter");
        Fails(_h.GrantV1("reader", "Global", "*", "Search"), 1100, ErrorCode.OperatePrivilegeFailure,
            "not found the privilege name[Search] in object[Global]: invalid parameter");
        Fails(_h.GrantV1("reader", "Global", "*", "CollectionReadOnly"), 1100, ErrorCode.OperatePrivilegeFailure,
            "can not operate the built-in privilege group [CollectionReadOnly]: invalid parameter");
        Fails(_h.GrantV1("reader", "Table", "docs", "Search"), 1100, ErrorCode.OperatePrivilegeFailure,
            "failed to operate privilege common check: the object entity in the request is nil or invalid: invalid parameter");
        Assert.Empty(_h.Grants("reader", "*").Entities);
    }

    [Fact]
    public void Grants_need_an_existing_role()
    {
        Fails(_h.GrantV2("ghost", "Search", "docs", "default"), 1100, ErrorCode.OperatePrivilegeFailure,
            "failed to operate privilege common check: the role \"ghost\" does not exist: invalid parameter");
        Fails(_h.Grants("ghost").Status, 1100, ErrorCode.SelectGrantFailure, "the role \"ghost\" does not exist: invalid parameter");
    }

    [Fact]
    public void Built_in_groups_are_granted_within_their_level_scope()
    {
        Ok(_h.GrantV2("reader", "CollectionReadOnly", "docs", "default"));
        Ok(_h.GrantV2("reader", "DatabaseReadOnly", "*", "default"));
        Ok(_h.GrantV2("reader", "ClusterReadOnly", "*", "*"));
        Fails(_h.GrantV2("reader", "ClusterAdmin", "*", "default"), 1100, ErrorCode.OperatePrivilegeFailure,
            "dbName and collectionName should be * for the cluster level privilege: ClusterAdmin: invalid parameter");
        Fails(_h.GrantV2("reader", "DatabaseAdmin", "docs", "default"), 1100, ErrorCode.OperatePrivilegeFailure,
            "collectionName should be * for the database level privilege: DatabaseAdmin: invalid parameter");
        Fails(_h.GrantV2("reader", "CollectionAdmin", "docs", "*"), 1100, ErrorCode.OperatePrivilegeFailure,
            "please specify database name for the collection level privilege: CollectionAdmin: invalid parameter");
        Assert.Equal(["Global/*/*/ClusterReadOnly by root", "Global/default/*/DatabaseReadOnly by root", "Global/default/docs/CollectionReadOnly by root"],
            Describe(_h.Grants("reader", "*")));
    }

    [Fact]
    public void Select_grant_filters_by_object()
    {
        Ok(_h.GrantV2("reader", "Search", "docs", "default"));
        Ok(_h.GrantV2("reader", "Search", "news", "default"));
        var reply = _h.Client.SelectGrant(new SelectGrantRequest
        {
            Entity = new GrantEntity { Role = new RoleEntity { Name = "reader" }, Object = new ObjectEntity { Name = "Collection" }, ObjectName = "news" },
        });
        Assert.Equal(["Collection/default/news/Search by root"], Describe(reply));
    }

    [Fact]
    public void Grants_survive_a_reopen()
    {
        Ok(_h.GrantV2("reader", "Search", "docs", "default"));
        Ok(_h.GrantV1("reader", "Global", "*", "DescribeCollection"));
        _h.Reopen();
        Assert.Equal(["Collection/default/docs/Search by root", "Global/default/*/DescribeCollection by root"], Describe(_h.Grants("reader")));
    }
}
