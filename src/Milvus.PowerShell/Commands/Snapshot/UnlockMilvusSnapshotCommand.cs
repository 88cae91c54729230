using System.Management.Automation;
using Milvus.Client;

namespace Milvus.PowerShell.Commands.Snapshot;

/// <summary>
/// <para type="synopsis">Releases a pin that Lock-MilvusSnapshot placed on a snapshot's data.</para>
/// <para type="description">Wraps unpin_snapshot_data.</para>
/// </summary>
[Cmdlet(VerbsCommon.Unlock, "MilvusSnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class UnlockMilvusSnapshotCommand : MilvusCmdlet
{
    /// <summary>The pin to release (the PinId of Lock-MilvusSnapshot's output).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, long.MaxValue)]
    public long PinId { get; set; }

    protected override string ErrorThing => "SnapshotPin";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (ShouldProcess($"snapshot pin {PinId} @ {ResolveConnection().Endpoint.DisplayHost}", "Unpin snapshot data"))
        {
            TryInvoke(PinId, ct => client.UnpinSnapshotDataAsync(PinId, cancellationToken: ct));
        }
    }
}
