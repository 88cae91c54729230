using Milvus.Benchmarks.Data;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Local.Tests.Engine;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// The index lifecycle as a client sees it, with the index worker held so each state can be read: DescribeIndex,
/// GetIndexBuildProgress and GetIndexState report the sealed rows still waiting (never Finished early), searches answer
/// meanwhile (exactly, from the scan), and the counts reach every row once the worker runs: after the first build, after
/// rows inserted and flushed later, and after a compaction, whose merged segment gets its index rebuilt. IVF_FLAT with
/// nprobe 1 of 16 shows which path answered: its lists miss rows an exact scan finds.
/// </summary>
public abstract class IndexProgressTests(EngineTransport transport) : IndexedCollectionTests(transport, Dim)
{
    private const int Dim = 24;
    private const string OneList = "{\"nprobe\": 1}";
    private const string EveryList = "{\"nprobe\": 16}";

    private void AssertProgress(IndexState state, long indexed, long total)
    {
        var description = Describe();
        Assert.Equal((state, indexed, total, total - indexed), (description.State, description.IndexedRows, description.TotalRows, description.PendingIndexRows));
        var progress = _h.Client.GetIndexBuildProgress(new GetIndexBuildProgressRequest { CollectionName = "c" });
        Assert.Equal((indexed, total), (progress.IndexedRows, progress.TotalRows));
        Assert.Equal(state, _h.Client.GetIndexState(new GetIndexStateRequest { CollectionName = "c" }).State);
    }

    /// <summary>Recall@10 of a search over <paramref name="rows"/> (row number = id) against their exact top 10.</summary>
    private double Recall(float[][] rows, string search, Func<int, bool>? live = null)
        => ClusteredVectors.Recall(ClusteredVectors.GroundTruth(rows, Queries, 10, "L2", live), Search("", ("params", search)).Ids);

    [Fact]
    public void Progress_counts_the_rows_built_and_searches_answer_while_the_worker_is_held()
    {
        CreateUnindexed();
        _h.Engine.Core.Sealer.Paused = true; // no combine reshapes the segments while their counts are read
        _h.Engine.Core.Indexes.Paused = true;
        Ok(CreateIndex("IVF_FLAT", "L2", "{\"nlist\": 16}"));
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }));
        AssertProgress(IndexState.InProgress, 0, Rows);
        Assert.Equal(1.0, Recall(Data, OneList)); // no index yet: the segment is scanned, whatever nprobe says

        _h.Engine.Core.Indexes.Paused = false;
        Assert.Equal(IndexState.Finished, WaitForIndex().State);
        AssertProgress(IndexState.Finished, Rows, Rows);
        Assert.InRange(Recall(Data, OneList), 0.3, 0.95); // the lists now: one of 16 misses rows
        Assert.Equal(1.0, Recall(Data, EveryList));

        // Rows inserted after the build: a second sealed segment waits for its own index, the first stays built.
        _h.Engine.Core.Indexes.Paused = true;
        var more = ClusteredVectors.Generate(Rows, Dim, 30, seed: 13);
        var ids = Enumerable.Range(Rows, Rows).Select(i => (long)i).ToArray();
        Ok(_h.Insert("c", Longs("id", ids), Longs("tag", ids.Select(i => i % 1000).ToArray()), FloatVectors("v", Dim, more)).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        AssertProgress(IndexState.InProgress, Rows, 2 * Rows);
        var all = Data.Concat(more).ToArray();
        var found = Search("", ("params", EveryList)).Ids;
        Assert.Equal(1.0, ClusteredVectors.Recall(ClusteredVectors.GroundTruth(all, Queries, 10, "L2"), found));
        Assert.Contains(found, hits => hits.Any(id => id >= Rows)); // the new rows are found before their index exists

        _h.Engine.Core.Indexes.Paused = false;
        Assert.Equal(IndexState.Finished, WaitForIndex().State);
        AssertProgress(IndexState.Finished, 2 * Rows, 2 * Rows);
        _h.Engine.Core.Sealer.Paused = false;
    }

    [Fact]
    public void Growing_rows_count_once_a_flush_seals_them()
    {
        CreateBuilt("IVF_FLAT", "L2", "{\"nlist\": 16}");
        var ids = Enumerable.Range(Rows, 100).Select(i => (long)i).ToArray();
        Ok(_h.Insert("c", Longs("id", ids), Longs("tag", ids), FloatVectors("v", Dim, ClusteredVectors.Generate(100, Dim, 30, seed: 14))).Status);
        // Milvus's data coordinator counts flushed segments only: growing rows are neither indexed nor pending.
        AssertProgress(IndexState.Finished, Rows, Rows);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        Assert.Equal(IndexState.Finished, WaitForIndex().State);
        AssertProgress(IndexState.Finished, Rows + 100, Rows + 100); // a segment this small needs no index: counted as indexed
    }

    [Fact]
    public void A_compaction_drops_the_deleted_rows_and_the_merged_segment_gets_its_index_rebuilt()
    {
        CreateBuilt("IVF_FLAT", "L2", "{\"nlist\": 16}");
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = "id < 1000" }).Status);
        bool Live(int row) => row >= 1000;
        Assert.Equal(1.0, Recall(Data, EveryList, Live));

        _h.Engine.Core.Indexes.Paused = true;
        Ok(_h.Client.ManualCompaction(new ManualCompactionRequest { CollectionName = "c" }).Status);
        _h.WaitForSeals();
        // One merged segment of the 2,000 live rows, not indexed yet: reported so, and searched exactly meanwhile.
        AssertProgress(IndexState.InProgress, 0, Rows - 1000);
        Assert.Equal(1.0, Recall(Data, OneList, Live));

        _h.Engine.Core.Indexes.Paused = false;
        Assert.Equal(IndexState.Finished, WaitForIndex().State);
        AssertProgress(IndexState.Finished, Rows - 1000, Rows - 1000);
        var walked = Search("", ("params", OneList)).Ids;
        Assert.All(walked, hits => Assert.All(hits, id => Assert.True(Live(id), $"deleted row {id} came back")));
        Assert.InRange(ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, "L2", Live), walked), 0.3, 0.95);
        Assert.Equal(1.0, Recall(Data, EveryList, Live));
    }

    [Theory]
    [InlineData("IVF_FLAT", "{\"nlist\": 16}", OneList)]
    [InlineData("HNSW_PQ", "{\"M\": 8, \"efConstruction\": 40, \"m\": 12}", "{\"ef\": 16}")]
    [InlineData("AUTOINDEX", "{}", "{\"ef\": 12}")]
    public void A_reopened_database_serves_the_stored_index_at_once(string indexType, string parameters, string search)
    {
        CreateBuilt(indexType, "L2", parameters);
        var before = Search("", ("params", search));
        Assert.True(Recall(Data, search) < 1.0, "the search must walk the index, not scan");
        _h.Reopen();
        // Finished on the first call, with every row: the stored structure is attached, nothing is queued to build.
        AssertProgress(IndexState.Finished, Rows, Rows);
        var after = Search("", ("params", search));
        Assert.Equal(before.Ids, after.Ids);
        Assert.Equal(before.Scores, after.Scores);
    }
}

public sealed class InProcessIndexProgressTests() : IndexProgressTests(EngineTransport.InProcess);

public sealed class KestrelIndexProgressTests() : IndexProgressTests(EngineTransport.Kestrel);
