using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Database;

/// <summary>
/// <para type="synopsis">Changes or removes database properties.</para>
/// <para type="description">Wraps alter_database_properties (-Property) and drop_database_properties (-RemoveProperty).</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "MilvusDatabase", SupportsShouldProcess = true)]
[OutputType(typeof(MilvusDatabaseInfo))]
public sealed class SetMilvusDatabaseCommand : MilvusCmdlet
{
    /// <summary>The database to change.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public string Name { get; set; } = string.Empty;

    /// <summary>Properties to set.</summary>
    [Parameter]
    public Hashtable? Property { get; set; }

    /// <summary>Property keys to remove.</summary>
    [Parameter]
    public string[]? RemoveProperty { get; set; }

    /// <summary>Output the changed database.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ErrorThing => "Database";

    protected override void ProcessRecord()
    {
        if (Property is null && RemoveProperty is null)
        {
            ThrowError("MilvusDatabaseNoChange", ErrorCategory.InvalidArgument, Name, "Give -Property, -RemoveProperty, or both.");
        }

        AsyncMilvusClient client = ResolveConnection().Client; // database calls name their database themselves
        string target = $"database '{Name}' @ {ResolveConnection().Endpoint.DisplayHost}";
        if (!ShouldProcess(target, "Change database properties"))
        {
            return;
        }

        bool changed = TryChangeProperties(Name, Property, RemoveProperty,
            (properties, ct) => client.AlterDatabasePropertiesAsync(Name, properties, cancellationToken: ct),
            (keys, ct) => client.DropDatabasePropertiesAsync(Name, keys, cancellationToken: ct));
        if (changed && PassThru && TryInvoke(Name, ct => client.DescribeDatabaseAsync(Name, cancellationToken: ct), out DatabaseDescription description))
        {
            WriteObject(Stamp(ModelMapper.ToDatabaseInfo(description)));
        }
    }
}
