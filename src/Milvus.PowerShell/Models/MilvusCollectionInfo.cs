using System.Collections;
using Milvus.Client;

namespace Milvus.PowerShell.Models;

/// <summary>
/// A collection (Get-/New-MilvusCollection). Name, DatabaseName and Connection bind by property name, so
/// <c>Get-MilvusCollection 'tmp_*' | Remove-MilvusCollection</c> removes each one on its own server and database.
/// </summary>
public sealed class MilvusCollectionInfo : MilvusObject
{
    public string Name { get; set; } = string.Empty;

    public long Id { get; set; }

    public string Description { get; set; } = string.Empty;

    public MilvusFieldInfo[] Fields { get; set; } = [];

    public MilvusFunctionInfo[] Functions { get; set; } = [];

    public string? PrimaryField { get; set; }

    /// <summary>The vector fields, in schema order.</summary>
    public string[] VectorFields { get; set; } = [];

    public bool AutoId { get; set; }

    public bool EnableDynamicField { get; set; }

    public int ShardsNum { get; set; }

    public long PartitionsNum { get; set; }

    /// <summary>The consistency level as text (Milvus.Client.ConsistencyLevel names), so ConvertTo-Json and Export-Csv write the name, not a number.</summary>
    public string ConsistencyLevel { get; set; } = string.Empty;

    public string[] Aliases { get; set; } = [];

    public Hashtable Properties { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The load state as text (Milvus.Client.LoadState names), so ConvertTo-Json and Export-Csv write the name, not a number.</summary>
    public string LoadState { get; set; } = string.Empty;

    /// <summary>Load progress in percent while loading, 100 when loaded.</summary>
    public long? LoadProgress { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public override string ToString() => Name;
}
