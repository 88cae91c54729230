using Grpc.Core;
using Milvus.Client.Tests.Support;
using Milvus.Local.Server;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using static Milvus.Client.Tests.Support.Rows;

namespace Milvus.Client.Tests.Local;

/// <summary>pymilvus 3.0 snapshot methods against the local engine (both transports) and against a Milvus 2.6 server.</summary>
public class SnapshotTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Snapshot_delete_restore_gives_the_snapshot_rows(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.InsertAsync("books", Books(5));
        await client.FlushAsync("books");
        await client.CreateSnapshotAsync("nightly", "books", description: "before cleanup");

        await client.DeleteAsync("books", filter: "id in [1, 3]");
        await client.InsertAsync("books", [Row(("id", 9L), ("vector", new float[] { 9, 0, 0, 1 }), ("title", "t9"), ("tag", "odd"))]);

        Assert.Equal(["nightly"], await client.ListSnapshotsAsync("books"));
        var info = await client.DescribeSnapshotAsync("nightly", "books");
        Assert.Equal(("nightly", "before cleanup", "books", ""), (info.Name, info.Description, info.CollectionName, info.S3Location));
        Assert.Equal(["_default"], info.PartitionNames);
        Assert.InRange(info.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);

        var pin = await client.PinSnapshotDataAsync("nightly", "books", ttlSeconds: 600);
        Assert.True(pin > 0);
        var jobId = await client.RestoreSnapshotAsync("nightly", "books", "books_restored");
        var job = await WaitAsync(client, jobId);
        Assert.Equal(new RestoreSnapshotJobInfo(jobId, "nightly", "default", "books_restored", SnapshotRestoreState.Completed, 100, "", job.StartTime, job.TimeCost), job);
        Assert.True(job.IsFinished);
        await client.UnpinSnapshotDataAsync(pin);

        await client.LoadCollectionAsync("books_restored");
        var restored = await client.QueryAsync("books_restored", "id >= 0", outputFields: ["id", "title"]);
        Assert.Equal(["0:t0", "1:t1", "2:t2", "3:t3", "4:t4"], restored.Select(r => $"{r["id"]}:{r["title"]}").Order());
        var source = await client.QueryAsync("books", "id >= 0", outputFields: ["id"]);
        Assert.Equal([0L, 2L, 4L, 9L], source.Select(r => (long)r["id"]!).Order());

        var jobs = await client.ListRestoreSnapshotJobsAsync("books_restored");
        Assert.Equal([jobId], jobs.Select(j => j.JobId));
        await client.DropSnapshotAsync("nightly", "books");
        Assert.Empty(await client.ListSnapshotsAsync("books"));
        await client.DropSnapshotAsync("nightly", "books");
    }

    [Fact]
    public async Task Server_errors_and_client_validation_are_typed()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.CreateSnapshotAsync("s", "books");

        var duplicate = await Assert.ThrowsAsync<MilvusException>(() => client.CreateSnapshotAsync("s", "books"));
        Assert.Equal((65535, "snapshot already exists[snapshot=s][collection=books]", "CreateSnapshot"), (duplicate.Code, duplicate.Message, duplicate.RpcName));
        var missing = await Assert.ThrowsAsync<MilvusException>(() => client.DescribeSnapshotAsync("nope", "books"));
        Assert.Equal((65535, "snapshot not found[snapshot=nope]"), (missing.Code, missing.Message));
        var noCollection = await Assert.ThrowsAsync<MilvusException>(() => client.CreateSnapshotAsync("s", "ghost"));
        Assert.Equal((100, "collection not found[database=default][collection=ghost]"), (noCollection.Code, noCollection.Message));
        await client.CreateCollectionAsync("taken", dimension: 4);
        var taken = await Assert.ThrowsAsync<MilvusException>(() => client.RestoreSnapshotAsync("s", "books", "taken"));
        Assert.Equal((65535, "duplicate collection: collection taken already exists in database default"), (taken.Code, taken.Message));

        var empty = Assert.Throws<ParamError>(() => { _ = client.CreateSnapshotAsync("", "books"); });
        Assert.Equal("snapshot_name must be a non-empty string", empty.Message);
        Assert.Equal("collection_name must be a non-empty string", Assert.Throws<ParamError>(() => { _ = client.DropSnapshotAsync("s", ""); }).Message);
        Assert.Equal("target_collection_name must be a non-empty string",
            Assert.Throws<ParamError>(() => { _ = client.RestoreSnapshotAsync("s", "books", ""); }).Message);
        Assert.Equal("ttl_seconds must be a non-negative integer", Assert.Throws<ParamError>(() => { _ = client.PinSnapshotDataAsync("s", "books", ttlSeconds: -1); }).Message);
        Assert.Equal("compaction_protection_seconds must be a non-negative integer",
            Assert.Throws<ParamError>(() => { _ = client.CreateSnapshotAsync("s", "books", compactionProtectionSeconds: -1); }).Message);
        Assert.Equal("job_id must be a positive integer", Assert.Throws<ParamError>(() => { _ = client.GetRestoreSnapshotStateAsync(0); }).Message);
        Assert.Equal("pin_id must be a positive integer", Assert.Throws<ParamError>(() => { _ = client.UnpinSnapshotDataAsync(-3); }).Message);
    }

    [Fact]
    public async Task A_milvus_2_6_server_gets_server_too_old_errors_naming_the_call_and_version()
    {
        await using var host = await LocalServerHost.StartAsync(new Milvus26Service(), new LocalServerOptions { Port = 0 });
        await using var client = new AsyncMilvusClient(host.Address);
        var e = await Assert.ThrowsAsync<ServerVersionIncompatibleException>(() => client.CreateSnapshotAsync("s", "books"));
        Assert.Equal("create_snapshot needs Milvus 3.0 or later: the server (version v2.6.17) does not implement CreateSnapshot", e.Message);
        Assert.Equal("CreateSnapshot", e.RpcName);
        var list = await Assert.ThrowsAsync<ServerVersionIncompatibleException>(() => client.ListRestoreSnapshotJobsAsync());
        Assert.Equal("list_restore_snapshot_jobs needs Milvus 3.0 or later: the server (version v2.6.17) does not implement ListRestoreSnapshotJobs", list.Message);
        var unpin = await Assert.ThrowsAsync<ServerVersionIncompatibleException>(() => client.UnpinSnapshotDataAsync(7));
        Assert.Equal("unpin_snapshot_data needs Milvus 3.0 or later: the server (version v2.6.17) does not implement UnpinSnapshotData", unpin.Message);
    }

    private static async Task<RestoreSnapshotJobInfo> WaitAsync(AsyncMilvusClient client, long jobId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var job = await client.GetRestoreSnapshotStateAsync(jobId, cancellationToken: cts.Token);
            if (job.IsFinished) return job;
            await Task.Delay(10, cts.Token);
        }
    }

    /// <summary>A Milvus 2.6 server as far as snapshots go: it connects, and has no snapshot RPCs (UNIMPLEMENTED).</summary>
    private sealed class Milvus26Service : MilvusService.MilvusServiceBase
    {
        public override Task<ConnectResponse> Connect(ConnectRequest request, ServerCallContext context)
            => Task.FromResult(new ConnectResponse { Status = new Milvus.Protocol.Common.Status(), Identifier = 1, ServerInfo = new ServerInfo { BuildTags = "v2.6.17" } });
    }
}
