using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Storage;

/// <summary>
/// Opening a database loads the collections whose load state is Loaded in the background, as Milvus does after a
/// restart: the open returns at once, the collection reports Loading (with progress) until its segments and stored
/// index graphs are in memory, writes go on meanwhile, and a search or query waits for the load instead of failing.
/// </summary>
public abstract class BackgroundLoadTests(EngineTransport transport) : IDisposable
{
    private const int Rows = 3600;
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private static readonly LocalEngineOptions Held = new() { HoldBackgroundLoads = true };

    private static float[] VectorOf(long id) => [id, 1, 0, 0];

    /// <summary>"c": rows 0..3599 in one sealed segment with a built HNSW graph, rows 3600 and 3601 growing, row 5 deleted; loaded.</summary>
    private void Prepared()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 4)));
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "v",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "HNSW" }, new KeyValuePair { Key = "metric_type", Value = "L2" }, new KeyValuePair { Key = "params", Value = "{\"M\": 8, \"efConstruction\": 32}" } },
        }));
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }));
        for (var start = 0; start < Rows; start += 1200) Insert(Enumerable.Range(start, 1200).Select(i => (long)i).ToArray());
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        Insert(Rows, Rows + 1);
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = "id == 5" }).Status);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (_h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions[0].State != IndexState.Finished)
        {
            Assert.True(DateTime.UtcNow < deadline, "the index was not built");
            Thread.Sleep(20);
        }
    }

    private void Insert(params long[] ids) => Ok(_h.Insert("c", Longs("id", ids), FloatVectors("v", 4, ids.Select(VectorOf).ToArray())).Status);

    private LoadState State() => _h.Client.GetLoadState(new GetLoadStateRequest { CollectionName = "c" }).State;

    private long Progress() => _h.Client.GetLoadingProgress(new GetLoadingProgressRequest { CollectionName = "c" }).Progress;

    private long Count() => _h.Query("c", "", ["count(*)"]).FieldsData.Single().Scalars.LongData.Data.Single();

    [Fact]
    public void A_reopened_database_loads_in_the_background_reporting_Loading_while_writes_go_on_and_reads_wait()
    {
        Prepared();
        _h.Reopen(Held);

        Assert.Equal(LoadState.Loading, State());
        Assert.Equal(0, Progress());
        Assert.Equal([0L], _h.Client.ShowCollections(new ShowCollectionsRequest()).InMemoryPercentages);
        Insert(9000);
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = "id in [6, 3601]" }).Status);
        var search = Task.Run(() => _h.Search("c", FloatPlaceholder(VectorOf(0)), 5, filter: "id < 100"));
        Assert.False(search.Wait(300), "a search answered before the collection was loaded");

        _h.Engine.Core.Loader.Start();
        var found = search.GetAwaiter().GetResult();

        Ok(found.Status);
        Assert.Equal([0L, 1, 2, 3, 4], found.Results.Ids.IntId.Data);
        Assert.Equal(LoadState.Loaded, State());
        Assert.Equal(100, Progress());
        Assert.Equal(Rows + 2 - 3 + 1, Count());
        Assert.Equal([3L, 4, 7, 8, 9000], _h.Query("c", "id in [3, 4, 5, 6, 7, 8, 3601, 9000]", ["id"]).FieldsData.Single().Scalars.LongData.Data.Order());
        // The stored graph came with the load (attached before Loaded was reported), it was not rebuilt.
        var c = _h.Engine.Core.Collection("default", "c");
        var sealedSegment = _h.Engine.Core.LoadedData(c.Id)!.Snapshot.Single(v => v.Segment.IsSealed).Segment;
        Assert.NotNull(_h.Engine.Core.Indexes.Find(sealedSegment, c.Indexes.Single().Id));
        Assert.Equal([1800L], _h.Search("c", FloatPlaceholder(VectorOf(1800)), 1).Results.Ids.IntId.Data);
    }

    [Fact]
    public void Releasing_a_collection_while_it_loads_in_the_background_cancels_the_load()
    {
        Prepared();
        _h.Reopen(Held);
        Assert.Equal(LoadState.Loading, State());

        Ok(_h.Client.ReleaseCollection(new ReleaseCollectionRequest { CollectionName = "c" }));
        _h.Engine.Core.Loader.Start();

        Assert.Equal(LoadState.NotLoad, State());
        Fails(_h.Search("c", FloatPlaceholder(VectorOf(0)), 1).Status, 101, $"failed to search: collection not loaded[collection={_h.Engine.Core.Collection("default", "c").Id}]");
        Assert.Null(_h.Engine.Core.LoadedData(_h.Engine.Core.Collection("default", "c").Id));
    }

    [Fact]
    public void LoadCollection_during_a_background_load_loads_at_once()
    {
        Prepared();
        _h.Reopen(Held);

        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }));

        Assert.Equal(LoadState.Loaded, State());
        Assert.Equal(Rows + 2 - 1, Count());
        _h.Engine.Core.Loader.Start();
        Assert.Equal(Rows + 2 - 1, Count());
    }
}

public sealed class BackgroundLoadTestsInProcess() : BackgroundLoadTests(EngineTransport.InProcess);

public sealed class BackgroundLoadTestsKestrel() : BackgroundLoadTests(EngineTransport.Kestrel);
