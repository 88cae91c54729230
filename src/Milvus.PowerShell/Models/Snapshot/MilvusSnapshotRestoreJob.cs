namespace Milvus.PowerShell.Models;

/// <summary>
/// A job restoring a snapshot into a new collection (Restore-MilvusSnapshot, Get-MilvusSnapshotRestoreJob;
/// pymilvus RestoreSnapshotJobInfo). CollectionName and DatabaseName are the target's.
/// </summary>
public sealed class MilvusSnapshotRestoreJob : MilvusCollectionObject
{
    public long JobId { get; set; }

    public string SnapshotName { get; set; } = string.Empty;

    /// <summary>Pending, Executing, Completed or Failed.</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>Percent done (0-100).</summary>
    public int Progress { get; set; }

    /// <summary>Why the job failed (empty otherwise).</summary>
    public string Reason { get; set; } = string.Empty;

    public DateTimeOffset StartTime { get; set; }

    public TimeSpan Duration { get; set; }

    public override string ToString() => JobId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
