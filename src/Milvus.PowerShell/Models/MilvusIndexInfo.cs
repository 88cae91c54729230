using System.Collections;
using Milvus.Client;

namespace Milvus.PowerShell.Models;

/// <summary>An index on a field (Get-/New-MilvusIndex), with its build progress.</summary>
public sealed class MilvusIndexInfo : MilvusCollectionObject
{
    public string IndexName { get; set; } = string.Empty;

    public string FieldName { get; set; } = string.Empty;

    public string IndexType { get; set; } = string.Empty;

    public string? MetricType { get; set; }

    /// <summary>Every index parameter as the server reports it (index_type, metric_type, params, mmap.enabled...).</summary>
    public Hashtable Parameters { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The build state as text (Milvus.Client.IndexState names), so ConvertTo-Json and Export-Csv write the name, not a number.</summary>
    public string State { get; set; } = string.Empty;

    public long TotalRows { get; set; }

    public long IndexedRows { get; set; }

    public long PendingIndexRows { get; set; }

    public string FailReason { get; set; } = string.Empty;

    public long Id { get; set; }

    public override string ToString() => IndexName;
}
