namespace Milvus.PowerShell.Completion;

/// <summary>Privilege names and built-in privilege groups (any other value is still accepted).</summary>
public sealed class PrivilegeNameCompleter : FixedValuesCompleter
{
    protected override IReadOnlyList<string> Values { get; } =
    [
        "Search", "Query", "Insert", "Delete", "Upsert", "Load", "Release", "CreateIndex", "DropIndex", "IndexDetail", "Flush",
        "Compaction", "GetStatistics", "GetLoadState", "GetLoadingProgress", "CreatePartition", "DropPartition", "ShowPartitions",
        "HasPartition", "Import", "LoadBalance", "DescribeCollection", "ShowCollections", "CreateCollection", "DropCollection",
        "RenameCollection", "CreateAlias", "DropAlias", "DescribeAlias", "ListAliases", "CreateDatabase", "DropDatabase",
        "ListDatabases", "AlterDatabase", "DescribeDatabase", "CreateOwnership", "DropOwnership", "SelectOwnership",
        "ManageOwnership", "UpdateUser", "SelectUser", "FlushAll", "All",
        "CollectionReadOnly", "CollectionReadWrite", "CollectionAdmin", "DatabaseReadOnly", "DatabaseReadWrite", "DatabaseAdmin",
        "ClusterReadOnly", "ClusterReadWrite", "ClusterAdmin",
    ];
}
