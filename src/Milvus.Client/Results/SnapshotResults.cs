namespace Milvus.Client;

/// <summary>describe_snapshot's answer (pymilvus <c>SnapshotInfo</c>).</summary>
/// <param name="Name">The snapshot name (unique within its collection).</param>
/// <param name="Description">The description given at creation.</param>
/// <param name="CollectionName">The collection the snapshot was taken of.</param>
/// <param name="PartitionNames">The partitions the snapshot holds.</param>
/// <param name="CreateTs">Creation time in unix milliseconds.</param>
/// <param name="S3Location">Where the server keeps the snapshot's files (empty for the local engine, which keeps it in its database file).</param>
public sealed record SnapshotInfo(string Name, string Description, string CollectionName, IReadOnlyList<string> PartitionNames, long CreateTs,
    string S3Location)
{
    /// <summary><see cref="CreateTs"/> as a date.</summary>
    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds(CreateTs);
}

/// <summary>The state of a restore job (proto <c>RestoreSnapshotState</c>, pymilvus reports its name, e.g. "RestoreSnapshotCompleted").</summary>
public enum SnapshotRestoreState
{
    None = 0,
    Pending = 1,
    Executing = 2,
    Completed = 3,
    Failed = 4,
}

/// <summary>get_restore_snapshot_state and list_restore_snapshot_jobs entries (pymilvus <c>RestoreSnapshotJobInfo</c>).</summary>
/// <param name="JobId">The restore job id.</param>
/// <param name="SnapshotName">The snapshot being restored.</param>
/// <param name="DbName">The target database.</param>
/// <param name="CollectionName">The target collection.</param>
/// <param name="State">Where the job is.</param>
/// <param name="Progress">Percent done (0-100).</param>
/// <param name="Reason">Why the job failed (empty otherwise).</param>
/// <param name="StartTime">Start time in unix milliseconds.</param>
/// <param name="TimeCost">Time spent so far, in milliseconds.</param>
public sealed record RestoreSnapshotJobInfo(long JobId, string SnapshotName, string DbName, string CollectionName, SnapshotRestoreState State,
    int Progress, string Reason, long StartTime, long TimeCost)
{
    /// <summary>True once the job is Completed or Failed.</summary>
    public bool IsFinished => State is SnapshotRestoreState.Completed or SnapshotRestoreState.Failed;
}
