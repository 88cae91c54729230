using Google.Protobuf.Reflection;
using Milvus.Protocol.Common;

namespace Milvus.Local.Security;

/// <summary>
/// What Milvus knows about privileges (pkg/util/constant.go, paramtable rbac config): API names (the
/// ObjectPrivilege enum names minus "Privilege"/"PrivilegeGroup"), which object type each belongs to, the
/// built-in privilege groups and their levels, and the privileges a grant implies. The 3.0 privileges sit on the object
/// type their request's privilege_ext_obj declares (so a grant of one matches the check) and in the built-in groups
/// where Milvus 3.0's constant.go lists them: import progress and snapshot reads in CollectionReadOnly, schema changes,
/// external refresh and snapshot create/drop in CollectionReadWrite, snapshot restore in CollectionAdmin, file-resource
/// listing and GetReplicateConfiguration in ClusterReadOnly, file-resource changes and snapshot pins in
/// ClusterReadWrite, UpdateReplicateConfiguration and external snapshots in ClusterAdmin.
/// </summary>
internal static class PrivilegeCatalog
{
    public const string Collection = "Collection";
    public const string Global = "Global";
    public const string User = "User";

    private const string PrivilegeWord = "Privilege";
    private const string PrivilegeGroupWord = "PrivilegeGroup";

    private static readonly HashSet<string> EnumNames = CommonReflection.Descriptor.EnumTypes
        .Single(e => e.Name == nameof(ObjectPrivilege)).Values.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>util.ObjectPrivileges: the privileges OperatePrivilege (v1) accepts per object type.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ObjectPrivileges = new Dictionary<string, string[]>
    {
        [Collection] =
        [
            "Load", "Release", "Compaction", "Insert", "Delete", "Upsert", "GetStatistics", "CreateIndex", "IndexDetail", "DropIndex",
            "Search", "Flush", "Query", "LoadBalance", "Import", "GetLoadingProgress", "GetLoadState", "CreatePartition",
            "DropPartition", "ShowPartitions", "HasPartition", "GetFlushState", "ReadOnly", "ReadWrite",
            "AddCollectionField", "CreateSnapshot", "DropSnapshot", "ListSnapshots", "DescribeSnapshot", "RestoreSnapshot",
            "AlterCollectionSchema", "RefreshExternalCollection",
        ],
        [Global] =
        [
            "All", "CreateCollection", "DropCollection", "DescribeCollection", "ShowCollections", "RenameCollection",
            "CreateOwnership", "DropOwnership", "SelectOwnership", "ManageOwnership", "BackupRBAC", "RestoreRBAC",
            "CreateResourceGroup", "UpdateResourceGroups", "DropResourceGroup", "DescribeResourceGroup", "ListResourceGroups",
            "TransferReplica", "TransferNode", "FlushAll", "CreateDatabase", "DropDatabase", "ListDatabases", "AlterDatabase",
            "DescribeDatabase", "CreateAlias", "DropAlias", "DescribeAlias", "ListAliases", "Admin", "CreatePrivilegeGroup",
            "DropPrivilegeGroup", "ListPrivilegeGroups", "OperatePrivilegeGroup", "ClusterReadOnly", "ClusterReadWrite",
            "ClusterAdmin", "DatabaseReadOnly", "DatabaseReadWrite", "DatabaseAdmin", "CollectionReadOnly",
            "CollectionReadWrite", "CollectionAdmin", "GetImportProgress", "ListImport", "AddFileResource", "RemoveFileResource",
            "ListFileResources", "UpdateReplicateConfiguration", "GetReplicateConfiguration", "PinSnapshotData", "UnpinSnapshotData",
            "RestoreExternalSnapshot", "ExportSnapshot",
        ],
        [User] = ["UpdateUser", "SelectUser"],
    };

    private static readonly string[] CollectionReadOnly =
    [
        "Query", "Search", "IndexDetail", "GetFlushState", "GetLoadState", "GetLoadingProgress", "HasPartition", "ShowPartitions",
        "DescribeCollection", "DescribeAlias", "GetStatistics", "ListAliases", "GetImportProgress", "ListImport", "DescribeSnapshot",
        "ListSnapshots",
    ];

    private static readonly string[] CollectionReadWrite =
    [
        .. CollectionReadOnly, "Load", "Release", "Insert", "Delete", "Upsert", "Import", "Flush", "Compaction", "LoadBalance",
        "CreateIndex", "DropIndex", "CreatePartition", "DropPartition", "AddCollectionField", "AlterCollectionSchema",
        "RefreshExternalCollection", "CreateSnapshot", "DropSnapshot",
    ];

    private static readonly string[] CollectionAdmin = [.. CollectionReadWrite, "CreateAlias", "DropAlias", "RestoreSnapshot"];

    private static readonly string[] DatabaseReadOnly = ["ShowCollections", "DescribeDatabase"];

    private static readonly string[] DatabaseReadWrite = [.. DatabaseReadOnly, "AlterDatabase"];

    private static readonly string[] DatabaseAdmin = [.. DatabaseReadWrite, "CreateCollection", "DropCollection"];

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

