using Milvus.Local.Engine;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Storage;

/// <summary>
/// Growing segments as Milvus reports them (<see cref="ReportedSegments"/>): one per partition (one shard), filled by
/// every insert until a flush or the seal size seals it (Milvus's streaming node assigns inserts to the partition's
/// growing segment and opens a new one only when it is sealed). The engine stores the inserts as chunks, combined in the
/// background, which GetPersistentSegmentInfo and GetQuerySegmentInfo report as that one segment.
/// </summary>
public abstract class GrowingSegmentTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private void CreateLoaded()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 4)));
        _h.IndexAndLoad("c", "v", "L2");
    }

    private void Insert(int first, int count, string partition = "")
    {
        var ids = Enumerable.Range(first, count).Select(i => (long)i).ToArray();
        var request = new InsertRequest
        {
            CollectionName = "c", PartitionName = partition, NumRows = (uint)count,
            FieldsData = { Longs("id", ids), FloatVectors("v", 4, ids.Select(i => new float[] { i, 1, 0, 0 }).ToArray()) },
        };
        Ok(_h.Client.Insert(request).Status);
    }

    private long CollectionId() => _h.Engine.Core.Collection("default", "c").Id;

    /// <summary>The stored segments and chunks (id, rows, sealed), in id order.</summary>
    private List<(long Id, int Rows, bool Sealed)> Stored()
    {
        lock (_h.Engine.Core.Gate) return _h.Engine.Core.Segments.ListSegments(CollectionId()).Select(s => (s.Id, s.RowCount, s.Sealed)).ToList();
    }

    private List<(long Id, long Partition, long Rows, SegmentState State)> Persistent()
        => _h.Client.GetPersistentSegmentInfo(new GetPersistentSegmentInfoRequest { CollectionName = "c" }).Infos
            .Select(i => (i.SegmentID, i.PartitionID, i.NumRows, i.State)).ToList();

    private List<(long Id, long Partition, long Rows, SegmentState State)> Query()
        => _h.Client.GetQuerySegmentInfo(new GetQuerySegmentInfoRequest { CollectionName = "c" }).Infos
            .Select(i => (i.SegmentID, i.PartitionID, i.NumRows, i.State)).ToList();

    private long PartitionId(string name) => _h.Engine.Core.Collection("default", "c").FindPartition(name)!.Id;

    private List<long> Ids() => _h.Query("c", "id >= 0", ["id"]).FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data.Order().ToList();

    [Fact]
    public void Ten_inserts_are_one_growing_segment_that_a_flush_seals()
    {
        CreateLoaded();
        for (var batch = 0; batch < 10; batch++) Insert(batch * 100, 100);
        _h.WaitForSeals();

        // Stored as ten chunks (under the 16 a combine takes), reported as one segment under the oldest chunk's id.
        var chunks = Stored();
        Assert.Equal(Enumerable.Repeat((100, false), 10), chunks.Select(s => (s.Rows, s.Sealed)));
        var partition = PartitionId("_default");
        Assert.Equal([(chunks[0].Id, partition, 1000L, SegmentState.Growing)], Persistent());
        Assert.Equal([(chunks[0].Id, partition, 1000L, SegmentState.Growing)], Query());

        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        var flushed = Stored().Single();
        Assert.Equal((1000, true), (flushed.Rows, flushed.Sealed));
        Assert.Equal([(flushed.Id, partition, 1000L, SegmentState.Flushed)], Persistent());
        Assert.Equal([(flushed.Id, partition, 1000L, SegmentState.Sealed)], Query());

        // Inserts after the flush open the partition's next growing segment.
        for (var batch = 10; batch < 13; batch++) Insert(batch * 100, 100);
        var next = Stored()[1].Id;
        Assert.Equal([(flushed.Id, partition, 1000L, SegmentState.Flushed), (next, partition, 300L, SegmentState.Growing)], Persistent());
        Assert.Equal([(flushed.Id, partition, 1000L, SegmentState.Sealed), (next, partition, 300L, SegmentState.Growing)], Query());
        Assert.Equal(Enumerable.Range(0, 1300).Select(i => (long)i), Ids());
    }

    [Fact]
    public void Each_partition_has_its_own_growing_segment()
    {
        CreateLoaded();
        Ok(_h.Client.CreatePartition(new CreatePartitionRequest { CollectionName = "c", PartitionName = "p" }));
        Ok(_h.Client.LoadPartitions(new LoadPartitionsRequest { CollectionName = "c", PartitionNames = { "p" } }));
        for (var batch = 0; batch < 3; batch++)
        {
            Insert(batch * 10, 10);
            Insert(1000 + batch * 20, 20, "p");
        }
        _h.WaitForSeals();

        var chunks = Stored();
        var expected = new List<(long, long, long, SegmentState)>
        {
            (chunks[0].Id, PartitionId("_default"), 30L, SegmentState.Growing), (chunks[1].Id, PartitionId("p"), 60L, SegmentState.Growing),
        };
        Assert.Equal(expected, Persistent());
        Assert.Equal(expected, Query());
    }

    [Fact]
    public void Many_small_inserts_stay_one_growing_segment_while_their_chunks_are_combined_by_size_tier()
    {
        CreateLoaded();
        for (var id = 0; id < 40; id++) Insert(id, 1);
        _h.WaitForSeals();

        // Sixteen one-row chunks at a time become one chunk of 16 (the next tier); the last 8 wait for more.
        Assert.Equal([16, 16, 1, 1, 1, 1, 1, 1, 1, 1], Stored().Select(s => s.Rows).OrderDescending());
        Assert.All(Stored(), s => Assert.False(s.Sealed));
        var (rows, state) = (Persistent().Single().Rows, Persistent().Single().State);
        Assert.Equal((40L, SegmentState.Growing), (rows, state));
        Assert.Equal((40L, SegmentState.Growing), (Query().Single().Rows, Query().Single().State));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), Ids());

        _h.Reopen();
        Assert.Equal((40L, SegmentState.Growing), (Persistent().Single().Rows, Persistent().Single().State));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), Ids());
    }

    [Fact]
    public void A_size_tier_is_combined_once_sixteen_chunks_of_it_gathered()
    {
        Assert.Empty(SegmentSizing.GrowingCombinePlan(Enumerable.Range(1, 15).Select(i => ((long)i, 1))));
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), SegmentSizing.GrowingCombinePlan(Enumerable.Range(1, 16).Select(i => ((long)i, 15))));
        // Tiers: under 16 rows, 16-255, 256-4,095, ...; a chunk of 16 rows is not combined with 15 of one row.
        Assert.Empty(SegmentSizing.GrowingCombinePlan(Enumerable.Range(1, 15).Select(i => ((long)i, 1)).Append((99L, 16))));
        var mixed = Enumerable.Range(1, 17).Select(i => ((long)i, 300)).Concat(Enumerable.Range(18, 3).Select(i => ((long)i, 1)));
        // The oldest 16 of the full tier; the 17th waits for 15 more.
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), SegmentSizing.GrowingCombinePlan(mixed));
    }
}

public sealed class GrowingSegmentTestsInProcess() : GrowingSegmentTests(EngineTransport.InProcess);

public sealed class GrowingSegmentTestsKestrel() : GrowingSegmentTests(EngineTransport.Kestrel);
