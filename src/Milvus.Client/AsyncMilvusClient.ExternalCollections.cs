using Milvus.Protocol.Api;

namespace Milvus.Client;

/// <summary>External collections (Milvus 3.0): collections whose data lives in an external source, refreshed by jobs.</summary>
public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>refresh_external_collection(collection_name, external_source="", external_spec="")</c>: the job id.</summary>
    public Task<long> RefreshExternalCollectionAsync(string collectionName, string externalSource = "", string externalSpec = "",
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallNewRpcAsync("refresh_external_collection", "RefreshExternalCollection",
            new RefreshExternalCollectionRequest { CollectionName = collectionName, ExternalSource = externalSource, ExternalSpec = externalSpec },
            (c, r, o) => c.RefreshExternalCollectionAsync(r, o), timeout, cancellationToken), r => r.JobId);

    /// <summary>pymilvus <c>get_refresh_external_collection_progress(job_id)</c>.</summary>
    public Task<RefreshExternalCollectionJobInfo> GetRefreshExternalCollectionProgressAsync(long jobId, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
        => MapAsync(CallNewRpcAsync("get_refresh_external_collection_progress", "GetRefreshExternalCollectionProgress",
            new GetRefreshExternalCollectionProgressRequest { JobId = jobId },
            (c, r, o) => c.GetRefreshExternalCollectionProgressAsync(r, o), timeout, cancellationToken), r => ToJobInfo(r.JobInfo ?? new()));

    /// <summary>pymilvus <c>list_refresh_external_collection_jobs(collection_name="")</c>: all jobs when no collection is named.</summary>
    public Task<IReadOnlyList<RefreshExternalCollectionJobInfo>> ListRefreshExternalCollectionJobsAsync(string collectionName = "",
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallNewRpcAsync("list_refresh_external_collection_jobs", "ListRefreshExternalCollectionJobs",
            new ListRefreshExternalCollectionJobsRequest { CollectionName = collectionName },
            (c, r, o) => c.ListRefreshExternalCollectionJobsAsync(r, o), timeout, cancellationToken),
            r => (IReadOnlyList<RefreshExternalCollectionJobInfo>)r.Jobs.Select(ToJobInfo).ToList());

    private static RefreshExternalCollectionJobInfo ToJobInfo(Milvus.Protocol.Api.RefreshExternalCollectionJobInfo job)
        => new(job.JobId, job.CollectionName, job.State.ToString(), job.Progress, job.Reason, job.ExternalSource, job.StartTime, job.EndTime,
            job.ExternalSpec);
}
