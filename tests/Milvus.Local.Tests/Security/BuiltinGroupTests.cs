using Google.Protobuf;
using Grpc.Core;
using Milvus.Local.Tests.Engine;
using Milvus.Local.Tests.Snapshots;
using Milvus.Protocol.Api;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using static Milvus.Local.Tests.Security.SecurityTestKit;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local.Tests.Security;

/// <summary>
/// The nine built-in privilege groups as Milvus 3.0's pkg/util/constant.go lists them, exactly, and enforced: import
/// progress and snapshot reads in CollectionReadOnly; schema changes, external refresh and snapshot create/drop in
/// CollectionReadWrite; snapshot restore in CollectionAdmin; file-resource listing and GetReplicateConfiguration in
/// ClusterReadOnly; file-resource changes and snapshot pins in ClusterReadWrite; UpdateReplicateConfiguration and
/// external snapshots in ClusterAdmin. A user granted a group can call its RPCs and is refused those of the next level.
/// </summary>
public sealed class BuiltinGroupTests
{
    private const string Password = "Group-Pass-1";

    private static readonly string[] CollectionReadOnly =
    [
        "Query", "Search", "IndexDetail", "GetFlushState", "GetLoadState", "GetLoadingProgress", "HasPartition", "ShowPartitions",
        "DescribeCollection", "DescribeAlias", "GetStatistics", "ListAliases", "GetImportProgress", "ListImport", "DescribeSnapshot",
        "ListSnapshots",
    ];

    private static readonly string[] CollectionReadWrite =
    [
        .. CollectionReadOnly, "Load", "Release", "Insert", "Delete", "Upsert", "Import", "Flush", "Compaction", "LoadBalance", "CreateIndex",
        "DropIndex", "CreatePartition", "DropPartition", "AddCollectionField", "AlterCollectionSchema", "RefreshExternalCollection",
        "CreateSnapshot", "DropSnapshot",
    ];

    private static readonly string[] DatabaseReadOnly = ["ShowCollections", "DescribeDatabase"];
    private static readonly string[] DatabaseReadWrite = [.. DatabaseReadOnly, "AlterDatabase"];

    private static readonly string[] ClusterReadOnly =
    [
        "ListDatabases", "SelectOwnership", "SelectUser", "DescribeResourceGroup", "ListResourceGroups", "ListPrivilegeGroups",
        "GetReplicateConfiguration", "ListFileResources",
    ];

    private static readonly string[] ClusterReadWrite =
    [
        .. ClusterReadOnly, "FlushAll", "TransferNode", "TransferReplica", "UpdateResourceGroups", "AddFileResource", "RemoveFileResource",
        "PinSnapshotData", "UnpinSnapshotData",
    ];

