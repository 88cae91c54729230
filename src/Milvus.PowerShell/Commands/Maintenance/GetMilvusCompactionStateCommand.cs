using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Get-MilvusCompactionState: pymilvus get_compaction_state for compaction job ids (piped jobs work).</summary>
[Cmdlet(VerbsCommon.Get, "MilvusCompactionState")]
[OutputType(typeof(MilvusCompactionResult))]
public sealed class GetMilvusCompactionStateCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("JobId")]
    public long[] CompactionId { get; set; } = Array.Empty<long>();

    /// <summary>Carried over to the output when jobs are piped in.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    public string? CollectionName { get; set; }

    protected override string ErrorThing => "Compaction";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (long id in CompactionId)
        {
            if (TryInvoke(id, ct => client.GetCompactionStateAsync(id, cancellationToken: ct), out var state))
            {
                WriteObject(Stamp(new MilvusCompactionResult { CompactionId = id, State = state.ToString(), CollectionName = CollectionName ?? string.Empty }));
            }
        }
    }
}
