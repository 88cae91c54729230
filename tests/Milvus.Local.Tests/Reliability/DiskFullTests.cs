using Google.Protobuf;
using Milvus.Local.Engine;
using Milvus.Local.Indexes;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Reliability;

/// <summary>
/// An error means nothing was written, an acknowledgement means kept: writes and DDL on a full disk. The fault is
/// injected with SQLite's <c>PRAGMA max_page_count</c>, which makes the file unable to grow exactly like a full file
/// system ("database or disk is full"), deterministically; a failing merge after a commit with a trigger that aborts
/// the write of a sealed segment.
/// </summary>
public abstract class DiskFullTests(EngineTransport transport) : IDisposable
{
    private const int Dim = 256;
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private long PageCount() => Scalar("PRAGMA page_count");

    // Under the engine lock: the index builder shares the connection.
    private long Scalar(string sql)
    {
        lock (_h.Engine.Core.Gate)
        {
            using var command = _h.Engine.Core.Store.Command(sql);
            return Convert.ToInt64(command.ExecuteScalar());
        }
    }

    /// <summary>Makes writing a merged segment (more than the one row each insert here writes) fail as a full disk would, or lets it succeed again.</summary>
    private void FailMerges(bool fail) => Scalar(fail
        ? "CREATE TEMP TRIGGER merge_fault BEFORE INSERT ON main.segments WHEN NEW.row_count > 1 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        : "DROP TRIGGER temp.merge_fault");

    /// <summary>Lets the file grow by <paramref name="pages"/> pages at most (null: no limit).</summary>
    private void LimitGrowth(int? pages) => Scalar($"PRAGMA max_page_count = {(pages is null ? int.MaxValue : PageCount() + pages)}");

    private MutationResult InsertRows(long first, int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => first + i).ToArray();
        return _h.Insert("c", Longs("id", ids), FloatVectors("v", Dim, ids.Select(id => Enumerable.Repeat((float)id, Dim).ToArray()).ToArray()));
    }

    private List<long> Ids()
    {
        var reply = _h.Query("c", "id >= 0", ["id"]);
        Ok(reply.Status);
        return reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data.Order().ToList();
    }

