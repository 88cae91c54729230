using System.Management.Automation;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Base of the cmdlets that act on one collection named by -Name (Remove, Rename, Set, Mount, Dismount, statistics):
/// names come as strings or, by property name, from piped collections (Name) and child objects (CollectionName).
/// </summary>
public abstract class MilvusNamedCollectionCmdlet : MilvusCmdlet
{
    /// <summary>The collection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CollectionName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string Name { get; set; } = string.Empty;

    protected override string ErrorThing => "Collection";
}
