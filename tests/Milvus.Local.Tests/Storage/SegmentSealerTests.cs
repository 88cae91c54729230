using Milvus.Local.Engine;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Storage;

/// <summary>
/// Sealing runs in the background (<see cref="SegmentSealer"/>): inserts only commit their rows, the sealer merges a
/// partition's growing segments later, and reads stay exact before, during and after a merge, also across a reopen.
/// </summary>
public abstract class SegmentSealerTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private SegmentSealer Sealer => _h.Engine.Core.Sealer;

    private void CreateLoaded()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 4)));
        _h.IndexAndLoad("c", "v", "L2");
    }

    private void InsertOne(long id) => Ok(_h.Insert("c", Longs("id", id), FloatVectors("v", 4, [[id, 1, 0, 0]])).Status);

    private long CollectionId() => _h.Engine.Core.Collection("default", "c").Id;

    /// <summary>(row count, sealed) of every stored segment, in id order.</summary>
    private List<(int Rows, bool Sealed)> Segments()
    {
        // Under the engine lock: background workers share the connection.
        lock (_h.Engine.Core.Gate) return _h.Engine.Core.Segments.ListSegments(CollectionId()).Select(s => (s.RowCount, s.Sealed)).ToList();
    }

    private List<long> Ids() => _h.Query("c", "id >= 0", ["id"]).FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data.Order().ToList();

    private List<long> Nearest(int limit) => _h.Search("c", FloatPlaceholder([0, 1, 0, 0]), limit).Results.Ids.IntId.Data.ToList();

    [Fact]
    public void An_insert_that_makes_a_partition_due_returns_before_the_merge_which_then_runs_in_the_background()
    {
        CreateLoaded();
        Sealer.Paused = true;
        for (var id = 0; id < SegmentSizing.ChunksPerCombine; id++) InsertOne(id);

        // Every insert was acknowledged with its rows readable, yet nothing was merged on the write path.
        Assert.Equal(Enumerable.Repeat((1, false), 16), Segments());
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i), Ids());
        Assert.Equal(0, Sealer.Merges);

        Sealer.Paused = false;
        _h.WaitForSeals();
        // 16 one-row chunks combined into one chunk of the partition's growing segment (not sealed: it is far from full).
        Assert.Equal([(16, false)], Segments());
        Assert.Equal(1, Sealer.Merges);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i), Ids());
        Assert.Equal([0L, 1, 2], Nearest(3));
        _h.Reopen();
        Assert.Equal([(16, false)], Segments());
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i), Ids());
    }

    [Fact]
    public void Deletes_upserts_and_inserts_made_while_a_merge_runs_are_kept_exactly()
    {
        CreateLoaded();
        for (var id = 0; id < SegmentSizing.ChunksPerCombine - 1; id++) InsertOne(id);
        var duringMerge = 0;
        Sealer.AfterConcatenate = () =>
        {
            // The merge has read its 16 inputs and is about to commit: change some of those rows meanwhile.
            Sealer.AfterConcatenate = null;
            duringMerge++;
            Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = "id in [0, 1, 7]" }).Status);
            Ok(_h.Client.Upsert(new UpsertRequest { CollectionName = "c", NumRows = 1, FieldsData = { Longs("id", 2), FloatVectors("v", 4, [[50, 1, 0, 0]]) } }).Status);
            InsertOne(100);
        };
        InsertOne(15);
        _h.WaitForSeals();

        Assert.Equal(1, duringMerge);
        // The upsert's and the insert's growing segments were written before the merge committed (ids in time order).
        Assert.Equal([(1, false), (1, false), (16, false)], Segments());
        var expected = Enumerable.Range(2, 14).Where(i => i != 7).Select(i => (long)i).Append(100).ToList();
        Assert.Equal(expected, Ids());
        Assert.Equal([3L, 4, 5, 6, 8], Nearest(5));
        Assert.Equal([50f, 1, 0, 0], _h.Query("c", "id == 2", ["v"]).FieldsData.Single(f => f.FieldName == "v").Vectors.FloatVector.Data);
        _h.Reopen();
        Assert.Equal(expected, Ids());
        Assert.Equal([3L, 4, 5, 6, 8], Nearest(5));
    }

    [Fact]
    public void A_merge_whose_inputs_were_flushed_meanwhile_is_abandoned_without_doubling_rows()
    {
        CreateLoaded();
        for (var id = 0; id < SegmentSizing.ChunksPerCombine - 1; id++) InsertOne(id);
        Sealer.AfterConcatenate = () =>
        {
            Sealer.AfterConcatenate = null;
            Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        };
        InsertOne(15);
        _h.WaitForSeals();

        Assert.Equal([(16, true)], Segments());
        Assert.Equal(0, Sealer.Merges);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i), Ids());
    }

    [Fact]
    public void Growing_chunks_left_due_by_a_previous_process_are_combined_after_the_reopen()
    {
        CreateLoaded();
        Sealer.Paused = true;
        for (var id = 0; id < SegmentSizing.ChunksPerCombine; id++) InsertOne(id);
        _h.Reopen();
        _h.WaitForSeals();

        Assert.Equal([(16, false)], Segments());
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i), Ids());
    }
}

public sealed class SegmentSealerTestsInProcess() : SegmentSealerTests(EngineTransport.InProcess);

public sealed class SegmentSealerTestsKestrel() : SegmentSealerTests(EngineTransport.Kestrel);
