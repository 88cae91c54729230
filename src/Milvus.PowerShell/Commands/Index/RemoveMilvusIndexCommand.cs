using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands.Index;

/// <summary>
/// <para type="synopsis">Drops an index (release the collection first).</para>
/// <para type="description">Wraps drop_index. The data stays; the index can be built again with New-MilvusIndex.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MilvusIndex", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveMilvusIndexCommand : MilvusCollectionChildCmdlet
{
    /// <summary>The index to drop.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(IndexNameCompleter))]
    [Alias("IndexName")]
    public string Name { get; set; } = string.Empty;

    protected override string ErrorThing => "Index";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (ExistsForRemoval("Index", Name, async ct => (await client.ListIndexesAsync(CollectionName, cancellationToken: ct).ConfigureAwait(false)).Contains(Name))
            && ShouldProcess(DescribeTarget("index", $"{CollectionName}/{Name}"), "Remove index"))
        {
            TryInvoke(Name, ct => client.DropIndexAsync(CollectionName, Name, cancellationToken: ct));
        }
    }
}
