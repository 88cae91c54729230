using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Database;

/// <summary>
/// <para type="synopsis">Creates a database.</para>
/// <para type="description">Wraps create_database(db_name, properties). Returns the new MilvusDatabaseInfo.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "MilvusDatabase", SupportsShouldProcess = true)]
[OutputType(typeof(MilvusDatabaseInfo))]
public sealed class NewMilvusDatabaseCommand : MilvusCmdlet
{
    /// <summary>The database name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>Database properties, e.g. @{ 'database.replica.number' = 1; 'database.max.collections' = 10 }.</summary>
    [Parameter]
    public Hashtable? Property { get; set; }

    protected override string ErrorThing => "Database";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveConnection().Client; // database calls name their database themselves
        string target = $"database '{Name}' @ {ResolveConnection().Endpoint.DisplayHost}";
        if (!ShouldProcess(target, "Create database"))
        {
            return;
        }

        Dictionary<string, object?>? properties = Property is null ? null : PropertyConversion.ToDictionary(Property);
        if (TryInvoke(Name, ct => client.CreateDatabaseAsync(Name, properties, cancellationToken: ct)) &&
            TryInvoke(Name, ct => client.DescribeDatabaseAsync(Name, cancellationToken: ct), out DatabaseDescription created))
        {
            WriteObject(Stamp(ModelMapper.ToDatabaseInfo(created)));
        }
    }
}
