using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Index;

/// <summary>
/// <para type="synopsis">Changes or removes index properties (such as mmap.enabled).</para>
/// <para type="description">Wraps alter_index_properties (-Property) and drop_index_properties (-RemoveProperty).</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "MilvusIndex", SupportsShouldProcess = true)]
[OutputType(typeof(MilvusIndexInfo))]
public sealed class SetMilvusIndexCommand : MilvusCollectionChildCmdlet
{
    /// <summary>The index.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(IndexNameCompleter))]
    [Alias("IndexName")]
    public string Name { get; set; } = string.Empty;

    /// <summary>Properties to set, e.g. @{ 'mmap.enabled' = $true }.</summary>
    [Parameter]
    public Hashtable? Property { get; set; }

    /// <summary>Property keys to remove.</summary>
    [Parameter]
    public string[]? RemoveProperty { get; set; }

    /// <summary>Output the changed index.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ErrorThing => "Index";

    protected override void ProcessRecord()
    {
        if (Property is null && RemoveProperty is null)
        {
            ThrowError("MilvusIndexNoChange", ErrorCategory.InvalidArgument, Name, "Give -Property, -RemoveProperty, or both.");
        }

        AsyncMilvusClient client = ResolveClient();
        if (!ShouldProcess(DescribeTarget("index", $"{CollectionName}/{Name}"), "Change index properties"))
        {
            return;
        }

        bool changed = TryChangeProperties(Name, Property, RemoveProperty,
            (properties, ct) => client.AlterIndexPropertiesAsync(CollectionName, Name, properties, cancellationToken: ct),
            (keys, ct) => client.DropIndexPropertiesAsync(CollectionName, Name, keys, cancellationToken: ct));
        if (changed && PassThru &&
            TryInvoke(Name, ct => client.DescribeIndexAsync(CollectionName, Name, cancellationToken: ct), out IndexDescription? index) &&
            index is not null)
        {
            WriteObject(Stamp(ModelMapper.ToIndexInfo(index, CollectionName)));
        }
    }
}
