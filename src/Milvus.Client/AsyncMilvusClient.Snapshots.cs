using Milvus.Protocol.Api;

namespace Milvus.Client;

// Snapshots (pymilvus 3.0 AsyncMilvusClient): point-in-time copies of a collection, restored into new collections by
// server-side jobs. A Milvus 2.6 server does not have these RPCs (gRPC UNIMPLEMENTED): the calls then fail with
// ServerVersionIncompatibleException naming the method and the server's version.
public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>create_snapshot(snapshot_name, collection_name, db_name="", description="", compaction_protection_seconds=0)</c>.</summary>
    public Task CreateSnapshotAsync(string snapshotName, string collectionName, string dbName = "", string description = "",
        long compactionProtectionSeconds = 0, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        RequireName(snapshotName, "snapshot_name");
        RequireName(collectionName, "collection_name");
        RequireNonNegative(compactionProtectionSeconds, "compaction_protection_seconds");
        return CallNewRpcAsync("create_snapshot", "CreateSnapshot", new CreateSnapshotRequest
        {
            Name = snapshotName, CollectionName = collectionName, DbName = dbName ?? "", Description = description ?? "",
            CompactionProtectionSeconds = compactionProtectionSeconds,
        }, (c, r, o) => c.CreateSnapshotAsync(r, o), timeout, cancellationToken);
    }

    /// <summary>pymilvus <c>drop_snapshot(snapshot_name, collection_name, db_name="")</c>; dropping a missing snapshot succeeds.</summary>
    public Task DropSnapshotAsync(string snapshotName, string collectionName, string dbName = "", TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        RequireName(snapshotName, "snapshot_name");
        RequireName(collectionName, "collection_name");
        return CallNewRpcAsync("drop_snapshot", "DropSnapshot",
            new DropSnapshotRequest { Name = snapshotName, CollectionName = collectionName, DbName = dbName ?? "" },
            (c, r, o) => c.DropSnapshotAsync(r, o), timeout, cancellationToken);
    }

    /// <summary>pymilvus <c>list_snapshots(collection_name="", db_name="")</c>: snapshot names, of one collection or of the database.</summary>
    public Task<IReadOnlyList<string>> ListSnapshotsAsync(string collectionName = "", string dbName = "", TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
        => MapAsync(CallNewRpcAsync("list_snapshots", "ListSnapshots",
            new ListSnapshotsRequest { CollectionName = collectionName ?? "", DbName = dbName ?? "" },
            (c, r, o) => c.ListSnapshotsAsync(r, o), timeout, cancellationToken), r => (IReadOnlyList<string>)r.Snapshots.ToList());

    /// <summary>pymilvus <c>describe_snapshot(snapshot_name, collection_name, db_name="")</c>.</summary>
    public Task<SnapshotInfo> DescribeSnapshotAsync(string snapshotName, string collectionName, string dbName = "", TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        RequireName(snapshotName, "snapshot_name");
        RequireName(collectionName, "collection_name");
        return MapAsync(CallNewRpcAsync("describe_snapshot", "DescribeSnapshot",
            new DescribeSnapshotRequest { Name = snapshotName, CollectionName = collectionName, DbName = dbName ?? "" },
            (c, r, o) => c.DescribeSnapshotAsync(r, o), timeout, cancellationToken),
            r => new SnapshotInfo(r.Name, r.Description, r.CollectionName, r.PartitionNames.ToList(), r.CreateTs, r.S3Location));
    }

    /// <summary>
    /// pymilvus <c>restore_snapshot(snapshot_name, source_collection_name, target_collection_name, source_db_name="", target_db_name="")</c>:
    /// starts a job that restores the snapshot into a new collection and returns its id.
    /// </summary>
    public Task<long> RestoreSnapshotAsync(string snapshotName, string sourceCollectionName, string targetCollectionName, string sourceDbName = "",
        string targetDbName = "", TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        RequireName(snapshotName, "snapshot_name");
        RequireName(targetCollectionName, "target_collection_name");
        RequireName(sourceCollectionName, "source_collection_name");
        return MapAsync(CallNewRpcAsync("restore_snapshot", "RestoreSnapshot", new RestoreSnapshotRequest
        {
            Name = snapshotName, CollectionName = sourceCollectionName, DbName = sourceDbName ?? "",
            TargetCollectionName = targetCollectionName, TargetDbName = targetDbName ?? "",
        }, (c, r, o) => c.RestoreSnapshotAsync(r, o), timeout, cancellationToken), r => r.JobId);
    }

    /// <summary>pymilvus <c>get_restore_snapshot_state(job_id)</c>.</summary>
    public Task<RestoreSnapshotJobInfo> GetRestoreSnapshotStateAsync(long jobId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (jobId <= 0) throw new ParamError("job_id must be a positive integer");
        return MapAsync(CallNewRpcAsync("get_restore_snapshot_state", "GetRestoreSnapshotState", new GetRestoreSnapshotStateRequest { JobId = jobId },
            (c, r, o) => c.GetRestoreSnapshotStateAsync(r, o), timeout, cancellationToken), r => ToJobInfo(r.Info ?? new RestoreSnapshotInfo()));
    }

    /// <summary>pymilvus <c>list_restore_snapshot_jobs(collection_name="", db_name="")</c>: jobs restoring into that (target) collection, or all.</summary>
    public Task<IReadOnlyList<RestoreSnapshotJobInfo>> ListRestoreSnapshotJobsAsync(string collectionName = "", string dbName = "",
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallNewRpcAsync("list_restore_snapshot_jobs", "ListRestoreSnapshotJobs",
            new ListRestoreSnapshotJobsRequest { CollectionName = collectionName ?? "", DbName = dbName ?? "" },
            (c, r, o) => c.ListRestoreSnapshotJobsAsync(r, o), timeout, cancellationToken),
            r => (IReadOnlyList<RestoreSnapshotJobInfo>)r.Jobs.Select(ToJobInfo).ToList());

    /// <summary>pymilvus <c>pin_snapshot_data(snapshot_name, collection_name, db_name="", ttl_seconds=0)</c>: returns the pin id.</summary>
    public Task<long> PinSnapshotDataAsync(string snapshotName, string collectionName, string dbName = "", long ttlSeconds = 0,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        RequireName(snapshotName, "snapshot_name");
        RequireName(collectionName, "collection_name");
        RequireNonNegative(ttlSeconds, "ttl_seconds");
        return MapAsync(CallNewRpcAsync("pin_snapshot_data", "PinSnapshotData", new PinSnapshotDataRequest
        {
            Name = snapshotName, CollectionName = collectionName, DbName = dbName ?? "", TtlSeconds = ttlSeconds,
        }, (c, r, o) => c.PinSnapshotDataAsync(r, o), timeout, cancellationToken), r => r.PinId);
    }

    /// <summary>pymilvus <c>unpin_snapshot_data(pin_id)</c>.</summary>
    public Task UnpinSnapshotDataAsync(long pinId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (pinId <= 0) throw new ParamError("pin_id must be a positive integer");
        return CallNewRpcAsync("unpin_snapshot_data", "UnpinSnapshotData", new UnpinSnapshotDataRequest { PinId = pinId },
            (c, r, o) => c.UnpinSnapshotDataAsync(r, o), timeout, cancellationToken);
    }

    private static RestoreSnapshotJobInfo ToJobInfo(RestoreSnapshotInfo i) => new(i.JobId, i.SnapshotName, i.DbName, i.CollectionName,
        (SnapshotRestoreState)(int)i.State, i.Progress, i.Reason, (long)i.StartTime, (long)i.TimeCost);

    private static void RequireName(string? value, string parameter)
    {
        if (string.IsNullOrEmpty(value)) throw new ParamError($"{parameter} must be a non-empty string");
    }

    private static void RequireNonNegative(long value, string parameter)
    {
        if (value < 0) throw new ParamError($"{parameter} must be a non-negative integer");
    }
}
