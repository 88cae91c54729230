using System.Management.Automation;
using Milvus.Client;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Deletes every entity of a collection, keeping the collection, its schema and its indexes.</para>
/// <para type="description">Wraps truncate_collection. Irreversible, so it asks for confirmation (ConfirmImpact High).</para>
/// </summary>
[Cmdlet(VerbsCommon.Clear, "MilvusCollection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class ClearMilvusCollectionCommand : MilvusNamedCollectionCmdlet
{
    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (ShouldProcess(DescribeTarget("collection", Name), "Delete all entities (truncate)"))
        {
            TryInvoke(Name, ct => client.TruncateCollectionAsync(Name, cancellationToken: ct));
        }
    }
}
