using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Builds a collection schema in memory from fields (New-MilvusField), for New-MilvusCollection -Schema.</para>
/// <para type="description">The counterpart of MilvusClient.create_schema. Fields can be piped in:
/// <c>New-MilvusField id Int64 -IsPrimaryKey, (New-MilvusField v FloatVector -Dimension 4) | New-MilvusSchema</c>.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "MilvusSchema")]
[OutputType(typeof(MilvusSchemaInfo))]
public sealed class NewMilvusSchemaCommand : PSCmdlet
{
    private readonly List<MilvusFieldInfo> _fields = [];

    /// <summary>The fields, in order.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    public MilvusFieldInfo[]? Field { get; set; }

    /// <summary>Functions (New-MilvusFunction), e.g. BM25 from a text field to a sparse vector field.</summary>
    [Parameter]
    public MilvusFunctionInfo[]? Function { get; set; }

    /// <summary>Milvus generates primary key values.</summary>
    [Parameter]
    public SwitchParameter AutoId { get; set; }

    /// <summary>Keep fields not in the schema in the dynamic field ($meta).</summary>
    [Parameter]
    public SwitchParameter EnableDynamicField { get; set; }

    /// <summary>A description of the collection.</summary>
    [Parameter]
    public string Description { get; set; } = string.Empty;

    protected override void ProcessRecord()
    {
        if (Field is not null)
        {
            _fields.AddRange(Field);
        }
    }

    protected override void EndProcessing()
    {
        WriteObject(new MilvusSchemaInfo
        {
            Fields = _fields,
            Functions = Function is null ? [] : [.. Function],
            AutoId = AutoId,
            EnableDynamicField = EnableDynamicField,
            Description = Description,
        });
    }
}
