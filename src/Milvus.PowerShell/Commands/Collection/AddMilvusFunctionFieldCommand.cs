using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Adds a function-backed field to a collection (Milvus 3.0).</para>
/// <para type="description">Wraps add_function_field: one AlterCollectionSchema adds -Function (BM25 or MinHash), its output
/// field -Field (SPARSE_FLOAT_VECTOR for BM25, BINARY_VECTOR for MinHash) and the output field's index (-IndexType, required).</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "MilvusFunctionField", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusCollectionInfo))]
public sealed class AddMilvusFunctionFieldCommand : MilvusNamedCollectionCmdlet
{
    /// <summary>The output field (New-MilvusField).</summary>
    [Parameter(Mandatory = true)]
    public MilvusFieldInfo Field { get; set; } = null!;

    /// <summary>The function that fills it (New-MilvusFunction).</summary>
    [Parameter(Mandatory = true)]
    public MilvusFunctionInfo Function { get; set; } = null!;

    /// <summary>The index type of the output field (e.g. SPARSE_INVERTED_INDEX for BM25).</summary>
    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(IndexTypeCompleter))]
    public string IndexType { get; set; } = string.Empty;

    [Parameter]
    [ArgumentCompleter(typeof(MetricTypeCompleter))]
    public string? MetricType { get; set; }

    [Parameter]
    public string IndexName { get; set; } = string.Empty;

    /// <summary>Index build parameters.</summary>
    [Parameter]
    public Hashtable? IndexParameter { get; set; }

    /// <summary>Output the changed collection.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        var index = AsyncMilvusClient.PrepareIndexParams()
            .AddIndex(Field.Name, IndexType, IndexName, MetricType, PropertyConversion.ToDictionaryOrNull(IndexParameter));
        if (ShouldProcess(DescribeTarget("collection", Name), $"Add field '{Field.Name}' filled by function '{Function.Name}'")
            && TryInvoke(Name, ct => client.AddFunctionFieldAsync(Name, ModelMapper.ToFieldSchema(Field), ModelMapper.ToFunctionSchema(Function), index,
                cancellationToken: ct))
            && PassThru
            && TryInvoke(Name, ct => CollectionReader.ReadAsync(client, Name, ct), out MilvusCollectionInfo info))
        {
            WriteObject(Stamp(info));
        }
    }
}
