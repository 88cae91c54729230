namespace Milvus.PowerShell.Models;

/// <summary>A pin on a snapshot's data (Lock-MilvusSnapshot; pymilvus pin_snapshot_data). Unlock-MilvusSnapshot releases it by PinId.</summary>
public sealed class MilvusSnapshotPin : MilvusCollectionObject
{
    public long PinId { get; set; }

    public string SnapshotName { get; set; } = string.Empty;

    /// <summary>How long the pin lasts, in seconds (0: until unlocked).</summary>
    public long TtlSeconds { get; set; }

    public override string ToString() => PinId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