    private void CreateLoaded()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, Dim)));
        _h.IndexAndLoad("c", "v", "L2");
    }

    [Fact]
    public void A_failed_insert_leaves_no_row_and_its_retry_writes_each_row_once()
    {
        CreateLoaded();
        Ok(InsertRows(0, 10).Status);
        LimitGrowth(0);

        var failed = InsertRows(100, 200);
        Assert.Equal(7, failed.Status.Code);
        Assert.Equal("disk limit exceeded[SQLite Error 13: 'database or disk is full'.]", failed.Status.Reason);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Ids());

        LimitGrowth(null);
        Ok(InsertRows(100, 200).Status);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i).Concat(Enumerable.Range(100, 200).Select(i => (long)i)), Ids());
        _h.Reopen();
        Assert.Equal(210, Ids().Count);
    }

    [Fact]
    public void An_insert_whose_commit_succeeded_is_acknowledged_even_when_the_merge_after_it_cannot_be_written()
    {
        CreateLoaded();
        for (var i = 0; i < SegmentSizing.ChunksPerCombine - 1; i++) Ok(InsertRows(i, 1).Status);
        // The seal requests of those inserts run first: one still queued behind the next insert would try the merge
        // again and count a second failure (seen under load).
        _h.WaitForSeals();
        FailMerges(true);

        var reply = InsertRows(15, 1);

        Ok(reply.Status);
        Assert.Equal([15L], reply.IDs.IntId.Data);
        _h.WaitForSeals();
        Assert.Equal(1, _h.Engine.Core.DeferredFailures);
        Assert.Equal(16, _h.Engine.Core.Segments.ListSegments(CollectionId()).Count(s => !s.Sealed));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i), Ids());

        // The deferred merge runs with the next write once it can; nothing is lost or doubled.
        FailMerges(false);
        Ok(InsertRows(16, 1).Status);
        _h.WaitForSeals();
        // The oldest 16 one-row chunks combined into one (still growing); the 17th waits for its tier to fill.
        var segments = _h.Engine.Core.Segments.ListSegments(CollectionId());
        Assert.Equal([16, 1], segments.Select(s => s.RowCount).OrderDescending());
        _h.Reopen();
        Assert.Equal(Enumerable.Range(0, 17).Select(i => (long)i), Ids());
    }

    [Fact]
    public void After_a_failed_write_the_reloaded_data_keeps_its_stored_index_attached()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, Dim)));
        _h.IndexAndLoad("c", "v", "L2", "HNSW");
        Ok(InsertRows(0, IndexBuilder.MinRowsToIndex).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (_h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions.Single().State != IndexState.Finished)
        {
            Assert.True(DateTime.UtcNow < deadline, "the index was not built");
            Thread.Sleep(20);
        }
        Assert.Equal(1, SegmentsWithTheirIndex());
        // With the index worker held, only the reload after the failed write can attach the stored graph.
        _h.Engine.Core.Indexes.Paused = true;
        LimitGrowth(0);

        Assert.Equal(7, InsertRows(5000, 200).Status.Code);

        Assert.Equal(IndexState.Finished, _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions.Single().State);
        Assert.Equal(1, SegmentsWithTheirIndex());
        LimitGrowth(null);
    }

    /// <summary>Loaded segments of "c" that have its index attached (searches walk it; the others are scanned exactly).</summary>
    private int SegmentsWithTheirIndex()
    {
        var core = _h.Engine.Core;
        lock (core.Gate)
        {
            var c = core.Collection("default", "c");
            return core.LoadedData(c.Id)!.Snapshot.Count(v => core.Indexes.Find(v.Segment, c.Indexes.Single().Id) is not null);
        }
    }

    [Fact]
    public void A_failed_upsert_and_delete_change_nothing()
    {
        CreateLoaded();
        Ok(InsertRows(0, 50).Status);
        LimitGrowth(0);
        var ids = Enumerable.Range(0, 300).Select(i => (long)i).ToArray();
        var upsert = _h.Client.Upsert(new UpsertRequest
        {
            CollectionName = "c", NumRows = (uint)ids.Length,
            FieldsData = { Longs("id", ids), FloatVectors("v", Dim, ids.Select(_ => Enumerable.Repeat(-1f, Dim).ToArray()).ToArray()) },
        });
        Assert.Equal(7, upsert.Status.Code);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), Ids());
        Assert.Equal(7f, FirstVectorValue(7));

        LimitGrowth(null);
        _h.Reopen();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), Ids());
        Assert.Equal(7f, FirstVectorValue(7));
    }

    [Fact]
    public void A_failed_create_collection_leaves_no_collection_and_can_be_retried()
    {
        Ok(_h.CreateCollection("first", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        LimitGrowth(0);
        var failed = CreateDescribed();
        Assert.Equal(7, failed.Code);
        Assert.Equal(["first"], Collections());

        LimitGrowth(null);
        Ok(CreateDescribed());
        Assert.Equal(["c", "first"], Collections());
        _h.Reopen();
        Assert.Equal(["c", "first"], Collections());
    }

    [Fact]
    public void A_failed_schema_change_leaves_the_schema_as_it_was_in_memory_and_on_disk()
    {
        CreateLoaded();
        Ok(InsertRows(0, 3).Status);
        LimitGrowth(0);
        var field = new FieldSchema { Name = "note", DataType = DataType.Int64, Nullable = true, Description = new string('d', 64 * 1024) };
        var failed = _h.Client.AddCollectionField(new AddCollectionFieldRequest { CollectionName = "c", Schema = field.ToByteString() });
        Assert.Equal(7, failed.Code);
        Assert.Equal(["id", "v"], FieldNames());
        Assert.Equal([0L, 1, 2], Ids());

        LimitGrowth(null);
        Ok(_h.Client.AddCollectionField(new AddCollectionFieldRequest { CollectionName = "c", Schema = field.ToByteString() }));
        Assert.Equal(["id", "v", "note"], FieldNames());
        _h.Reopen();
        Assert.Equal(["id", "v", "note"], FieldNames());
    }

    private List<string> FieldNames()
        => _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "c" }).Schema.Fields.Select(f => f.Name).ToList();

    // A long description needs new pages, so the catalog write cannot fit in the free space of existing ones.
    private Milvus.Protocol.Common.Status CreateDescribed()
    {
        var schema = new CollectionSchema { Name = "c", Description = new string('d', 64 * 1024), Fields = { Int64Pk(), Vector("v", DataType.FloatVector, Dim) } };
        return _h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "c", Schema = schema.ToByteString() });
    }

    private List<string> Collections()
    {
        var reply = _h.Client.ShowCollections(new ShowCollectionsRequest());
        Ok(reply.Status);
        return reply.CollectionNames.Order(StringComparer.Ordinal).ToList();
    }

    private long CollectionId() => _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "c" }).CollectionID;

    private float FirstVectorValue(long id)
    {
        var reply = _h.Query("c", $"id == {id}", ["v"]);
        Ok(reply.Status);
        var vectors = reply.FieldsData.Single(f => f.FieldName == "v").Vectors.FloatVector.Data;
        return vectors.Count == 0 ? float.NaN : vectors[0];
    }
}

public sealed class DiskFullTestsInProcess() : DiskFullTests(EngineTransport.InProcess);

public sealed class DiskFullTestsOverKestrel() : DiskFullTests(EngineTransport.Kestrel);
