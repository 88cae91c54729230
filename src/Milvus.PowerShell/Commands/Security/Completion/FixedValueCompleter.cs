using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Milvus.PowerShell.Completion;

/// <summary>
/// Completes from a fixed list while still accepting any value (what [ArgumentCompletions] does in PowerShell 7; the
/// reference assemblies we compile against lack it). Milvus adds privileges, metrics and rankers over time, so these
/// parameters are never ValidateSet.
/// </summary>
public abstract class FixedValueCompleter : IArgumentCompleter
{
    protected abstract IEnumerable<string> Values { get; }

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) => MilvusNameCompleter.Filter(Values, wordToComplete);
}

/// <summary>Privilege names and built-in privilege groups.</summary>
public sealed class PrivilegeNameCompleter : FixedValueCompleter
{
    protected override IEnumerable<string> Values =>
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

/// <summary>Object types of grant_privilege.</summary>
public sealed class ObjectTypeCompleter : FixedValueCompleter
{
    protected override IEnumerable<string> Values => ["Collection", "Global", "User"];
}

/// <summary>Metric types of search and index parameters.</summary>
public sealed class MetricTypeCompleter : FixedValueCompleter
{
    protected override IEnumerable<string> Values => ["COSINE", "L2", "IP", "HAMMING", "JACCARD", "BM25", "MAX_SIM_COSINE", "MAX_SIM_IP", "MAX_SIM_L2"];
}
