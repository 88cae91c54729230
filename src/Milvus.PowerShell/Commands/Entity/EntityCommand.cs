using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Base of the entity cmdlets: -CollectionName (bound by property name, so piped collections work) and the
/// collection's schema, described once per collection and database for the whole pipeline.
/// </summary>
public abstract class EntityCommand : MilvusCmdlet
{
    private readonly Dictionary<string, CollectionDescription> _schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<CollectionDescription, EntityOutput> _outputs = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string CollectionName { get; set; } = string.Empty;

    protected override string ErrorThing => "Entity";

    /// <summary>The schema of -CollectionName; false (after writing the error) when it cannot be described.</summary>
    protected bool TryGetSchema(out CollectionDescription schema)
    {
        var connection = ResolveConnection();
        string key = $"{connection.Name}|{ResolveDatabase()}|{CollectionName}";
        if (_schemas.TryGetValue(key, out schema!))
        {
            return true;
        }

        var client = ResolveClient();
        string name = CollectionName;
        if (!TryInvoke(name, ct => client.DescribeCollectionAsync(name, cancellationToken: ct), out schema))
        {
            return false;
        }

        _schemas[key] = schema;
        return true;
    }

    /// <summary>The output builder for a schema, one per schema for the whole pipeline (its display types register once).</summary>
    internal EntityOutput OutputFor(CollectionDescription schema)
    {
        if (!_outputs.TryGetValue(schema, out EntityOutput? output))
        {
            _outputs[schema] = output = new EntityOutput(schema, RegisterDefaultDisplay);
        }

        return output;
    }

    /// <summary>Registers the default display of an entity/hit type name in this session (Update-TypeData).</summary>
    private void RegisterDefaultDisplay(string typeName, IReadOnlyList<string> shownProperties)
    {
        if (shownProperties.Count == 0)
        {
            return;
        }

        var update = ScriptBlock.Create("param($TypeName, $Shown) Update-TypeData -TypeName $TypeName -DefaultDisplayPropertySet $Shown -Force");
        InvokeCommand.InvokeScript(false, update, null, typeName, shownProperties.ToArray());
    }

    /// <summary>Where this pipeline item goes; a change means buffered work of the previous item must be sent first.</summary>
    protected EntityTarget CurrentTarget() => new(ResolveConnection(), ResolveDatabase(), CollectionName);

    /// <summary>Primary keys converted to the primary field's type (text from CSV files becomes INT64 where needed).</summary>
    protected List<object> ConvertIds(CollectionDescription schema, IEnumerable<object> ids)
    {
        FieldSchema? primary = schema.Fields.FirstOrDefault(f => f.IsPrimary);
        if (primary is null)
        {
            return ids.Select(id => PropertyConversion.UnwrapDeep(id)!).ToList();
        }

        var converted = new List<object>();
        foreach (object id in ids)
        {
            try
            {
                converted.Add(FieldValueConverter.Convert(id, primary)!);
            }
            catch (FormatException ex)
            {
                // A typed -Id is the user's argument: say which key it must fit, not FormatException/NotSpecified.
                ThrowError("MilvusEntityIdInvalid", ErrorCategory.InvalidArgument, id,
                    $"-Id '{PropertyConversion.UnwrapDeep(id)}' does not fit the primary key '{primary.Name}' ({primary.DataType}): {ex.Message}");
            }
        }

        return converted;
    }
}

/// <summary>The connection, database and collection a buffered batch belongs to.</summary>
public sealed record EntityTarget(Milvus.PowerShell.Models.MilvusConnection Connection, string Database, string Collection);
