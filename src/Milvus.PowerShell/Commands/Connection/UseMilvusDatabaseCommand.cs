using System.Management.Automation;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Connection;

/// <summary>
/// <para type="synopsis">Makes a database the connection's current database (like SQL USE).</para>
/// <para type="description">Wraps use_database: checks that the database exists, then later calls on the connection work in it.</para>
/// </summary>
[Cmdlet(VerbsOther.Use, "MilvusDatabase", SupportsShouldProcess = true)]
[OutputType(typeof(MilvusConnection))]
public sealed class UseMilvusDatabaseCommand : MilvusCmdlet
{
    /// <summary>The database to switch to.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public string Name { get; set; } = string.Empty;

    /// <summary>Output the connection.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ErrorThing => "Database";

    protected override void ProcessRecord()
    {
        MilvusConnection connection = ResolveConnection();
        if (!ShouldProcess($"connection '{connection.Name}' @ {connection.Endpoint.DisplayHost}", $"Use database '{Name}'"))
        {
            return;
        }

        if (TryInvoke(Name, ct => connection.Client.UseDatabaseAsync(Name, cancellationToken: ct)))
        {
            connection.SwitchDatabase(Name);
            if (PassThru)
            {
                WriteObject(connection);
            }
        }
    }
}
