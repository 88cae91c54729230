using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Compress-MilvusCollection: pymilvus compact. Waits (with progress) until get_compaction_state says Completed,
/// unless -NoWait, which returns the job at once so Get-MilvusCompactionState can poll it.
/// </summary>
[Cmdlet(VerbsData.Compress, "MilvusCollection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[Alias("Compact-MilvusCollection")]
[OutputType(typeof(MilvusCompactionResult))]
public sealed class CompressMilvusCollectionCommand : MilvusCmdlet
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CollectionName")]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>A clustering compaction (pymilvus is_clustering=True) instead of a mix compaction.</summary>
    [Parameter]
    public SwitchParameter Clustering { get; set; }

    /// <summary>Compact only the L0 (delete) segments (pymilvus is_l0=True).</summary>
    [Parameter]
    public SwitchParameter L0 { get; set; }

    /// <summary>Target segment size in MB (pymilvus target_size with target_size_unit "mb").</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long TargetSizeMB { get; set; }

    /// <summary>Return the started job at once instead of waiting for it.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>Write the finished job (with -NoWait the started job is always written).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ErrorThing => "Collection";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string name in Name)
        {
            if (!ShouldProcess(DescribeTarget("collection", name), Clustering ? "Clustering compaction" : "Compact"))
            {
                continue;
            }

            long? targetSize = TargetSizeMB > 0 ? TargetSizeMB : null;
            if (!TryInvoke(name, ct => client.CompactAsync(name, Clustering, L0, targetSize, "mb", cancellationToken: ct), out long jobId))
            {
                continue;
            }

            var job = Stamp(new MilvusCompactionResult { CollectionName = name, CompactionId = jobId, IsClustering = Clustering, IsL0 = L0 });
            job.State = CompactionState.Executing.ToString();
            if (!NoWait)
            {
                if (!TryInvoke(jobId, ct => WaitAsync(client, name, jobId, ct), out CompactionState finalState))
                {
                    continue;
                }

                job.State = finalState.ToString();
            }

            if (NoWait || PassThru)
            {
                WriteObject(job);
            }
        }
    }

    private async Task<CompactionState> WaitAsync(AsyncMilvusClient client, string name, long jobId, CancellationToken cancellationToken)
    {
        var progress = StartProgress($"Compacting collection '{name}'", $"Compaction {jobId} started");
        try
        {
            while (true)
            {
                CompactionState state = await client.GetCompactionStateAsync(jobId, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (state == CompactionState.Completed)
                {
                    return state;
                }

                progress.Report($"Compaction {jobId}: {state}", -1);
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            progress.Complete();
        }
    }
}
