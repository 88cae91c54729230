using Grpc.Core;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using static Milvus.Local.Tests.Security.SecurityTestKit;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local.Tests.Security;

/// <summary>The rules behind the matrix, one at a time: grant kinds, groups, wildcards, aliases, headers, persistence.</summary>
public sealed class EnforcementTests : IDisposable
{
    private const string AlicePassword = "Alice-Pass-1";
    private readonly LocalEngineHarness _h = new(options: new LocalEngineOptions { AuthorizationEnabled = true });
    private readonly MilvusService.MilvusServiceClient _alice;

    public EnforcementTests()
    {
        Ok(_h.CreateCollection("docs", Int64Pk(), Vector("vec", DataType.FloatVector, 2)));
        Ok(_h.Client.CreateAlias(new CreateAliasRequest { CollectionName = "docs", Alias = "papers" }));
        Ok(_h.Client.CreateDatabase(new CreateDatabaseRequest { DbName = "db2" }));
        Ok(_h.CreateUser("alice", AlicePassword));
        Ok(_h.CreateRole("team"));
        Ok(_h.Bind("alice", "team"));
        _alice = _h.ClientAs(B64($"alice:{AlicePassword}"));
    }

    public void Dispose() => _h.Dispose();

    private static readonly Metadata Db2 = new() { { "dbname", "db2" } };

    private static void Denied(Action call, string privilege, string db = "default")
    {
        var e = Assert.Throws<RpcException>(call);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal($"{privilege}: permission deny to alice in the `{db}` database", e.Status.Detail);
    }

    private Status ShowPartitions(string collection, Metadata? headers = null)
        => _alice.ShowPartitions(new ShowPartitionsRequest { CollectionName = collection }, headers).Status;

    private Status CreateCollection(string name, Metadata? headers = null) => _alice.CreateCollection(new CreateCollectionRequest
    {
        CollectionName = name,
        Schema = Google.Protobuf.MessageExtensions.ToByteString(new CollectionSchema
        {
            Name = name, Fields = { Int64Pk(), Vector("vec", DataType.FloatVector, 2) },
        }),
    }, headers);

    [Fact]
    public void A_v1_collection_grant_covers_that_collection_and_its_alias_only_in_its_database()
    {
        Denied(() => ShowPartitions("docs"), "PrivilegeShowPartitions");
        Ok(_h.GrantV1("team", "Collection", "docs", "ShowPartitions"));
        Ok(ShowPartitions("docs"));
        Ok(ShowPartitions("papers"));
        Denied(() => ShowPartitions("docs", Db2), "PrivilegeShowPartitions", "db2");
        Ok(_h.GrantV1("team", "Collection", "docs", "ShowPartitions", type: OperatePrivilegeType.Revoke));
        Denied(() => ShowPartitions("docs"), "PrivilegeShowPartitions");
    }

    [Fact]
    public void Global_All_in_a_database_allows_every_privilege_there_and_nowhere_else()
    {
        Ok(_h.GrantV1("team", "Global", "*", "All"));
        Ok(CreateCollection("mine"));
        Ok(ShowPartitions("docs"));
        Denied(() => CreateCollection("mine", Db2), "PrivilegeCreateCollection", "db2");
    }

    [Fact]
    public void A_v2_star_grant_is_a_Global_grant_and_matches_every_global_privilege_in_any_database()
    {
        // util.GetObjectType("*") is Global, so the wildcard privilege covers Global privileges, not collection ones.
        Ok(_h.GrantV2("team", "*", "*", "*"));
        Ok(CreateCollection("mine"));
        Ok(CreateCollection("mine", Db2));
        Denied(() => ShowPartitions("docs"), "PrivilegeShowPartitions");
        Ok(_h.GrantV1("team", "Collection", "*", "*"));
        Ok(ShowPartitions("papers"));
    }

