using System.Management.Automation;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Base of cmdlets that work on something inside a collection (partitions, indexes, aliases, load state): -CollectionName,
/// bound by property name so a piped collection (its CollectionName alias property) or child object selects it.
/// </summary>
public abstract class MilvusCollectionChildCmdlet : MilvusCmdlet
{
    /// <summary>The collection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string CollectionName { get; set; } = string.Empty;
}

/// <summary>Base of the cmdlets that act on named partitions of a collection (New, Remove, Mount, Dismount).</summary>
public abstract class MilvusPartitionCmdlet : MilvusCollectionChildCmdlet
{
    /// <summary>The partitions (-PartitionName and -Partition are aliases; a piped partition binds its PartitionName).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PartitionName", "Partition")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PartitionNameCompleter))]
    public string[] Name { get; set; } = [];

    protected override string ErrorThing => "Partition";

    /// <summary>ShouldProcess target text for all the partitions of this record.</summary>
    protected string PartitionsTarget => DescribeTarget(Name.Length == 1 ? "partition" : "partitions",
        $"{CollectionName}/{string.Join(",", Name)}");
}
