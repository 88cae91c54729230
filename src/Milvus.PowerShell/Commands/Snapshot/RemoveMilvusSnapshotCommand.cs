using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands.Snapshot;

/// <summary>
/// <para type="synopsis">Deletes a snapshot (the collection stays).</para>
/// <para type="description">Wraps drop_snapshot. Deleting a snapshot that does not exist succeeds, as in Milvus; a
/// snapshot that a restore job is still reading cannot be deleted until the job ends.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MilvusSnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMilvusSnapshotCommand : MilvusCmdlet
{
    /// <summary>The snapshot to delete.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SnapshotNameCompleter))]
    public string Name { get; set; } = string.Empty;

    /// <summary>The collection the snapshot belongs to.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string CollectionName { get; set; } = string.Empty;

    protected override string ErrorThing => "Snapshot";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (ShouldProcess(DescribeTarget("snapshot", $"{CollectionName}/{Name}"), "Remove snapshot"))
        {
            TryInvoke(Name, ct => client.DropSnapshotAsync(Name, CollectionName, cancellationToken: ct));
        }
    }
}