    public static TheoryData<string, string[]> Groups() => new()
    {
        { "ClusterReadOnly", ClusterReadOnly },
        { "ClusterReadWrite", ClusterReadWrite },
        {
            "ClusterAdmin",
            [
                .. ClusterReadWrite, "BackupRBAC", "RestoreRBAC", "CreateDatabase", "DropDatabase", "CreateOwnership", "DropOwnership",
                "ManageOwnership", "CreateResourceGroup", "DropResourceGroup", "UpdateUser", "RenameCollection", "CreatePrivilegeGroup",
                "DropPrivilegeGroup", "OperatePrivilegeGroup", "UpdateReplicateConfiguration", "RestoreExternalSnapshot", "ExportSnapshot",
            ]
        },
        { "DatabaseReadOnly", DatabaseReadOnly },
        { "DatabaseReadWrite", DatabaseReadWrite },
        { "DatabaseAdmin", [.. DatabaseReadWrite, "CreateCollection", "DropCollection"] },
        { "CollectionReadOnly", CollectionReadOnly },
        { "CollectionReadWrite", CollectionReadWrite },
        { "CollectionAdmin", [.. CollectionReadWrite, "CreateAlias", "DropAlias", "RestoreSnapshot"] },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void ListPrivilegeGroups_lists_each_built_in_group_as_Milvus_3(string group, string[] privileges)
    {
        using var h = new LocalEngineHarness();
        var reply = h.Client.ListPrivilegeGroups(new ListPrivilegeGroupsRequest());
        Ok(reply.Status);
        Assert.Equal(privileges, reply.PrivilegeGroups.Single(g => g.GroupName == group).Privileges.Select(p => p.Name));
    }

    public static TheoryData<EngineTransport> Transports() => new() { EngineTransport.InProcess, EngineTransport.Kestrel };

    /// <summary>Collection docs with a snapshot s1; user u bound to role r, which is granted <paramref name="group"/>.</summary>
    private static (LocalEngineHarness H, MilvusService.MilvusServiceClient User) Arrange(EngineTransport transport, string group, string db, string collection)
    {
        var h = new LocalEngineHarness(transport, new LocalEngineOptions { AuthorizationEnabled = true });
        h.CreateSmallCollection("docs");
        h.InsertRows("docs", 1, 2);
        Ok(h.CreateSnapshot("docs", "s1"));
        Ok(h.CreateUser("u", Password));
        Ok(h.CreateRole("r"));
        Ok(h.GrantV2("r", group, collection, db));
        Ok(h.Bind("u", "r"));
        return (h, h.ClientAs(B64($"u:{Password}")));
    }

    private static void Denied(Action call, string privilege)
    {
        var e = Assert.Throws<RpcException>(call);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal($"{privilege}: permission deny to u in the `default` database", e.Status.Detail);
    }

    private static Status Create(MilvusService.MilvusServiceClient c, string name)
        => c.CreateSnapshot(new CreateSnapshotRequest { CollectionName = "docs", Name = name });

    private static Status Drop(MilvusService.MilvusServiceClient c, string name)
        => c.DropSnapshot(new DropSnapshotRequest { CollectionName = "docs", Name = name });

    private static RestoreSnapshotResponse Restore(MilvusService.MilvusServiceClient c)
        => c.RestoreSnapshot(new RestoreSnapshotRequest { Name = "s1", CollectionName = "docs", TargetCollectionName = "docs_restored" });

    private static void Reads(MilvusService.MilvusServiceClient c)
    {
        var list = c.ListSnapshots(new ListSnapshotsRequest { CollectionName = "docs" });
        Ok(list.Status);
        Assert.Contains("s1", list.Snapshots);
        var described = c.DescribeSnapshot(new DescribeSnapshotRequest { Name = "s1", CollectionName = "docs" });
        Ok(described.Status);
        Assert.Equal("docs", described.CollectionName);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void CollectionReadOnly_reads_snapshots_but_cannot_create_drop_or_restore_them(EngineTransport transport)
    {
        var (h, u) = Arrange(transport, "CollectionReadOnly", "default", "docs");
        using var _ = h;
        Reads(u);
        Denied(() => Create(u, "s2"), "PrivilegeCreateSnapshot");
        Denied(() => Drop(u, "s1"), "PrivilegeDropSnapshot");
        Denied(() => Restore(u), "PrivilegeRestoreSnapshot");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void CollectionReadWrite_creates_and_drops_snapshots_of_its_collection_but_cannot_restore_them(EngineTransport transport)
    {
        var (h, u) = Arrange(transport, "CollectionReadWrite", "default", "docs");
        using var _ = h;
        Reads(u);
        Ok(Create(u, "s2"));
        Ok(Drop(u, "s2"));
        Denied(() => Restore(u), "PrivilegeRestoreSnapshot");
        h.CreateSmallCollection("other");
        Denied(() => u.CreateSnapshot(new CreateSnapshotRequest { CollectionName = "other", Name = "s3" }), "PrivilegeCreateSnapshot");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void CollectionAdmin_also_restores_snapshots(EngineTransport transport)
    {
        var (h, u) = Arrange(transport, "CollectionAdmin", "default", "*");
        using var _ = h;
        Reads(u);
        Ok(Create(u, "s2"));
        var job = Restore(u);
        Ok(job.Status);
        Assert.Equal(RestoreSnapshotState.RestoreSnapshotCompleted, h.WaitForJob(job.JobId).State);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Database_groups_and_cluster_groups_give_no_snapshot_privilege(EngineTransport transport)
    {
        var (h, u) = Arrange(transport, "DatabaseAdmin", "default", "*");
        using var _ = h;
        Ok(h.GrantV2("r", "ClusterAdmin", "*", "*"));
        Denied(() => u.ListSnapshots(new ListSnapshotsRequest { CollectionName = "docs" }), "PrivilegeListSnapshots");
        Denied(() => Create(u, "s2"), "PrivilegeCreateSnapshot");
        Denied(() => Restore(u), "PrivilegeRestoreSnapshot");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void CollectionReadWrite_changes_the_schema_of_its_collection_and_CollectionReadOnly_does_not(EngineTransport transport)
    {
        var (h, u) = Arrange(transport, "CollectionReadWrite", "default", "docs");
        using var _ = h;
        Ok(AddField(u, "docs", "extra"));
        Ok(AlterSchema(u, "docs", "extra2").AlterStatus);
        h.CreateSmallCollection("other");
        Denied(() => AddField(u, "other", "extra"), "PrivilegeAddCollectionField");
        Denied(() => AlterSchema(u, "other", "extra"), "PrivilegeAlterCollectionSchema");
        var reader = Arrange(transport, "CollectionReadOnly", "default", "docs");
        using var __ = reader.H;
        Denied(() => AddField(reader.User, "docs", "extra"), "PrivilegeAddCollectionField");
        Denied(() => AlterSchema(reader.User, "docs", "extra"), "PrivilegeAlterCollectionSchema");
    }

    private static Status AddField(MilvusService.MilvusServiceClient c, string collection, string field)
        => c.AddCollectionField(new AddCollectionFieldRequest
        {
            CollectionName = collection, Schema = Scalar(field, Milvus.Protocol.Schema.DataType.Int64, nullable: true).ToByteString(),
        });

    private static AlterCollectionSchemaResponse AlterSchema(MilvusService.MilvusServiceClient c, string collection, string field)
        => c.AlterCollectionSchema(new AlterCollectionSchemaRequest
        {
            CollectionName = collection,
            Action = new AlterCollectionSchemaRequest.Types.Action
            {
                AddRequest = new AlterCollectionSchemaRequest.Types.AddRequest
                {
                    FieldInfos =
                    {
                        new AlterCollectionSchemaRequest.Types.FieldInfo
                        {
                            FieldSchema = Scalar(field, Milvus.Protocol.Schema.DataType.Int64, nullable: true),
                        },
                    },
                },
            },
        });

    [Theory]
    [MemberData(nameof(Transports))]
    public void ClusterReadOnly_lists_file_resources_and_ClusterReadWrite_adds_and_removes_them(EngineTransport transport)
    {
        var (h, u) = Arrange(transport, "ClusterReadOnly", "*", "*");
        using var _ = h;
        Ok(h.Client.AddFileResource(new AddFileResourceRequest { Name = "stopwords", Path = "s3://bucket/stopwords.txt" }));
        var listed = u.ListFileResources(new ListFileResourcesRequest());
        Ok(listed.Status);
        Assert.Equal(["stopwords"], listed.Resources.Select(r => r.Name));
        Denied(() => u.AddFileResource(new AddFileResourceRequest { Name = "synonyms", Path = "s3://bucket/synonyms.txt" }), "PrivilegeAddFileResource");
        Denied(() => u.RemoveFileResource(new RemoveFileResourceRequest { Name = "stopwords" }), "PrivilegeRemoveFileResource");
        Ok(h.GrantV2("r", "ClusterReadWrite", "*", "*"));
        Ok(u.AddFileResource(new AddFileResourceRequest { Name = "synonyms", Path = "s3://bucket/synonyms.txt" }));
        Ok(u.RemoveFileResource(new RemoveFileResourceRequest { Name = "stopwords" }));
        Assert.Equal(["synonyms"], u.ListFileResources(new ListFileResourcesRequest()).Resources.Select(r => r.Name));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void ClusterReadWrite_pins_snapshot_data_and_ClusterReadOnly_does_not(EngineTransport transport)
    {
        var (h, u) = Arrange(transport, "ClusterReadOnly", "*", "*");
        using var _ = h;
        Denied(() => u.PinSnapshotData(new PinSnapshotDataRequest { Name = "s1", CollectionName = "docs", TtlSeconds = 30 }), "PrivilegePinSnapshotData");
        Ok(h.GrantV2("r", "ClusterReadWrite", "*", "*"));
        var pin = u.PinSnapshotData(new PinSnapshotDataRequest { Name = "s1", CollectionName = "docs", TtlSeconds = 30 });
        Ok(pin.Status);
        Ok(u.UnpinSnapshotData(new UnpinSnapshotDataRequest { PinId = pin.PinId }));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void A_single_snapshot_privilege_granted_on_one_collection_is_enforced_on_that_collection(EngineTransport transport)
    {
        var (h, u) = Arrange(transport, "CreateSnapshot", "default", "docs");
        using var _ = h;
        Assert.Equal(["Collection/default/docs/CreateSnapshot by root"], Describe(h.Grants("r")));
        Ok(Create(u, "s2"));
        h.CreateSmallCollection("other");
        Denied(() => u.CreateSnapshot(new CreateSnapshotRequest { CollectionName = "other", Name = "s3" }), "PrivilegeCreateSnapshot");
        Denied(() => Drop(u, "s2"), "PrivilegeDropSnapshot");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void ClusterReadOnly_passes_the_GetReplicateConfiguration_check_and_only_ClusterAdmin_the_UpdateReplicateConfiguration_one(EngineTransport transport)
    {
        var (h, u) = Arrange(transport, "ClusterReadOnly", "*", "*");
        using var _ = h;
        var passed = u.GetReplicateConfiguration(new GetReplicateConfigurationRequest());
        // Past the privilege check the engine answers as for any caller: replication is not supported locally.
        Assert.Equal(h.Client.GetReplicateConfiguration(new GetReplicateConfigurationRequest()).Status, passed.Status);
        var nobody = Arrange(transport, "DatabaseAdmin", "default", "*");
        using var __ = nobody.H;
        Denied(() => nobody.User.GetReplicateConfiguration(new GetReplicateConfigurationRequest()), "PrivilegeGetReplicateConfiguration");
        Denied(() => u.UpdateReplicateConfiguration(new UpdateReplicateConfigurationRequest()), "PrivilegeUpdateReplicateConfiguration");
        Ok(h.GrantV2("r", "ClusterAdmin", "*", "*"));
        var updated = u.UpdateReplicateConfiguration(new UpdateReplicateConfigurationRequest());
        Assert.Equal(h.Client.UpdateReplicateConfiguration(new UpdateReplicateConfigurationRequest()), updated);
    }
}
