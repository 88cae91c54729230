using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Add-MilvusEntity: pymilvus insert. <c>Import-Csv docs.csv | Add-MilvusEntity -CollectionName docs</c> converts each
/// row by field type and sends batches of -BatchSize rows / -MaxBatchBytes bytes.
/// </summary>
[Cmdlet(VerbsCommon.Add, "MilvusEntity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusMutationResult))]
public sealed class AddMilvusEntityCommand : EntityWriteCommand
{
    protected override string Operation => "Insert";

    protected override Task<MutationResult> SendAsync(AsyncMilvusClient client, string collection, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows,
        string partition, CancellationToken cancellationToken) =>
        client.InsertAsync(collection, rows, partition, cancellationToken: cancellationToken);
}
