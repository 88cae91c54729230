namespace Milvus.PowerShell.Models;

/// <summary>An external collection refresh job (pymilvus RefreshExternalCollectionJobInfo).</summary>
public sealed class MilvusExternalCollectionJobInfo : MilvusObject
{
    public long JobId { get; set; }

    public string CollectionName { get; set; } = string.Empty;

    /// <summary>RefreshPending, RefreshInProgress, RefreshCompleted or RefreshFailed.</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>Percent, 0-100.</summary>
    public long Progress { get; set; }

    public string Reason { get; set; } = string.Empty;

    public string ExternalSource { get; set; } = string.Empty;

    public string ExternalSpec { get; set; } = string.Empty;

    public DateTimeOffset? StartTime { get; set; }

    public DateTimeOffset? EndTime { get; set; }

    public override string ToString() => $"{JobId} {State}";

    internal static MilvusExternalCollectionJobInfo From(Milvus.Client.RefreshExternalCollectionJobInfo job) => new()
    {
        JobId = job.JobId, CollectionName = job.CollectionName, State = job.State, Progress = job.Progress, Reason = job.Reason,
        ExternalSource = job.ExternalSource, ExternalSpec = job.ExternalSpec,
        StartTime = job.StartTime > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(job.StartTime) : null,
        EndTime = job.EndTime > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(job.EndTime) : null,
    };
}
