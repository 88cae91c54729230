using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Changes collection properties, or properties of one of its fields.</para>
/// <para type="description">Wraps alter_collection_properties (-Property), drop_collection_properties (-RemoveProperty)
/// and, with -FieldName, alter_collection_field (-Property then holds field parameters such as max_length or mmap.enabled).</para>
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

    /// <summary>Output the changed collection.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (Property is null && RemoveProperty is null)
        {
            ThrowError("MilvusCollectionNoChange", ErrorCategory.InvalidArgument, Name, "Give -Property, -RemoveProperty, or both.");
        }

        if (FieldName is not null && (Property is null || RemoveProperty is not null))
        {
            ThrowError("MilvusFieldChangeInvalid", ErrorCategory.InvalidArgument, FieldName,
                "-FieldName changes field parameters given with -Property; -RemoveProperty applies to the collection only.");
        }

        AsyncMilvusClient client = ResolveClient();
        string action = FieldName is null ? "Change collection properties" : $"Change parameters of field '{FieldName}'";
        if (!ShouldProcess(DescribeTarget("collection", Name), action))
        {
            return;
        }

        bool changed = FieldName is not null
            ? TryInvoke(Name, ct => client.AlterCollectionFieldAsync(Name, FieldName, PropertyConversion.ToDictionary(Property), cancellationToken: ct))
            : (Property is null || TryInvoke(Name, ct => client.AlterCollectionPropertiesAsync(Name, PropertyConversion.ToDictionary(Property), cancellationToken: ct)))
              && (RemoveProperty is null || TryInvoke(Name, ct => client.DropCollectionPropertiesAsync(Name, RemoveProperty, cancellationToken: ct)));

        if (changed && PassThru && TryInvoke(Name, ct => CollectionReader.ReadAsync(client, Name, ct), out MilvusCollectionInfo info))
        {
            WriteObject(Stamp(info));
        }
    }
}
