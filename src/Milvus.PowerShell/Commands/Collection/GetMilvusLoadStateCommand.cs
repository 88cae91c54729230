using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Gets the load state (NotExist, NotLoad, Loading, Loaded) of a collection or of partitions.</para>
/// <para type="description">Wraps get_load_state; Progress is the loading percentage while Loading.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusLoadState")]
[OutputType(typeof(MilvusLoadStateInfo))]
public sealed class GetMilvusLoadStateCommand : MilvusCmdlet
{
    /// <summary>The collection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string CollectionName { get; set; } = string.Empty;

    /// <summary>Report on these partitions (together) instead of the whole collection.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Partition")]
    [ArgumentCompleter(typeof(PartitionNameCompleter))]
    public string[]? PartitionName { get; set; }

    protected override string ErrorThing => "Collection";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (TryInvoke(CollectionName, ct => client.GetLoadStateAsync(CollectionName, PartitionName, cancellationToken: ct), out LoadStateInfo state))
        {
            WriteObject(Stamp(new MilvusLoadStateInfo
            {
                CollectionName = CollectionName,
                PartitionName = PartitionName is null ? null : string.Join(",", PartitionName),
                State = state.State.ToString(),
                Progress = state.Progress,
            }));
        }
    }
}
