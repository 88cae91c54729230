using System.Collections;
using Milvus.Client;

namespace Milvus.PowerShell.Models;

/// <summary>
/// A field of a collection schema: what Get-MilvusCollection reports in Fields, and what New-MilvusField builds for
/// New-MilvusSchema / New-MilvusCollection -Field.
/// </summary>
public sealed class MilvusFieldInfo : MilvusCollectionObject
{
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// The type's name ("FloatVector", "VarChar"), as pymilvus and Milvus show it: text, so ConvertTo-Json writes the name
    /// and not the enum's number. Setting it parses a name (or number) of <see cref="Milvus.Client.DataType"/>.
    /// </summary>
    public string DataType
    {
        get => FieldType.ToString();
        set => FieldType = EnumText.Parse<DataType>(value);
    }

    /// <summary>The type as the client's enum, for the module's own code.</summary>
    internal DataType FieldType { get; set; }

    public bool IsPrimaryKey { get; set; }

    public bool AutoId { get; set; }

    /// <summary>Vector dimension (vector fields).</summary>
    public int? Dimension { get; set; }

    /// <summary>Maximum length in bytes (VarChar).</summary>
    public int? MaxLength { get; set; }

    /// <summary>Element type of Array fields (a name, like <see cref="DataType"/>); null for other fields.</summary>
    public string? ElementType
    {
        get => ElementFieldType?.ToString();
        set => ElementFieldType = value is null ? null : EnumText.Parse<DataType>(value);
    }

    internal DataType? ElementFieldType { get; set; }

    /// <summary>Maximum number of elements (Array fields).</summary>
    public int? MaxCapacity { get; set; }

    public bool Nullable { get; set; }

    public object? DefaultValue { get; set; }

    public bool IsPartitionKey { get; set; }

    public bool IsClusteringKey { get; set; }

    public bool IsDynamic { get; set; }

    public bool IsFunctionOutput { get; set; }

    public bool? EnableAnalyzer { get; set; }

    public bool? EnableMatch { get; set; }

    public Hashtable? AnalyzerParams { get; set; }

    public bool? MmapEnabled { get; set; }

    public string Description { get; set; } = string.Empty;

    /// <summary>The sub-fields of an ARRAY of STRUCT field (scalars and vectors; -MaxCapacity applies to all of them).</summary>
    public MilvusFieldInfo[]? StructFields { get; set; }

    public long Id { get; set; }

    /// <summary>True for the vector types (what -AnnsField accepts).</summary>
    public bool IsVector => FieldType is Client.DataType.BinaryVector or Client.DataType.FloatVector or Client.DataType.Float16Vector
        or Client.DataType.BFloat16Vector or Client.DataType.SparseFloatVector or Client.DataType.Int8Vector;

    public override string ToString() => $"{Name} ({DataType})";
}
