using System.Management.Automation;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands.Snapshot;

/// <summary>Base of the cmdlets that act on one existing snapshot: -Name and -CollectionName, both bound from piped snapshots.</summary>
public abstract class MilvusSnapshotCmdlet : MilvusCmdlet
{
    /// <summary>The snapshot.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SnapshotNameCompleter))]
    public string Name { get; set; } = string.Empty;

    /// <summary>The collection the snapshot belongs to.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string CollectionName { get; set; } = string.Empty;

    protected override string ErrorThing => "Snapshot";

    /// <summary>ShouldProcess target text for the snapshot.</summary>
    protected string SnapshotTarget => DescribeTarget("snapshot", $"{CollectionName}/{Name}");
}