    private static readonly string[] ClusterAdmin =
    [
        .. ClusterReadWrite, "BackupRBAC", "RestoreRBAC", "CreateDatabase", "DropDatabase", "CreateOwnership", "DropOwnership",
        "ManageOwnership", "CreateResourceGroup", "DropResourceGroup", "UpdateUser", "RenameCollection", "CreatePrivilegeGroup",
        "DropPrivilegeGroup", "OperatePrivilegeGroup", "UpdateReplicateConfiguration", "RestoreExternalSnapshot", "ExportSnapshot",
    ];

    /// <summary>The built-in (rbac v2) privilege groups, in the order ListPrivilegeGroups lists them.</summary>
    public static readonly IReadOnlyList<(string Name, string[] Privileges)> BuiltinGroups =
    [
        ("ClusterReadOnly", ClusterReadOnly), ("ClusterReadWrite", ClusterReadWrite), ("ClusterAdmin", ClusterAdmin),
        ("DatabaseReadOnly", DatabaseReadOnly), ("DatabaseReadWrite", DatabaseReadWrite), ("DatabaseAdmin", DatabaseAdmin),
        ("CollectionReadOnly", CollectionReadOnly), ("CollectionReadWrite", CollectionReadWrite), ("CollectionAdmin", CollectionAdmin),
    ];

    /// <summary>util.ReadOnlyPrivilegeGroup: the 2.4 group "ReadOnly" (granted on Collection objects).</summary>
    public static readonly IReadOnlySet<string> LegacyReadOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "Query", "Search", "IndexDetail", "GetFlushState", "GetLoadState", "GetLoadingProgress", "HasPartition", "ShowPartitions",
        "ShowCollections", "ListAliases", "ListDatabases", "DescribeCollection", "DescribeDatabase", "DescribeAlias", "GetStatistics",
        "DescribeSnapshot", "ListSnapshots",
    };

    /// <summary>util.ReadWritePrivilegeGroup: the 2.4 group "ReadWrite" (granted on Collection objects).</summary>
    public static readonly IReadOnlySet<string> LegacyReadWrite = new HashSet<string>(LegacyReadOnly, StringComparer.Ordinal)
    {
        "CreateIndex", "DropIndex", "CreatePartition", "DropPartition", "Load", "Release", "Insert", "Delete", "Upsert", "Import",
        "Flush", "Compaction", "LoadBalance", "RenameCollection", "CreateAlias", "DropAlias", "CreateSnapshot", "DropSnapshot",
        "RefreshExternalCollection",
    };

    /// <summary>util.AdminPrivilegeGroup: the 2.4 group "Admin" (granted on Global).</summary>
    public static readonly IReadOnlySet<string> LegacyAdmin = new HashSet<string>(LegacyReadWrite, StringComparer.Ordinal)
    {
        "CreateCollection", "DropCollection", "CreateOwnership", "DropOwnership", "SelectOwnership", "ManageOwnership", "SelectUser",
        "UpdateUser", "BackupRBAC", "RestoreRBAC", "CreateResourceGroup", "UpdateResourceGroups", "DropResourceGroup",
        "DescribeResourceGroup", "ListResourceGroups", "TransferReplica", "TransferNode", "CreateDatabase", "DropDatabase", "AlterDatabase",
        "UpdateReplicateConfiguration", "RestoreSnapshot", "ExportSnapshot", "RestoreExternalSnapshot", "PinSnapshotData",
        "UnpinSnapshotData",
    };

    /// <summary>util.RelatedPrivileges: granting (revoking) Load or Flush also grants (revokes) these.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Related = new Dictionary<string, string[]>
    {
        ["Load"] = ["GetLoadState", "GetLoadingProgress"],
        ["Flush"] = ["GetFlushState"],
    };

    /// <summary>util.IsPrivilegeNameDefined: a built-in privilege or built-in group API name.</summary>
    public static bool IsDefined(string name) => EnumNames.Contains(PrivilegeWord + name) || EnumNames.Contains(PrivilegeGroupWord + name);

    /// <summary>util.IsBuiltinPrivilegeGroup: "PrivilegeGroup" + name is an enum value (ReadOnly, ClusterAdmin, ...).</summary>
    public static bool IsBuiltinGroup(string name) => EnumNames.Contains(PrivilegeGroupWord + name);

    /// <summary>A v2 built-in group name (Params.RbacConfig.GetDefaultPrivilegeGroupNames).</summary>
    public static bool IsDefaultGroupName(string name) => BuiltinGroups.Any(g => g.Name == name);

    /// <summary>rbacConfig.IsCollectionPrivilegeGroup: a collection-level built-in group (its grants name collections).</summary>
    public static bool IsCollectionGroup(string name) => name is "CollectionReadOnly" or "CollectionReadWrite" or "CollectionAdmin";

    /// <summary>util.GetObjectType: the object type a privilege belongs to; Global for anything else.</summary>
    public static string ObjectTypeOf(string privilege)
        => ObjectPrivileges.FirstOrDefault(p => p.Value.Contains(privilege)).Key ?? Global;

    /// <summary>util.GetPrivilegeLevel: Cluster, Database, Collection, or "" for a privilege outside the v2 groups.</summary>
    public static string LevelOf(string privilege)
        => ClusterAdmin.Contains(privilege) ? "Cluster"
            : DatabaseAdmin.Contains(privilege) ? "Database"
            : CollectionAdmin.Contains(privilege) ? "Collection"
            : "";

    /// <summary>Whether an object type name is a value of common.ObjectType.</summary>
    public static bool IsObjectType(string name) => name is Collection or Global or User;
}
