using Milvus.Client.Tests.Support;

namespace Milvus.Client.Tests.Local;

/// <summary>
/// load_collection, load_partitions and create_index report the progress of their wait through IProgress (the options'
/// Progress), so callers such as the cmdlets show it without polling the server a second time.
/// </summary>
public class ProgressReportTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Create_index_reports_the_build_until_finished(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", schema: AsyncMilvusClient.CreateSchema(enableDynamicField: true)
            .AddField("id", DataType.Int64, isPrimary: true)
            .AddField("vector", DataType.FloatVector, dim: 4));
        await client.InsertAsync("books", Rows.Books(3000));
        await client.FlushAsync("books");

        var reports = new List<IndexDescription>();
        var options = new CreateIndexOptions { Progress = new Recorder<IndexDescription>(reports) };
        await client.CreateIndexAsync("books", AsyncMilvusClient.PrepareIndexParams("vector", "HNSW", "vec_idx", "L2"), options);

        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal(("vec_idx", "vector"), (r.IndexName, r.FieldName)));
        IndexDescription last = reports[^1];
        Assert.Equal(IndexState.Finished, last.State);
        Assert.Equal((3000L, 3000L, 0L), (last.IndexedRows, last.TotalRows, last.PendingIndexRows));
    }

    [Fact]
    public async Task Create_index_without_wait_reports_nothing()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", schema: AsyncMilvusClient.CreateSchema(enableDynamicField: true)
            .AddField("id", DataType.Int64, isPrimary: true)
            .AddField("vector", DataType.FloatVector, dim: 4));
        var reports = new List<IndexDescription>();
        await client.CreateIndexAsync("books", AsyncMilvusClient.PrepareIndexParams("vector", "FLAT", "", "L2"),
            new CreateIndexOptions { NoWait = true, Progress = new Recorder<IndexDescription>(reports) });
        Assert.Empty(reports);
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Load_reports_progress_up_to_100(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.InsertAsync("books", Rows.Books(50));
        await client.CreatePartitionAsync("books", "recent");
        await client.ReleaseCollectionAsync("books");

        var collection = new List<LoadStateInfo>();
        await client.LoadCollectionAsync("books", new LoadOptions { Progress = new Recorder<LoadStateInfo>(collection) });
        Assert.Equal(new LoadStateInfo(LoadState.Loaded, 100), collection[^1]);
        Assert.All(collection, r => Assert.InRange(r.Progress!.Value, 0, 100));

        await client.ReleaseCollectionAsync("books");
        var partitions = new List<LoadStateInfo>();
        await client.LoadPartitionsAsync("books", ["recent"], new LoadOptions { Progress = new Recorder<LoadStateInfo>(partitions) });
        Assert.Equal(new LoadStateInfo(LoadState.Loaded, 100), partitions[^1]);

        var skipped = new List<LoadStateInfo>();
        await client.LoadCollectionAsync("books", new LoadOptions { NoWait = true, Progress = new Recorder<LoadStateInfo>(skipped) });
        Assert.Empty(skipped);
    }

    /// <summary>Records every report synchronously (System.Progress would post them to the thread pool).</summary>
    private sealed class Recorder<T>(List<T> reports) : IProgress<T>
    {
        public void Report(T value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
