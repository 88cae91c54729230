using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Releases a collection from memory (its data stays stored).</para>
/// <para type="description">Wraps release_collection. Search and query fail until Mount-MilvusCollection loads it again.</para>
/// </summary>
[Cmdlet(VerbsData.Dismount, "MilvusCollection", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class DismountMilvusCollectionCommand : MilvusNamedCollectionCmdlet
{
    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (ShouldProcess(DescribeTarget("collection", Name), "Release collection"))
        {
            TryInvoke(Name, ct => client.ReleaseCollectionAsync(Name, cancellationToken: ct));
        }
    }
}
