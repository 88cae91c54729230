using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Deletes a collection and all its data.</para>
/// <para type="description">Wraps drop_collection. Irreversible, so it asks for confirmation (ConfirmImpact High);
/// runbooks pass -Confirm:$false. Pipe Get-MilvusCollection 'tmp_*' into it to remove several, each on its own server.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MilvusCollection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMilvusCollectionCommand : MilvusNamedCollectionCmdlet
{
    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (ExistsForRemoval("Collection", Name, ct => client.HasCollectionAsync(Name, cancellationToken: ct))
            && ShouldProcess(DescribeTarget("collection", Name), "Remove collection"))
        {
            TryInvoke(Name, ct => client.DropCollectionAsync(Name, cancellationToken: ct));
        }
    }
}
