using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands.Database;

/// <summary>
/// <para type="synopsis">Deletes a database (it must hold no collections).</para>
/// <para type="description">Wraps drop_database. Irreversible, so it asks for confirmation (ConfirmImpact High);
/// runbooks pass -Confirm:$false.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MilvusDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMilvusDatabaseCommand : MilvusCmdlet
{
    /// <summary>The database to delete.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public string Name { get; set; } = string.Empty;

    protected override string ErrorThing => "Database";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveConnection().Client; // database calls name their database themselves
        string target = $"database '{Name}' @ {ResolveConnection().Endpoint.DisplayHost}";
        if (ExistsForRemoval("Database", Name, async ct => (await client.ListDatabasesAsync(cancellationToken: ct).ConfigureAwait(false)).Contains(Name))
            && ShouldProcess(target, "Remove database"))
        {
            TryInvoke(Name, ct => client.DropDatabaseAsync(Name, cancellationToken: ct));
        }
    }
}