    [Fact]
    public void Custom_and_builtin_privilege_groups_grant_their_members()
    {
        Ok(_h.Client.CreatePrivilegeGroup(new CreatePrivilegeGroupRequest { GroupName = "partition_readers" }));
        Ok(_h.GroupOp("partition_readers", OperatePrivilegeGroupType.AddPrivilegesToGroup, "ShowPartitions"));
        Ok(_h.GrantV2("team", "partition_readers", "docs", "default"));
        Ok(ShowPartitions("docs"));
        Denied(() => CreateCollection("mine"), "PrivilegeCreateCollection");
        Ok(_h.GrantV2("team", "DatabaseAdmin", "*", "default"));
        Ok(CreateCollection("mine"));
        Denied(() => CreateCollection("mine", Db2), "PrivilegeCreateCollection", "db2");
    }

    [Fact]
    public void The_legacy_ReadOnly_group_covers_reads_of_the_collection()
    {
        Ok(_h.GrantV1("team", "Collection", "docs", "ReadOnly"));
        Ok(ShowPartitions("docs"));
        Denied(() => _alice.Insert(new InsertRequest { CollectionName = "docs" }), "PrivilegeInsert");
    }

    [Fact]
    public void The_admin_role_may_do_anything()
    {
        Ok(_h.Bind("alice", "admin"));
        Ok(CreateCollection("mine", Db2));
        Ok(_alice.CreateRole(new CreateRoleRequest { Entity = new RoleEntity { Name = "made_by_alice" } }));
    }

    [Fact]
    public void Public_has_Milvus_default_grants_and_a_user_reads_its_own_roles_grants()
    {
        var reply = _alice.SelectGrant(new SelectGrantRequest { Entity = new GrantEntity { Role = new RoleEntity { Name = "public" }, DbName = "*" } });
        Ok(reply.Status);
        Assert.Equal(["Collection/*/*/IndexDetail by root", "Global/*/*/DescribeCollection by root", "Global/*/*/ListAliases by root"], Describe(reply));
        Ok(_alice.SelectGrant(new SelectGrantRequest { Entity = new GrantEntity { Role = new RoleEntity { Name = "team" } } }).Status);
        Denied(() => _alice.SelectGrant(new SelectGrantRequest { Entity = new GrantEntity { Role = new RoleEntity { Name = "admin" } } }),
            "PrivilegeSelectOwnership");
        var self = _alice.SelectUser(new SelectUserRequest { User = new UserEntity { Name = "alice" }, IncludeRoleInfo = true });
        Ok(self.Status);
        Assert.Equal("alice:team", string.Join(";", self.Results.Select(r => $"{r.User.Name}:{string.Join(",", r.Roles.Select(x => x.Name))}")));
    }

    [Theory]
    [InlineData("not base64!", "invalid token format")]
    [InlineData("YWxpY2U=", "auth check failure, please check api key is correct")] // "alice": no ':' reads as an API key
    [InlineData("Ym9iOkFsaWNlLVBhc3MtMQ==", "auth check failure, please check username and password are correct")] // unknown user bob
    public void Bad_authorization_headers_are_unauthenticated_with_Milvus_texts(string header, string message)
    {
        var e = Assert.Throws<RpcException>(() => _h.ClientAs(header).GetVersion(new GetVersionRequest()));
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Equal(message, e.Status.Detail);
    }

    [Fact]
    public void A_changed_password_replaces_the_old_one_at_once()
    {
        Ok(_alice.GetVersion(new GetVersionRequest()).Status);
        Ok(_alice.UpdateCredential(new UpdateCredentialRequest
        {
            Username = "alice", OldPassword = B64(AlicePassword), NewPassword = B64("Alice-Pass-2"),
        }));
        Assert.Equal(StatusCode.Unauthenticated, Assert.Throws<RpcException>(() => _alice.GetVersion(new GetVersionRequest())).StatusCode);
        Ok(_h.ClientAs(B64("alice:Alice-Pass-2")).GetVersion(new GetVersionRequest()).Status);
    }

    [Fact]
    public void The_setting_is_kept_in_the_file_and_enforced_after_reopening_without_it()
    {
        _h.Reopen();
        Assert.True(_h.Engine.AuthorizationEnabled);
        var e = Assert.Throws<RpcException>(() => _h.ClientAs(null).ShowCollections(new ShowCollectionsRequest()));
        Assert.Equal("missing authorization in header", e.Status.Detail);
        Ok(_h.Client.ShowCollections(new ShowCollectionsRequest()).Status);
    }
}
