using System.Collections;

namespace Milvus.PowerShell.Models;

/// <summary>A database (Get-/New-MilvusDatabase). <see cref="Name"/> binds to -Name of the next cmdlet.</summary>
public sealed class MilvusDatabaseInfo : MilvusObject
{
    public string Name { get; set; } = string.Empty;

    public long Id { get; set; }

    /// <summary>Database properties (database.replica.number, database.max.collections, ...).</summary>
    public Hashtable Properties { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset? CreatedAt { get; set; }

    public override string ToString() => Name;
}
