using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Snapshot;

/// <summary>
/// <para type="synopsis">Pins a snapshot's data so that compaction and garbage collection leave it in place.</para>
/// <para type="description">Wraps pin_snapshot_data. The pin lasts -TtlSeconds (0: until Unlock-MilvusSnapshot);
/// pass the returned object (or its PinId) to Unlock-MilvusSnapshot to release it.</para>
/// </summary>
[Cmdlet(VerbsCommon.Lock, "MilvusSnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(MilvusSnapshotPin))]
public sealed class LockMilvusSnapshotCommand : MilvusSnapshotCmdlet
{
    /// <summary>How long the pin lasts, in seconds; 0 keeps it until it is unlocked.</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long TtlSeconds { get; set; }

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (ShouldProcess(SnapshotTarget, "Pin snapshot data")
            && TryInvoke(Name, ct => client.PinSnapshotDataAsync(Name, CollectionName, ttlSeconds: TtlSeconds, cancellationToken: ct), out long pinId))
        {
            WriteObject(Stamp(new MilvusSnapshotPin { PinId = pinId, SnapshotName = Name, CollectionName = CollectionName, TtlSeconds = TtlSeconds }));
        }
    }
}
