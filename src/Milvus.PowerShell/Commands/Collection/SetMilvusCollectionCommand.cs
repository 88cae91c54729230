using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Changes a collection: properties, field parameters, added fields, functions.</para>
/// <para type="description">Wraps alter_collection_properties (-Property), drop_collection_properties (-RemoveProperty)
/// and, with -FieldName, alter_collection_field (-Property then holds field parameters such as max_length or mmap.enabled);
/// add_collection_field (-AddField), add_collection_function (-AddFunction), alter_collection_function (-AlterFunction:
/// the function of the same name is replaced), drop_collection_function (-RemoveFunction), and Milvus 3.0's
/// drop_collection_field (-RemoveField) and drop_function_field (-RemoveFunctionField: the function and its output fields).</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "MilvusCollection", SupportsShouldProcess = true)]
[OutputType(typeof(MilvusCollectionInfo))]
public sealed class SetMilvusCollectionCommand : MilvusNamedCollectionCmdlet
{
    /// <summary>Properties to set (of the collection, or of -FieldName).</summary>
    [Parameter]
    public Hashtable? Property { get; set; }

    /// <summary>Collection property keys to remove.</summary>
    [Parameter]
    public string[]? RemoveProperty { get; set; }

    /// <summary>Change this field's parameters instead of the collection's properties.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string? FieldName { get; set; }

    /// <summary>Fields to add (New-MilvusField; they must be nullable or have a default value).</summary>
    [Parameter]
    public MilvusFieldInfo[]? AddField { get; set; }

    /// <summary>Functions to add (New-MilvusFunction).</summary>
    [Parameter]
    public MilvusFunctionInfo[]? AddFunction { get; set; }

    /// <summary>Functions to change (New-MilvusFunction); each replaces the collection's function of the same name.</summary>
    [Parameter]
    public MilvusFunctionInfo[]? AlterFunction { get; set; }

    /// <summary>Names of functions to remove.</summary>
    [Parameter]
    public string[]? RemoveFunction { get; set; }

    /// <summary>Names of fields to drop (Milvus 3.0; not the primary key, a partition or clustering key, or the last vector field).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string[]? RemoveField { get; set; }

    /// <summary>Names of functions to drop together with their output fields (Milvus 3.0; BM25 and MinHash functions).</summary>
    [Parameter]
    public string[]? RemoveFunctionField { get; set; }

    /// <summary>Output the changed collection.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (FieldName is not null && (Property is null || RemoveProperty is not null))
        {
            ThrowError("MilvusFieldChangeInvalid", ErrorCategory.InvalidArgument, FieldName,
                "-FieldName changes field parameters given with -Property; -RemoveProperty applies to the collection only.");
        }

        AsyncMilvusClient client = ResolveClient();
        List<(string Action, Func<CancellationToken, Task> Call)> changes = PlanChanges(client);
        if (changes.Count == 0)
        {
            ThrowError("MilvusCollectionNoChange", ErrorCategory.InvalidArgument, Name,
                "Give at least one of -Property, -RemoveProperty, -AddField, -AddFunction, -AlterFunction, -RemoveFunction, -RemoveField, -RemoveFunctionField.");
        }

        if (!ShouldProcess(DescribeTarget("collection", Name), string.Join("; ", changes.Select(c => c.Action))))
        {
            return;
        }

        // In order, stopping at the first failure (its error is already written).
        bool changed = changes.All(change => TryInvoke(Name, change.Call));
        if (changed && PassThru && TryInvoke(Name, ct => CollectionReader.ReadAsync(client, Name, ct), out MilvusCollectionInfo info))
        {
            WriteObject(Stamp(info));
        }
    }

    private List<(string Action, Func<CancellationToken, Task> Call)> PlanChanges(AsyncMilvusClient client)
    {
        var changes = new List<(string Action, Func<CancellationToken, Task> Call)>();
        if (FieldName is not null)
        {
            changes.Add(($"Change parameters of field '{FieldName}'", ct =>
                client.AlterCollectionFieldAsync(Name, FieldName, PropertyConversion.ToDictionary(Property), cancellationToken: ct)));
        }
        else if (Property is not null)
        {
            changes.Add(("Change collection properties", ct =>
                client.AlterCollectionPropertiesAsync(Name, PropertyConversion.ToDictionary(Property), cancellationToken: ct)));
        }

        if (RemoveProperty is not null)
        {
            changes.Add(("Remove collection properties", ct => client.DropCollectionPropertiesAsync(Name, RemoveProperty, cancellationToken: ct)));
        }

        foreach (MilvusFieldInfo field in AddField ?? [])
        {
            changes.Add(($"Add field '{field.Name}'", ct => AddFieldAsync(client, ModelMapper.ToFieldSchema(field), ct)));
        }

        foreach (MilvusFunctionInfo function in AddFunction ?? [])
        {
            changes.Add(($"Add function '{function.Name}'", ct =>
                client.AddCollectionFunctionAsync(Name, ModelMapper.ToFunctionSchema(function), cancellationToken: ct)));
        }

        foreach (MilvusFunctionInfo function in AlterFunction ?? [])
        {
            changes.Add(($"Change function '{function.Name}'", ct =>
                client.AlterCollectionFunctionAsync(Name, function.Name, ModelMapper.ToFunctionSchema(function), cancellationToken: ct)));
        }

        foreach (string function in RemoveFunction ?? [])
        {
            changes.Add(($"Remove function '{function}'", ct => client.DropCollectionFunctionAsync(Name, function, cancellationToken: ct)));
        }

        foreach (string field in RemoveField ?? [])
        {
            changes.Add(($"Remove field '{field}'", ct => client.DropCollectionFieldAsync(Name, field, cancellationToken: ct)));
        }

        foreach (string function in RemoveFunctionField ?? [])
        {
            changes.Add(($"Remove function '{function}' and its output fields", ct => client.DropFunctionFieldAsync(Name, function, cancellationToken: ct)));
        }

        return changes;
    }

    /// <summary>An ARRAY of STRUCT field goes through add_collection_struct_field (always nullable), any other through add_collection_field.</summary>
    private Task AddFieldAsync(AsyncMilvusClient client, FieldSchema field, CancellationToken ct)
        => field is { DataType: DataType.Array, ElementType: DataType.Struct, StructSchema: { } structSchema }
            ? client.AddCollectionStructFieldAsync(Name, field.Name, structSchema, field.MaxCapacity ?? 0, field.Description, cancellationToken: ct)
            : client.AddCollectionFieldAsync(Name, field, cancellationToken: ct);
}
