using System.Management.Automation;
using Milvus.Client;

namespace Milvus.PowerShell.Commands.Snapshot;

/// <summary>
/// <para type="synopsis">Deletes a snapshot (the collection stays).</para>
/// <para type="description">Wraps drop_snapshot. Deleting a snapshot that does not exist succeeds, as in Milvus; a
/// snapshot that a restore job is still reading cannot be deleted until the job ends.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MilvusSnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMilvusSnapshotCommand : MilvusSnapshotCmdlet
{
    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (ShouldProcess(SnapshotTarget, "Remove snapshot"))
        {
            TryInvoke(Name, ct => client.DropSnapshotAsync(Name, CollectionName, cancellationToken: ct));
        }
    }
}
