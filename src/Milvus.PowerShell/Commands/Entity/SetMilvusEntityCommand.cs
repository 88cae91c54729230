using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Set-MilvusEntity: pymilvus upsert (insert, or replace the entity with the same primary key). With -PartialUpdate only
/// the given fields change (pymilvus partial_update=True).
/// </summary>
[Cmdlet(VerbsCommon.Set, "MilvusEntity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusMutationResult))]
public sealed class SetMilvusEntityCommand : EntityWriteCommand
{
    /// <summary>Update only the fields present in each input object; the others keep their values.</summary>
    [Parameter]
    public SwitchParameter PartialUpdate { get; set; }

    protected override string Operation => "Upsert";

    protected override bool Partial => PartialUpdate;

    protected override Task<MutationResult> SendAsync(AsyncMilvusClient client, string collection, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows,
        string partition, CancellationToken cancellationToken) =>
        client.UpsertAsync(collection, rows, partition, new UpsertOptions { PartialUpdate = PartialUpdate }, cancellationToken: cancellationToken);
}
