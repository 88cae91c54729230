using Google.Protobuf;
using Grpc.Core;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using static Milvus.Local.Tests.Security.SecurityTestKit;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local.Tests.Security;

/// <summary>
/// The done-when matrix: every data and admin RPC, in an order that works for root, as root, a read-only user, a user
/// scoped to one collection of one database, a user with no role, no credentials and a wrong password, through both
/// transports. One engine per identity; each case states the privilege Milvus checks and who besides root has it.
/// </summary>
public sealed class AccessMatrixTests
{
    /// <summary>R: reader (CollectionReadOnly + DatabaseReadOnly on every database), S: scoped (CollectionReadWrite on
    /// default.docs), N: nobody (no role, so only public's DescribeCollection, ListAliases and IndexDetail).</summary>
    public sealed record Identity(string Name, string? User, string? Password, char Letter);

    public static readonly Identity Root = new("root", "root", "Milvus", '*');
    public static readonly Identity Reader = new("reader", "reader", "Reader-Pass-1", 'R');
    public static readonly Identity Scoped = new("scoped", "scoped", "Scoped-Pass-1", 'S');
    public static readonly Identity Nobody = new("nobody", "nobody", "Nobody-Pass-1", 'N');
    public static readonly Identity Anonymous = new("anonymous", null, null, '-');
    public static readonly Identity WrongPassword = new("wrong-password", "root", "not-the-password", '-');

    public static readonly Identity[] Identities = [Root, Reader, Scoped, Nobody, Anonymous, WrongPassword];

    /// <summary>One RPC: the privilege Milvus requires (null: none checked), who besides root holds it, the call.</summary>
    public sealed record Case(string Rpc, string? Privilege, string AllowedFor, Func<MilvusService.MilvusServiceClient, string, Status> Call,
        string Database = "default");

