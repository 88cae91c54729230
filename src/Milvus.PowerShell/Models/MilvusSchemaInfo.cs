namespace Milvus.PowerShell.Models;

/// <summary>A collection schema built in memory by New-MilvusSchema, for New-MilvusCollection -Schema.</summary>
public sealed class MilvusSchemaInfo
{
    public List<MilvusFieldInfo> Fields { get; set; } = [];

    public bool AutoId { get; set; }

    public bool EnableDynamicField { get; set; }

    public string Description { get; set; } = string.Empty;

    public override string ToString() => string.Join(", ", Fields.Select(f => f.ToString()));
}
