using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Snapshot;

/// <summary>Client results to the snapshot cmdlets' output objects (Connection and DatabaseName are stamped by the cmdlet).</summary>
internal static class SnapshotOutput
{
    public static MilvusSnapshotInfo Info(SnapshotInfo info) => new()
    {
        Name = info.Name, Description = info.Description, CollectionName = info.CollectionName, PartitionNames = info.PartitionNames.ToArray(),
        CreatedAt = info.CreatedAt, S3Location = info.S3Location,
    };

    public static MilvusSnapshotRestoreJob Job(RestoreSnapshotJobInfo job) => new()
    {
        JobId = job.JobId, SnapshotName = job.SnapshotName, DatabaseName = job.DbName, CollectionName = job.CollectionName,
        State = job.State.ToString(), Progress = job.Progress, Reason = job.Reason,
        StartTime = DateTimeOffset.FromUnixTimeMilliseconds(job.StartTime), Duration = TimeSpan.FromMilliseconds(job.TimeCost),
    };
}
