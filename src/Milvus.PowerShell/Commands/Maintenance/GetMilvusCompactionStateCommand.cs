using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Get-MilvusCompactionState: pymilvus get_compaction_state for compaction job ids (piped jobs work); with -IncludePlan,
/// get_compaction_plans instead, which also fills Plans (the source segments merged into each target).
/// -CompactionId is not mandatory so that -CollectionName alone does not prompt for an id: Milvus keeps compaction
/// state per job, so the cmdlet stops with an error that says where the id comes from.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusCompactionState")]
[OutputType(typeof(MilvusCompactionResult))]
public sealed class GetMilvusCompactionStateCommand : MilvusCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("JobId")]
    public long[] CompactionId { get; set; } = Array.Empty<long>();

    /// <summary>Carried over to the output when jobs are piped in.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    public string? CollectionName { get; set; }

    /// <summary>Also list the segment merge plans (pymilvus get_compaction_plans).</summary>
    [Parameter]
    public SwitchParameter IncludePlan { get; set; }

    protected override string ErrorThing => "Compaction";

    protected override void ProcessRecord()
    {
        if (CompactionId.Length == 0)
        {
            string from = CollectionName is null ? "Compress-MilvusCollection" : $"Compress-MilvusCollection -Name {CollectionName}";
            ThrowError("MilvusCompactionIdRequired", ErrorCategory.InvalidArgument, CollectionName,
                "Milvus reports compaction state per compaction job, not per collection: give the job's -CompactionId.",
                $"Pipe the job in: {from} | Get-MilvusCompactionState.");
        }

        var client = ResolveClient();
        foreach (long id in CompactionId)
        {
            if (IncludePlan)
            {
                if (TryInvoke(id, ct => client.GetCompactionPlansAsync(id, cancellationToken: ct), out var plans))
                {
                    WriteObject(Stamp(new MilvusCompactionResult
                    {
                        CompactionId = id, State = plans.State.ToString(), CollectionName = CollectionName ?? string.Empty, Plans = plans.Plans,
                    }));
                }
            }
            else if (TryInvoke(id, ct => client.GetCompactionStateAsync(id, cancellationToken: ct), out var state))
            {
                WriteObject(Stamp(new MilvusCompactionResult { CompactionId = id, State = state.ToString(), CollectionName = CollectionName ?? string.Empty }));
            }
        }
    }
}
