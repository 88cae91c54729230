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

    public DataType DataType { get; set; }

    public bool IsPrimaryKey { get; set; }

    public bool AutoId { get; set; }

    /// <summary>Vector dimension (vector fields).</summary>
    public int? Dimension { get; set; }

    /// <summary>Maximum length in bytes (VarChar).</summary>
    public int? MaxLength { get; set; }

    /// <summary>Element type (Array fields).</summary>
    public DataType? ElementType { get; set; }

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
    public bool IsVector => DataType is DataType.BinaryVector or DataType.FloatVector or DataType.Float16Vector
        or DataType.BFloat16Vector or DataType.SparseFloatVector or DataType.Int8Vector;

    public override string ToString() => $"{Name} ({DataType})";
}