    public static TheoryData<EngineTransport, string> Runs()
    {
        var data = new TheoryData<EngineTransport, string>();
        foreach (var transport in new[] { EngineTransport.InProcess, EngineTransport.Kestrel })
            foreach (var identity in Identities) data.Add(transport, identity.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_rpc_allows_or_denies_as_Milvus(EngineTransport transport, string identityName)
    {
        var identity = Identities.Single(i => i.Name == identityName);
        using var h = new LocalEngineHarness(transport, new LocalEngineOptions { AuthorizationEnabled = true });
        Arrange(h);
        var client = h.ClientAs(identity.User is null ? null : B64($"{identity.User}:{identity.Password}"));
        var user = identity.User ?? "";
        foreach (var c in Cases)
        {
            var outcome = Record.Exception(() => c.Call(client, user));
            if (identity == Anonymous || identity == WrongPassword)
            {
                var rpc = Assert.IsType<RpcException>(outcome);
                Assert.Equal(StatusCode.Unauthenticated, rpc.StatusCode);
                Assert.Equal(identity == Anonymous ? "missing authorization in header"
                    : "auth check failure, please check username and password are correct", rpc.Status.Detail);
            }
            else if (identity == Root || c.Privilege is null || c.AllowedFor.Contains(identity.Letter))
            {
                Assert.True(outcome is null, $"{c.Rpc} as {identity.Name}: {outcome?.Message}");
            }
            else
            {
                var rpc = Assert.IsType<RpcException>(outcome);
                Assert.Equal(StatusCode.PermissionDenied, rpc.StatusCode);
                Assert.Equal($"{c.Privilege}: permission deny to {identity.User} in the `{c.Database}` database", rpc.Status.Detail);
            }
        }
    }

    /// <summary>Two loaded collections with three rows (docs, other), an alias, a snapshot of docs, the users and their roles.</summary>
    public static void Arrange(LocalEngineHarness h)
    {
        foreach (var name in new[] { "docs", "other" })
        {
            Ok(h.CreateCollection(name, Int64Pk(), Vector("vec", DataType.FloatVector, 2)));
            Ok(h.Insert(name, Longs("id", 1, 2, 3), FloatVectors("vec", 2, [[1, 0], [0, 1], [1, 1]])).Status);
            h.IndexAndLoad(name, "vec", "L2");
        }
        Ok(h.Client.CreateAlias(new CreateAliasRequest { CollectionName = "docs", Alias = "docs_alias" }));
        Ok(h.Client.CreateSnapshot(new CreateSnapshotRequest { CollectionName = "docs", Name = "base" }));
        foreach (var identity in new[] { Reader, Scoped, Nobody }) Ok(h.CreateUser(identity.User!, identity.Password!));
        Ok(h.CreateUser("victim", "Victim-Pass-1"));
        Ok(h.CreateRole("ro"));
        Ok(h.GrantV2("ro", "CollectionReadOnly", "*", "*"));
        Ok(h.GrantV2("ro", "DatabaseReadOnly", "*", "*"));
        Ok(h.Bind("reader", "ro"));
        Ok(h.CreateRole("docs_rw"));
        Ok(h.GrantV2("docs_rw", "CollectionReadWrite", "docs", "default"));
        Ok(h.Bind("scoped", "docs_rw"));
    }

    private static Status Checked(Status status)
    {
        Ok(status);
        return status;
    }

    private static SearchRequest SearchDocs(string collection) => new()
    {
        CollectionName = collection, PlaceholderGroup = FloatPlaceholder([1, 0]), DslType = DslType.BoolExprV1,
        SearchParams = { new KeyValuePair { Key = "topk", Value = "2" }, new KeyValuePair { Key = "anns_field", Value = "vec" } },
    };

    private static InsertRequest Row(string collection, long id)
        => new() { CollectionName = collection, NumRows = 1, FieldsData = { Longs("id", id), FloatVectors("vec", 2, [[0.5f, 0.5f]]) } };

    private static GrantEntity Grant(string role, string type, string name, string privilege) => new()
    {
        Role = new RoleEntity { Name = role }, Object = new ObjectEntity { Name = type }, ObjectName = name,
        Grantor = new GrantorEntity { Privilege = new PrivilegeEntity { Name = privilege } },
    };

    private static KeyValuePair Property(string key, string value) => new() { Key = key, Value = value };

    /// <summary>The RPCs in an order that succeeds for root (creations before their drops, release before index drops).</summary>
    public static readonly Case[] Cases =
    [
        new("Connect", null, "", (c, _) => Checked(c.Connect(new ConnectRequest()).Status)),
        new("GetVersion", null, "", (c, _) => Checked(c.GetVersion(new GetVersionRequest()).Status)),
        new("CheckHealth", null, "", (c, _) => Checked(c.CheckHealth(new CheckHealthRequest()).Status)),
        new("ShowCollections", null, "", (c, _) => Checked(c.ShowCollections(new ShowCollectionsRequest()).Status)),
        new("HasCollection", null, "", (c, _) => Checked(c.HasCollection(new HasCollectionRequest { CollectionName = "docs" }).Status)),
        new("ListDatabases", null, "", (c, _) => Checked(c.ListDatabases(new ListDatabasesRequest()).Status)),
        new("DescribeCollection", "PrivilegeDescribeCollection", "RSN",
            (c, _) => Checked(c.DescribeCollection(new DescribeCollectionRequest { CollectionName = "docs" }).Status)),
        new("DescribeCollection(alias)", "PrivilegeDescribeCollection", "RSN",
            (c, _) => Checked(c.DescribeCollection(new DescribeCollectionRequest { CollectionName = "docs_alias" }).Status)),
        new("ListAliases", "PrivilegeListAliases", "RSN", (c, _) => Checked(c.ListAliases(new ListAliasesRequest()).Status)),
        new("DescribeAlias", "PrivilegeDescribeAlias", "RS", (c, _) => Checked(c.DescribeAlias(new DescribeAliasRequest { Alias = "docs_alias" }).Status)),
        new("DescribeDatabase", "PrivilegeDescribeDatabase", "R",
            (c, _) => Checked(c.DescribeDatabase(new DescribeDatabaseRequest { DbName = "default" }).Status)),
        new("GetLoadState", "PrivilegeGetLoadState", "RS", (c, _) => Checked(c.GetLoadState(new GetLoadStateRequest { CollectionName = "docs" }).Status)),
        new("GetLoadingProgress", "PrivilegeGetLoadState", "RS",
            (c, _) => Checked(c.GetLoadingProgress(new GetLoadingProgressRequest { CollectionName = "docs" }).Status)),
        new("GetCollectionStatistics", "PrivilegeGetStatistics", "RS",
            (c, _) => Checked(c.GetCollectionStatistics(new GetCollectionStatisticsRequest { CollectionName = "docs" }).Status)),
        new("ShowPartitions", "PrivilegeShowPartitions", "RS",
            (c, _) => Checked(c.ShowPartitions(new ShowPartitionsRequest { CollectionName = "docs" }).Status)),
        new("HasPartition", "PrivilegeHasPartition", "RS",
            (c, _) => Checked(c.HasPartition(new HasPartitionRequest { CollectionName = "docs", PartitionName = "_default" }).Status)),
        new("DescribeIndex", "PrivilegeIndexDetail", "RSN",
            (c, _) => Checked(c.DescribeIndex(new DescribeIndexRequest { CollectionName = "docs", FieldName = "vec" }).Status)),
        new("GetIndexState", "PrivilegeIndexDetail", "RSN",
            (c, _) => Checked(c.GetIndexState(new GetIndexStateRequest { CollectionName = "docs", FieldName = "vec" }).Status)),
        new("Search", "PrivilegeSearch", "RS", (c, _) => Checked(c.Search(SearchDocs("docs")).Status)),
        new("Search(alias)", "PrivilegeSearch", "RS", (c, _) => Checked(c.Search(SearchDocs("docs_alias")).Status)),
        new("Query", "PrivilegeQuery", "RS", (c, _) => Checked(c.Query(new QueryRequest { CollectionName = "docs", Expr = "id > 0" }).Status)),
        new("Query(other collection)", "PrivilegeQuery", "R",
            (c, _) => Checked(c.Query(new QueryRequest { CollectionName = "other", Expr = "id > 0" }).Status)),
        new("Insert", "PrivilegeInsert", "S", (c, _) => Checked(c.Insert(Row("docs", 10)).Status)),
        new("Upsert", "PrivilegeUpsert", "S", (c, _) => Checked(c.Upsert(new UpsertRequest
        {
            CollectionName = "docs", NumRows = 1, FieldsData = { Longs("id", 10), FloatVectors("vec", 2, [[0.25f, 0.75f]]) },
        }).Status)),
        new("Delete", "PrivilegeDelete", "S", (c, _) => Checked(c.Delete(new DeleteRequest { CollectionName = "docs", Expr = "id in [10]" }).Status)),
        new("Insert(other collection)", "PrivilegeInsert", "", (c, _) => Checked(c.Insert(Row("other", 10)).Status)),
        new("Flush", "PrivilegeFlush", "S", (c, _) => Checked(c.Flush(new FlushRequest { CollectionNames = { "docs" } }).Status)),
        new("ManualCompaction", "PrivilegeCompaction", "S",
            (c, _) => Checked(c.ManualCompaction(new ManualCompactionRequest { CollectionName = "docs" }).Status)),
        new("ListSnapshots", "PrivilegeListSnapshots", "RS",
            (c, _) => Checked(c.ListSnapshots(new ListSnapshotsRequest { CollectionName = "docs" }).Status)),
        new("DescribeSnapshot", "PrivilegeDescribeSnapshot", "RS",
            (c, _) => Checked(c.DescribeSnapshot(new DescribeSnapshotRequest { CollectionName = "docs", Name = "base" }).Status)),
        new("CreateSnapshot", "PrivilegeCreateSnapshot", "S",
            (c, _) => Checked(c.CreateSnapshot(new CreateSnapshotRequest { CollectionName = "docs", Name = "snap1" }))),
        new("DropSnapshot", "PrivilegeDropSnapshot", "S",
            (c, _) => Checked(c.DropSnapshot(new DropSnapshotRequest { CollectionName = "docs", Name = "snap1" }))),
        new("AddCollectionField", "PrivilegeAddCollectionField", "S", (c, _) => Checked(c.AddCollectionField(new AddCollectionFieldRequest
        {
            CollectionName = "docs", Schema = Scalar("extra", DataType.Int64, nullable: true).ToByteString(),
        }))),
        new("AlterCollectionSchema", "PrivilegeAlterCollectionSchema", "S", (c, _) => Checked(c.AlterCollectionSchema(new AlterCollectionSchemaRequest
        {
            CollectionName = "docs",
            Action = new AlterCollectionSchemaRequest.Types.Action
            {
                AddRequest = new AlterCollectionSchemaRequest.Types.AddRequest
                {
                    FieldInfos = { new AlterCollectionSchemaRequest.Types.FieldInfo { FieldSchema = Scalar("extra2", DataType.Int64, nullable: true) } },
                },
            },
        }).AlterStatus)),
        new("AddFileResource", "PrivilegeAddFileResource", "",
            (c, _) => Checked(c.AddFileResource(new AddFileResourceRequest { Name = "stopwords", Path = "s3://bucket/stopwords.txt" }))),
        new("ListFileResources", "PrivilegeListFileResources", "", (c, _) => Checked(c.ListFileResources(new ListFileResourcesRequest()).Status)),
        new("RemoveFileResource", "PrivilegeRemoveFileResource", "",
            (c, _) => Checked(c.RemoveFileResource(new RemoveFileResourceRequest { Name = "stopwords" }))),
        new("ReleaseCollection", "PrivilegeRelease", "S", (c, _) => Checked(c.ReleaseCollection(new ReleaseCollectionRequest { CollectionName = "docs" }))),
        new("CreatePartition", "PrivilegeCreatePartition", "S",
            (c, _) => Checked(c.CreatePartition(new CreatePartitionRequest { CollectionName = "docs", PartitionName = "p1" }))),
        new("DropPartition", "PrivilegeDropPartition", "S",
            (c, _) => Checked(c.DropPartition(new DropPartitionRequest { CollectionName = "docs", PartitionName = "p1" }))),
        new("LoadCollection", "PrivilegeLoad", "S", (c, _) => Checked(c.LoadCollection(new LoadCollectionRequest { CollectionName = "docs" }))),
        new("ReleaseCollection(other)", "PrivilegeRelease", "", (c, _) => Checked(c.ReleaseCollection(new ReleaseCollectionRequest { CollectionName = "other" }))),
        new("DropIndex(other)", "PrivilegeDropIndex", "", (c, _) => Checked(c.DropIndex(new DropIndexRequest { CollectionName = "other", FieldName = "vec" }))),
        new("CreateIndex(other)", "PrivilegeCreateIndex", "", (c, _) => Checked(c.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "other", FieldName = "vec", ExtraParams = { Property("index_type", "FLAT"), Property("metric_type", "L2") },
        }))),
        new("LoadCollection(other)", "PrivilegeLoad", "", (c, _) => Checked(c.LoadCollection(new LoadCollectionRequest { CollectionName = "other" }))),
        new("CreateCollection", "PrivilegeCreateCollection", "", (c, _) => Checked(c.CreateCollection(new CreateCollectionRequest
        {
            CollectionName = "tmp",
            Schema = new CollectionSchema { Name = "tmp", Fields = { Int64Pk(), Vector("vec", DataType.FloatVector, 2) } }.ToByteString(),
        }))),
        new("AlterCollection", "PrivilegeCreateCollection", "",
            (c, _) => Checked(c.AlterCollection(new AlterCollectionRequest { CollectionName = "tmp", Properties = { Property("collection.ttl.seconds", "60") } }))),
        new("RenameCollection", "PrivilegeRenameCollection", "",
            (c, _) => Checked(c.RenameCollection(new RenameCollectionRequest { OldName = "tmp", NewName = "tmp2" }))),
        new("CreateAlias", "PrivilegeCreateAlias", "", (c, _) => Checked(c.CreateAlias(new CreateAliasRequest { CollectionName = "tmp2", Alias = "a2" }))),
        new("DropAlias", "PrivilegeDropAlias", "", (c, _) => Checked(c.DropAlias(new DropAliasRequest { Alias = "a2" }))),
        new("DropCollection", "PrivilegeDropCollection", "", (c, _) => Checked(c.DropCollection(new DropCollectionRequest { CollectionName = "tmp2" }))),
        new("CreateDatabase", "PrivilegeCreateDatabase", "", (c, _) => Checked(c.CreateDatabase(new CreateDatabaseRequest { DbName = "db2" })), "db2"),
        new("AlterDatabase", "PrivilegeAlterDatabase", "", (c, _) => Checked(c.AlterDatabase(new AlterDatabaseRequest
        {
            DbName = "db2", Properties = { Property("database.max.collections", "5") },
        })), "db2"),
        new("DropDatabase", "PrivilegeDropDatabase", "", (c, _) => Checked(c.DropDatabase(new DropDatabaseRequest { DbName = "db2" })), "db2"),
        new("CreateCredential", "PrivilegeCreateOwnership", "",
            (c, _) => Checked(c.CreateCredential(new CreateCredentialRequest { Username = "newbie", Password = B64("Newbie-Pass-1") }))),
        new("UpdateCredential(other user)", "PrivilegeUpdateUser", "", (c, _) => Checked(c.UpdateCredential(new UpdateCredentialRequest
        {
            Username = "victim", OldPassword = B64("Victim-Pass-1"), NewPassword = B64("Victim-Pass-2"),
        }))),
        new("ListCredUsers", "PrivilegeSelectOwnership", "", (c, _) => Checked(c.ListCredUsers(new ListCredUsersRequest()).Status)),
        new("SelectUser(other user)", "PrivilegeSelectUser", "",
            (c, _) => Checked(c.SelectUser(new SelectUserRequest { User = new UserEntity { Name = "victim" }, IncludeRoleInfo = true }).Status)),
        new("SelectUser(self)", "PrivilegeSelectUser", "RSN",
            (c, user) => Checked(c.SelectUser(new SelectUserRequest { User = new UserEntity { Name = user }, IncludeRoleInfo = true }).Status)),
        new("DeleteCredential", "PrivilegeDropOwnership", "", (c, _) => Checked(c.DeleteCredential(new DeleteCredentialRequest { Username = "victim" }))),
        new("CreateRole", "PrivilegeCreateOwnership", "", (c, _) => Checked(c.CreateRole(new CreateRoleRequest { Entity = new RoleEntity { Name = "r2" } }))),
        new("OperateUserRole", "PrivilegeManageOwnership", "",
            (c, _) => Checked(c.OperateUserRole(new OperateUserRoleRequest { Username = "newbie", RoleName = "r2", Type = OperateUserRoleType.AddUserToRole }))),
        new("OperatePrivilege", "PrivilegeManageOwnership", "", (c, _) => Checked(c.OperatePrivilege(new OperatePrivilegeRequest
        {
            Entity = Grant("r2", "Collection", "docs", "Search"), Type = OperatePrivilegeType.Grant,
        }))),
        new("OperatePrivilegeV2", "PrivilegeManageOwnership", "", (c, _) => Checked(c.OperatePrivilegeV2(new OperatePrivilegeV2Request
        {
            Role = new RoleEntity { Name = "r2" }, Grantor = new GrantorEntity { Privilege = new PrivilegeEntity { Name = "Query" } },
            Type = OperatePrivilegeType.Grant, DbName = "default", CollectionName = "docs",
        }))),
        new("SelectRole", "PrivilegeSelectOwnership", "", (c, _) => Checked(c.SelectRole(new SelectRoleRequest { IncludeUserInfo = true }).Status)),
        new("SelectGrant(public, an own role)", "PrivilegeSelectOwnership", "RSN",
            (c, _) => Checked(c.SelectGrant(new SelectGrantRequest { Entity = new GrantEntity { Role = new RoleEntity { Name = "public" } } }).Status)),
        new("SelectGrant(other role)", "PrivilegeSelectOwnership", "",
            (c, _) => Checked(c.SelectGrant(new SelectGrantRequest { Entity = new GrantEntity { Role = new RoleEntity { Name = "r2" } } }).Status)),
        new("DropRole", "PrivilegeDropOwnership", "", (c, _) => Checked(c.DropRole(new DropRoleRequest { RoleName = "r2", ForceDrop = true }))),
        new("CreatePrivilegeGroup", "PrivilegeCreatePrivilegeGroup", "",
            (c, _) => Checked(c.CreatePrivilegeGroup(new CreatePrivilegeGroupRequest { GroupName = "g1" }))),
        new("OperatePrivilegeGroup", "PrivilegeOperatePrivilegeGroup", "", (c, _) => Checked(c.OperatePrivilegeGroup(new OperatePrivilegeGroupRequest
        {
            GroupName = "g1", Type = OperatePrivilegeGroupType.AddPrivilegesToGroup, Privileges = { new PrivilegeEntity { Name = "Query" } },
        }))),
        new("ListPrivilegeGroups", "PrivilegeListPrivilegeGroups", "", (c, _) => Checked(c.ListPrivilegeGroups(new ListPrivilegeGroupsRequest()).Status)),
        new("DropPrivilegeGroup", "PrivilegeDropPrivilegeGroup", "", (c, _) => Checked(c.DropPrivilegeGroup(new DropPrivilegeGroupRequest { GroupName = "g1" }))),
        new("BackupRBAC", "PrivilegeBackupRBAC", "", (c, _) => Checked(c.BackupRBAC(new BackupRBACMetaRequest()).Status)),
        new("ListResourceGroups", "PrivilegeListResourceGroups", "", (c, _) => Checked(c.ListResourceGroups(new ListResourceGroupsRequest()).Status)),
        new("UpdateCredential(self)", "PrivilegeUpdateUser", "RSN", (c, user) => Checked(c.UpdateCredential(new UpdateCredentialRequest
        {
            Username = user, OldPassword = B64(Identities.FirstOrDefault(i => i.User == user)?.Password ?? ""), NewPassword = B64("Changed-Pass-1"),
        }))),
    ];
}
