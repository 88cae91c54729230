using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Snapshot;

/// <summary>
/// <para type="synopsis">Takes a snapshot: a named point-in-time copy of a collection.</para>
/// <para type="description">Wraps create_snapshot and describe_snapshot. Later writes, deletes and compaction do not
/// change what the snapshot restores. Names are unique within a collection.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "MilvusSnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(MilvusSnapshotInfo))]
public sealed class NewMilvusSnapshotCommand : MilvusCmdlet
{
    /// <summary>The snapshot name.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>The collection to snapshot (a name or an alias).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string CollectionName { get; set; } = string.Empty;

    [Parameter]
    public string Description { get; set; } = string.Empty;

    /// <summary>For this many seconds compaction leaves the snapshot's segments alone (pymilvus compaction_protection_seconds).</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long CompactionProtectionSeconds { get; set; }

    protected override string ErrorThing => "Snapshot";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (!ShouldProcess(DescribeTarget("collection", CollectionName), $"Create snapshot '{Name}'"))
        {
            return;
        }

        if (TryInvoke(Name, ct => client.CreateSnapshotAsync(Name, CollectionName, description: Description,
                compactionProtectionSeconds: CompactionProtectionSeconds, cancellationToken: ct))
            && TryInvoke(Name, ct => client.DescribeSnapshotAsync(Name, CollectionName, cancellationToken: ct), out SnapshotInfo info))
        {
            WriteObject(Stamp(SnapshotOutput.Info(info)));
        }
    }
}
