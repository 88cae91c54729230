using Milvus.Client.Tests.Support;

namespace Milvus.Client.Tests.Local;

/// <summary>Flush, compaction, segments, replicas and schema evolution against the local engine.</summary>
public class MaintenanceTests
{
    [Fact]
    public async Task Flush_compact_and_segments()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.InsertAsync("books", Rows.Books(3));
        await client.FlushAsync("books");
        await client.InsertAsync("books", Rows.Books(6).Skip(3).ToList());
        await client.FlushAllAsync();

        var persisted = await client.ListPersistentSegmentsAsync("books");
        Assert.Equal(6, persisted.Sum(s => s.NumRows));
        Assert.All(persisted, s => Assert.Equal("books", s.CollectionName));
        var loaded = await client.ListLoadedSegmentsAsync("books");
        Assert.Equal(6, loaded.Sum(s => s.NumRows));

        var job = await client.CompactAsync("books");
        var state = await client.GetCompactionStateAsync(job);
        Assert.Contains(state, new[] { CompactionState.Executing, CompactionState.Completed });
        var plans = await client.GetCompactionPlansAsync(job);
        Assert.Contains(plans.State, new[] { CompactionState.Executing, CompactionState.Completed });

        var replicas = await client.DescribeReplicaAsync("books");
        Assert.NotEmpty(replicas);
        var collectionId = (await client.DescribeCollectionAsync("books")).CollectionId;
        Assert.All(replicas, r => Assert.Equal(collectionId, r.CollectionId));

        Assert.Equal(6, (await client.QueryAsync("books", "id >= 0")).Count);
    }

    [Fact]
    public async Task Optimize_and_refresh_load()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.InsertAsync("books", Rows.Books(4));
        var result = await client.OptimizeAsync("books");
        Assert.Equal("success", result.Status);
        Assert.Equal("books", result.CollectionName);
        Assert.Equal(LoadState.Loaded, (await client.GetLoadStateAsync("books")).State);
        Assert.InRange(await client.RefreshLoadAsync("books"), 0, 100);
        Assert.Equal(4, (await client.QueryAsync("books", "id >= 0")).Count);
    }

    [Fact]
    public async Task Add_and_alter_fields()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.InsertAsync("books", Rows.Books(2));
        await client.AddCollectionFieldAsync("books", "year", DataType.Int64, nullable: true);
        var d = await client.DescribeCollectionAsync("books");
        Assert.True(d.Fields.Single(f => f.Name == "year").Nullable);
        await client.InsertAsync("books", new[] { Rows.Row(("id", 9L), ("vector", new float[] { 0, 0, 1, 0 }), ("year", 2024L)) });
        var rows = (await client.QueryAsync("books", "id in [0, 9]", outputFields: new[] { "id", "year" })).OrderBy(r => (long)r["id"]!).ToList();
        Assert.Null(rows[0]["year"]);
        Assert.Equal(2024L, rows[1]["year"]);

        var e = await Assert.ThrowsAsync<ParamError>(() => client.AddCollectionFieldAsync("books", "v2", DataType.FloatVector, dim: 2));
        Assert.Equal("Adding vector field v2 to existing collection requires nullable=True", e.Message);
    }
}
