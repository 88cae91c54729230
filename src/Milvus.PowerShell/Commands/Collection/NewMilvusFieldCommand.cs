using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Builds a field definition in memory, for New-MilvusSchema or New-MilvusCollection -Field.</para>
/// <para type="description">The counterpart of CollectionSchema.add_field (pymilvus). Makes no call to Milvus; the server
/// validates the field when the collection is created.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "MilvusField")]
[OutputType(typeof(MilvusFieldInfo))]
public sealed class NewMilvusFieldCommand : PSCmdlet
{
    /// <summary>The field name.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>The data type (Int64, VarChar, FloatVector, Json, Array...).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public DataType DataType { get; set; }

    /// <summary>This field is the primary key.</summary>
    [Parameter]
    public SwitchParameter IsPrimaryKey { get; set; }

    /// <summary>Milvus generates the primary key values.</summary>
    [Parameter]
    public SwitchParameter AutoId { get; set; }

    /// <summary>Vector dimension (vector types).</summary>
    [Parameter]
    [Alias("Dim")]
    [ValidateRange(1, 32768)]
    public int? Dimension { get; set; }

    /// <summary>Maximum length in bytes (VarChar, and VarChar array elements).</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int? MaxLength { get; set; }

    /// <summary>Element type of an Array field.</summary>
    [Parameter]
    public DataType? ElementType { get; set; }

    /// <summary>Maximum number of elements of an Array field.</summary>
    [Parameter]
    [ValidateRange(1, 4096)]
    public int? MaxCapacity { get; set; }

    /// <summary>The field accepts nulls.</summary>
    [Parameter]
    public SwitchParameter Nullable { get; set; }

    /// <summary>The value used when a row leaves the field out.</summary>
    [Parameter]
    public object? DefaultValue { get; set; }

    /// <summary>Milvus routes rows to partitions by this field.</summary>
    [Parameter]
    public SwitchParameter IsPartitionKey { get; set; }

    /// <summary>Milvus clusters data by this field during compaction.</summary>
    [Parameter]
    public SwitchParameter IsClusteringKey { get; set; }

    /// <summary>Tokenize this VarChar field (for BM25 and text match).</summary>
    [Parameter]
    public SwitchParameter EnableAnalyzer { get; set; }

    /// <summary>Build a text-match index on this VarChar field.</summary>
    [Parameter]
    public SwitchParameter EnableMatch { get; set; }

    /// <summary>Analyzer settings, e.g. @{ type = 'english' }.</summary>
    [Parameter]
    public Hashtable? AnalyzerParams { get; set; }

    /// <summary>
    /// The sub-fields of an ARRAY of STRUCT field (New-MilvusField each, scalars or vectors), with -DataType Array
    /// -ElementType Struct -MaxCapacity n: pymilvus create_struct_field_schema + add_field(struct_schema=...).
    /// </summary>
    [Parameter]
    public MilvusFieldInfo[]? StructField { get; set; }

    /// <summary>A description of the field.</summary>
    [Parameter]
    public string Description { get; set; } = string.Empty;

    protected override void ProcessRecord()
    {
        WriteObject(new MilvusFieldInfo
        {
            Name = Name,
            FieldType = DataType,
            IsPrimaryKey = IsPrimaryKey,
            AutoId = AutoId,
            Dimension = Dimension,
            MaxLength = MaxLength,
            ElementFieldType = ElementType,
            MaxCapacity = MaxCapacity,
            Nullable = Nullable,
            DefaultValue = DefaultValue is PSObject wrapped ? wrapped.BaseObject : DefaultValue,
            IsPartitionKey = IsPartitionKey,
            IsClusteringKey = IsClusteringKey,
            EnableAnalyzer = EnableAnalyzer.IsPresent ? EnableAnalyzer.ToBool() : null,
            EnableMatch = EnableMatch.IsPresent ? EnableMatch.ToBool() : null,
            AnalyzerParams = AnalyzerParams,
            Description = Description,
            StructFields = StructField,
        });
    }
}
