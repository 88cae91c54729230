using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Renames a collection, optionally moving it to another database.</para>
/// <para type="description">Wraps rename_collection(old_name, new_name, target_db).</para>
/// </summary>
[Cmdlet(VerbsCommon.Rename, "MilvusCollection", SupportsShouldProcess = true)]
[OutputType(typeof(MilvusCollectionInfo))]
public sealed class RenameMilvusCollectionCommand : MilvusNamedCollectionCmdlet
{
    /// <summary>The new name.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string NewName { get; set; } = string.Empty;

    /// <summary>Move the collection to this database (default: stay in the same one).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public string? TargetDatabase { get; set; }

    /// <summary>Output the renamed collection.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (!ShouldProcess(DescribeTarget("collection", Name), $"Rename collection to '{NewName}'"))
        {
            return;
        }

        if (!TryInvoke(Name, ct => client.RenameCollectionAsync(Name, NewName, TargetDatabase ?? string.Empty, cancellationToken: ct)) || !PassThru)
        {
            return;
        }

        AsyncMilvusClient reader = string.IsNullOrEmpty(TargetDatabase) ? client : ResolveConnection().ClientFor(TargetDatabase);
        if (TryInvoke(NewName, ct => CollectionReader.ReadAsync(reader, NewName, ct), out MilvusCollectionInfo info))
        {
            WriteObject(Stamp(info));
        }
    }
}
