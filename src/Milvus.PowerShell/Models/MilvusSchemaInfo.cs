namespace Milvus.PowerShell.Models;

/// <summary>A collection schema built in memory by New-MilvusSchema, for New-MilvusCollection -Schema.</summary>
public sealed class MilvusSchemaInfo
{
    public List<MilvusFieldInfo> Fields { get; set; } = [];

    /// <summary>Functions that fill output fields from input fields (e.g. BM25 sparse vectors from text).</summary>
    public List<MilvusFunctionInfo> Functions { get; set; } = [];

    public bool AutoId { get; set; }

    public bool EnableDynamicField { get; set; }

    public string Description { get; set; } = string.Empty;

    public override string ToString() => string.Join(", ", Fields.Select(f => f.ToString()));
}
