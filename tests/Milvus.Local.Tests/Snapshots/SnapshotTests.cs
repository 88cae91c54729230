using Microsoft.Data.Sqlite;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Snapshots;

/// <summary>Snapshots end to end on the engine: point-in-time restore, names, errors, jobs, pins, reopen, migration.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData(EngineTransport.InProcess)]
    [InlineData(EngineTransport.Kestrel)]
    public void Restore_gives_exactly_the_rows_of_the_snapshot(EngineTransport transport)
    {
        using var h = new LocalEngineHarness(transport);
        h.CreateSmallCollection("c");
        Ok(h.Client.CreatePartition(new CreatePartitionRequest { CollectionName = "c", PartitionName = "p1" }));
        h.InsertRows("c", 1, 2, 3);
        Ok(h.Insert("c", Longs("id", 4), FloatVectors("v", 2, [[4, 0]]), Strings("s", "s4")).Status);
        Ok(h.Client.Insert(new InsertRequest
        {
            CollectionName = "c", PartitionName = "p1", NumRows = 1,
            FieldsData = { Longs("id", 10), FloatVectors("v", 2, [[10, 0]]), Strings("s", "p10") },
        }).Status);
        h.DeleteRows("c", "id == 2");
        Ok(h.CreateSnapshot("c", "snap", "before the purge"));

        h.DeleteRows("c", "id in [1, 3]");
        h.InsertRows("c", 5);
        Ok(h.Client.Upsert(new UpsertRequest { CollectionName = "c", NumRows = 1, FieldsData = { Longs("id", 4), FloatVectors("v", 2, [[4, 4]]), Strings("s", "new4") } }).Status);
        h.Compact("c");
        Assert.Equal(["4:new4", "5:s5", "10:p10"], h.Rows("c"));

        var restore = h.Restore("snap", "c", "r");
        Ok(restore.Status);
        var job = h.WaitForJob(restore.JobId);
        Assert.Equal(RestoreSnapshotState.RestoreSnapshotCompleted, job.State);
        Assert.Equal(100, job.Progress);
        Assert.Equal(("snap", "default", "r", ""), (job.SnapshotName, job.DbName, job.CollectionName, job.Reason));
        Assert.Equal(["1:s1", "3:s3", "4:s4", "10:p10"], h.Rows("r"));

        var described = h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "r" });
        var source = h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "c" });
        Assert.Equal(source.Schema.Fields.Select(f => (f.FieldID, f.Name, f.DataType)), described.Schema.Fields.Select(f => (f.FieldID, f.Name, f.DataType)));
        Assert.Equal(["_default", "p1"], h.Client.ShowPartitions(new ShowPartitionsRequest { CollectionName = "r" }).PartitionNames);
        Assert.Equal([10L], h.Client.Query(new QueryRequest { CollectionName = "r", Expr = "id >= 0", OutputFields = { "id" }, PartitionNames = { "p1" } })
            .FieldsData.Single().Scalars.LongData.Data);
        var index = h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "r", FieldName = "v" }).IndexDescriptions.Single();
        Assert.Equal(("v_idx", "v"), (index.IndexName, index.FieldName));
        Assert.Equal("L2", index.Params.Single(p => p.Key == "metric_type").Value);

        var info = h.Client.DescribeSnapshot(new DescribeSnapshotRequest { Name = "snap", CollectionName = "c" });
        Ok(info.Status);
        Assert.Equal(("snap", "before the purge", "c", ""), (info.Name, info.Description, info.CollectionName, info.S3Location));
        Assert.Equal(["_default", "p1"], info.PartitionNames);
        Assert.InRange(info.CreateTs, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Names_are_unique_per_collection_not_globally()
    {
        using var h = new LocalEngineHarness();
        h.CreateSmallCollection("c1");
        h.CreateSmallCollection("c2");
        h.InsertRows("c1", 1);
        h.InsertRows("c2", 2);
        Ok(h.CreateSnapshot("c1", "s"));
        Fails(h.CreateSnapshot("c1", "s"), 65535, "snapshot already exists[snapshot=s][collection=c1]");
        Ok(h.CreateSnapshot("c2", "s"));
        Ok(h.CreateSnapshot("c1", "t"));
        Assert.Equal(["s", "t"], h.Client.ListSnapshots(new ListSnapshotsRequest { CollectionName = "c1" }).Snapshots);
        Assert.Equal(["s"], h.Client.ListSnapshots(new ListSnapshotsRequest { CollectionName = "c2" }).Snapshots);
        Assert.Equal(["s", "s", "t"], h.Client.ListSnapshots(new ListSnapshotsRequest()).Snapshots);
        Fails(h.Client.DescribeSnapshot(new DescribeSnapshotRequest { Name = "s" }).Status, 1100,
            "snapshot name s matches 2 snapshots of different collections, please specify the collection name: invalid parameter");
        Assert.Equal("c1", h.Client.DescribeSnapshot(new DescribeSnapshotRequest { Name = "t" }).CollectionName);

        Ok(h.Client.CreateAlias(new CreateAliasRequest { CollectionName = "c2", Alias = "a2" }));
        Ok(h.Client.DropSnapshot(new DropSnapshotRequest { Name = "s", CollectionName = "a2" }));
        Assert.Equal(["s", "t"], h.Client.ListSnapshots(new ListSnapshotsRequest()).Snapshots);
        var job = h.Restore("s", "", "r").JobId;
        Assert.Equal(RestoreSnapshotState.RestoreSnapshotCompleted, h.WaitForJob(job).State);
        Assert.Equal(["1:s1"], h.Rows("r"));
    }

    [Fact]
    public void Errors_match_milvus()
    {
        using var h = new LocalEngineHarness();
        h.CreateSmallCollection("c");
        h.CreateSmallCollection("existing");
        Fails(h.CreateSnapshot("c", " "), 1100, "snapshot name should be not empty: invalid parameter");
        Fails(h.CreateSnapshot("c", "1x"), 1100, "Invalid snapshot name: 1x. the first character of a snapshot name must be an underscore or letter: invalid parameter");
        Fails(h.CreateSnapshot("missing", "s"), 100, "collection not found[database=default][collection=missing]");
        Fails(h.CreateSnapshot("c", "s", protectSeconds: -1), 1100, "compaction_protection_seconds must be a non-negative integer: invalid parameter");
        Fails(h.Client.DescribeSnapshot(new DescribeSnapshotRequest { Name = "nope", CollectionName = "c" }).Status, 65535, "snapshot not found[snapshot=nope]");
        Fails(h.Client.DropSnapshot(new DropSnapshotRequest { Name = " ", CollectionName = "c" }), 1100, "snapshot name should be not empty: invalid parameter");
        Ok(h.Client.DropSnapshot(new DropSnapshotRequest { Name = "nope", CollectionName = "c" }));
        Fails(h.Restore("nope", "c", "r").Status, 65535, "snapshot not found[snapshot=nope]");
        Ok(h.CreateSnapshot("c", "s"));
        Fails(h.Restore("s", "c", "existing").Status, 65535, "duplicate collection: collection existing already exists in database default");
        Fails(h.Restore("s", "c", "r", targetDb: "nodb").Status, 800, "database not found[database=nodb]");
        Assert.Equal(["c", "existing"], h.Client.ShowCollections(new ShowCollectionsRequest()).CollectionNames.Order());
        Fails(h.Client.GetRestoreSnapshotState(new GetRestoreSnapshotStateRequest { JobId = 999999999 }).Status, 65535, "restore snapshot job not found[jobID=999999999]");
        Fails(h.Client.UnpinSnapshotData(new UnpinSnapshotDataRequest { PinId = 42 }), 65535, "snapshot pin not found[pinID=42]");
        Fails(h.Client.PinSnapshotData(new PinSnapshotDataRequest { Name = "s", CollectionName = "c", TtlSeconds = -1 }).Status, 1100,
            "ttl_seconds must be a non-negative integer: invalid parameter");
        Fails(h.Client.ExportSnapshot(new ExportSnapshotRequest { Name = "s", CollectionName = "c" }).Status, 3000,
            "unsupported operation[ExportSnapshot]: not supported by the Milvus local engine");
        Assert.Empty(h.Client.ListRestoreSnapshotJobs(new ListRestoreSnapshotJobsRequest()).Jobs);
    }

    [Fact]
    public async Task A_restore_job_moves_from_pending_through_executing_to_completed()
    {
        using var h = new LocalEngineHarness();
        h.CreateSmallCollection("c");
        h.InsertRows("c", 1, 2);
        h.InsertRows("c", 3);
        Ok(h.CreateSnapshot("c", "s"));
        var seen = new List<(RestoreSnapshotState State, int Progress)>();
        var release = new TaskCompletionSource();
        var paused = new TaskCompletionSource();
        h.Engine.Service.Restorer.BeforeStep = async job =>
        {
            seen.Add((job.State, job.Progress));
            if (job.CopiedSegments == 1 && !release.Task.IsCompleted)
            {
                paused.TrySetResult();
                await release.Task;
            }
        };
        var jobId = h.Restore("s", "c", "r").JobId;
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var state = h.Client.GetRestoreSnapshotState(new GetRestoreSnapshotStateRequest { JobId = jobId }).Info;
        Assert.Equal((RestoreSnapshotState.RestoreSnapshotExecuting, 50), (state.State, state.Progress));
        Fails(h.Client.DropSnapshot(new DropSnapshotRequest { Name = "s", CollectionName = "c" }), 5,
            "snapshot s is restoring by 1 restore job(s), drop it after they finish: service internal error");
        Assert.Equal(["r"], h.Client.ListRestoreSnapshotJobs(new ListRestoreSnapshotJobsRequest { CollectionName = "r" }).Jobs.Select(j => j.CollectionName));
        release.SetResult();
        Assert.Equal(RestoreSnapshotState.RestoreSnapshotCompleted, h.WaitForJob(jobId).State);
        Assert.Equal([(RestoreSnapshotState.RestoreSnapshotPending, 0), (RestoreSnapshotState.RestoreSnapshotExecuting, 0),
            (RestoreSnapshotState.RestoreSnapshotExecuting, 50)], seen);
        Assert.Equal(["1:s1", "2:s2", "3:s3"], h.Rows("r"));
        Ok(h.Client.DropSnapshot(new DropSnapshotRequest { Name = "s", CollectionName = "c" }));
    }

    [Fact]
    public async Task Dropping_the_target_during_the_restore_fails_the_job_with_a_reason()
    {
        using var h = new LocalEngineHarness();
        h.CreateSmallCollection("c");
        h.InsertRows("c", 1);
        Ok(h.CreateSnapshot("c", "s"));
        var release = new TaskCompletionSource();
        var paused = new TaskCompletionSource();
        h.Engine.Service.Restorer.BeforeStep = async job =>
        {
            if (job.State != RestoreSnapshotState.RestoreSnapshotPending) return;
            paused.TrySetResult();
            await release.Task;
        };
        var jobId = h.Restore("s", "c", "r").JobId;
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RestoreSnapshotState.RestoreSnapshotPending, h.Client.GetRestoreSnapshotState(new GetRestoreSnapshotStateRequest { JobId = jobId }).Info.State);
        Ok(h.Client.DropCollection(new DropCollectionRequest { CollectionName = "r" }));
        release.SetResult();
        var job = h.WaitForJob(jobId);
        Assert.Equal((RestoreSnapshotState.RestoreSnapshotFailed, "the target collection r was dropped during the restore"), (job.State, job.Reason));
        Assert.Equal(["c"], h.Client.ShowCollections(new ShowCollectionsRequest()).CollectionNames);
    }

    [Fact]
    public void Pins_and_the_protection_window_keep_compaction_away_until_they_end()
    {
        using var h = new LocalEngineHarness();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        GetCatalog(h).NowMs = () => now;
        h.CreateSmallCollection("c");
        h.InsertRows("c", 1, 2);
        h.InsertRows("c", 3);
        var original = h.SegmentIds("c");
        Assert.Equal(2, original.Length);

        Ok(h.CreateSnapshot("c", "guarded", protectSeconds: 60));
        h.DeleteRows("c", "id == 1");
        h.Compact("c");
        Assert.Equal(original, h.SegmentIds("c"));
        now += 61_000;

        Ok(h.CreateSnapshot("c", "pinned"));
        var pin = h.Client.PinSnapshotData(new PinSnapshotDataRequest { Name = "pinned", CollectionName = "c", TtlSeconds = 30 });
        Ok(pin.Status);
        Assert.True(pin.PinId > 0);
        h.Compact("c");
        Assert.Equal(original, h.SegmentIds("c"));
        Ok(h.Client.DropSnapshot(new DropSnapshotRequest { Name = "pinned", CollectionName = "c" }));
        Assert.Equal(["guarded"], h.Client.ListSnapshots(new ListSnapshotsRequest { CollectionName = "c" }).Snapshots);
        h.Compact("c");
        Assert.Equal(original, h.SegmentIds("c"));
        now += 31_000;
        h.Compact("c");
        var compacted = h.SegmentIds("c");
        Assert.Single(compacted);
        Assert.DoesNotContain(compacted[0], original);
        Assert.Equal(["2:s2", "3:s3"], h.Rows("c"));

        var second = h.Client.PinSnapshotData(new PinSnapshotDataRequest { Name = "guarded", CollectionName = "c" }).PinId;
        Ok(h.Client.UnpinSnapshotData(new UnpinSnapshotDataRequest { PinId = second }));
        Fails(h.Client.UnpinSnapshotData(new UnpinSnapshotDataRequest { PinId = second }), 65535, $"snapshot pin not found[pinID={second}]");
        var job = h.Restore("guarded", "c", "r").JobId;
        Assert.Equal(RestoreSnapshotState.RestoreSnapshotCompleted, h.WaitForJob(job).State);
        Assert.Equal(["1:s1", "2:s2", "3:s3"], h.Rows("r"));
    }

    [Fact]
    public void Snapshots_survive_reopen_and_dropping_their_collection()
    {
        using var h = new LocalEngineHarness();
        h.CreateSmallCollection("c");
        h.InsertRows("c", 1, 2, 3);
        Ok(h.CreateSnapshot("c", "s", "kept"));
        h.Reopen();
        Assert.Equal(["s"], h.Client.ListSnapshots(new ListSnapshotsRequest { CollectionName = "c" }).Snapshots);
        Ok(h.Client.DropCollection(new DropCollectionRequest { CollectionName = "c" }));
        h.Reopen();
        Assert.Equal(["s"], h.Client.ListSnapshots(new ListSnapshotsRequest()).Snapshots);
        Fails(h.Client.ListSnapshots(new ListSnapshotsRequest { CollectionName = "c" }).Status, 100, "collection not found[database=default][collection=c]");
        Assert.Equal("kept", h.Client.DescribeSnapshot(new DescribeSnapshotRequest { Name = "s" }).Description);
        Ok(h.Client.CreateDatabase(new CreateDatabaseRequest { DbName = "other" }));
        var job = h.Restore("s", "", "r", targetDb: "other").JobId;
        var info = h.WaitForJob(job);
        Assert.Equal((RestoreSnapshotState.RestoreSnapshotCompleted, "other"), (info.State, info.DbName));
        Assert.Equal(["1:s1", "2:s2", "3:s3"], h.Rows("r", "other"));
        Assert.Single(h.Client.ListRestoreSnapshotJobs(new ListRestoreSnapshotJobsRequest { DbName = "other" }).Jobs);
        h.Reopen();
        Assert.Equal(RestoreSnapshotState.RestoreSnapshotCompleted, h.Client.GetRestoreSnapshotState(new GetRestoreSnapshotStateRequest { JobId = job }).Info.State);
        Ok(h.Client.DropSnapshot(new DropSnapshotRequest { Name = "s" }));
        Assert.Equal(0L, SegmentRowsDetached(h.Path));
    }

    [Fact]
    public void A_database_file_from_before_snapshots_gets_the_tables_on_open()
    {
        using var h = new LocalEngineHarness();
        h.CreateSmallCollection("c");
        h.InsertRows("c", 1);
        h.Engine.Dispose();
        using (var raw = new SqliteConnection($"Data Source={h.Path};Pooling=False"))
        {
            raw.Open();
            using var drop = raw.CreateCommand();
            drop.CommandText = """
                DROP TABLE snapshots; DROP TABLE snapshot_segments; DROP TABLE snapshot_deletes; DROP TABLE snapshot_pins; DROP TABLE restore_jobs;
                DELETE FROM meta WHERE key = 'snapshot_schema_version';
                """;
            drop.ExecuteNonQuery();
        }
        h.Reopen();
        Assert.Equal(["1:s1"], h.Rows("c"));
        Ok(h.CreateSnapshot("c", "s"));
        Assert.Equal(["s"], h.Client.ListSnapshots(new ListSnapshotsRequest { CollectionName = "c" }).Snapshots);
    }

    private static Milvus.Local.Snapshots.SnapshotCatalog GetCatalog(LocalEngineHarness h)
        => ((global::Milvus.Local.Engine.EngineCore)typeof(MilvusLocalEngine).GetField("_core", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(h.Engine)!).Snapshots;

    /// <summary>Segments kept for snapshots after their collection let them go.</summary>
    private static long SegmentRowsDetached(string path)
    {
        using var raw = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM segments WHERE collection_id = 0";
        return (long)cmd.ExecuteScalar()!;
    }
}
