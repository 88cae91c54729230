using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Local.Storage;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Storage;

/// <summary>
/// Vector columns and row timestamps are stored as raw little-endian arrays (<see cref="ColumnBlob.Raw"/>) and loaded
/// as they are; files written before that (every column a serialized FieldData) still open, serve the same rows and
/// indexes, and take new rows in the new format.
/// </summary>
public abstract class ColumnFormatTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    /// <summary>
    /// Written by the engine at commit a98e911 (before raw columns): collection "old" (id INT64 pk, name VARCHAR(32),
    /// v FLOAT_VECTOR dim 8, HNSW M 8 efConstruction 32, L2, loaded) with rows 0..2999 in three inserts then flushed
    /// (one sealed, indexed segment), rows 3000..3004 after (growing), ids 10, 11 and 3004 deleted; collection
    /// "released" (no index, not loaded) with rows 1 and 2. Row id's vector is <see cref="VectorOf"/>, its name "n{id}".
    /// </summary>
    private static string OldFile => Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "protobuf-columns.db");

    private static float[] VectorOf(long id) => Enumerable.Range(0, 8).Select(i => MathF.Sin(id * 0.37f + i * 1.3f)).ToArray();

    private static readonly long[] OldLiveIds = Enumerable.Range(0, 3004).Where(i => i is not (10 or 11)).Select(i => (long)i).ToArray();

    /// <summary>The exact top <paramref name="k"/> ids by L2 among <paramref name="ids"/>.</summary>
    private static long[] Nearest(float[] query, IEnumerable<long> ids, int k)
        => ids.OrderBy(id => VectorOf(id).Zip(query, (a, b) => (a - b) * (a - b)).Sum()).ThenBy(id => id).Take(k).ToArray();

    private List<long> Ids(string filter)
        => _h.Query("old", filter, ["id"]).FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data.Order().ToList();

    private void WaitLoaded(string collection)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_h.Client.GetLoadState(new GetLoadStateRequest { CollectionName = collection }).State != LoadState.Loaded)
        {
            Assert.True(DateTime.UtcNow < deadline, "the collection did not finish loading");
            Thread.Sleep(10);
        }
    }

    private void WaitForIndexes(string collection)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (_h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = collection }).IndexDescriptions.Any(d => d.State != IndexState.Finished))
        {
            Assert.True(DateTime.UtcNow < deadline, "the index build did not finish");
            Thread.Sleep(10);
        }
    }

    /// <summary>(field id, format, bytes) of every stored column of the collection's segments.</summary>
    private List<(long FieldId, int Format, long Bytes)> StoredColumns(string collection)
    {
        lock (_h.Engine.Core.Gate)
        {
            using var command = _h.Engine.Core.Store.Command(
                "SELECT field_id, format, length(data) FROM segment_columns WHERE segment_id IN (SELECT id FROM segments WHERE collection_id = $c) ORDER BY segment_id, field_id");
            command.Parameters.AddWithValue("$c", _h.Engine.Core.Collection("default", collection).Id);
            using var reader = command.ExecuteReader();
            var result = new List<(long, int, long)>();
            while (reader.Read()) result.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2)));
            return result;
        }
    }

    private void AssertOldRowsServed()
    {
        Assert.Equal([3002L], _h.Query("old", "", ["count(*)"]).FieldsData.Single().Scalars.LongData.Data);
        Assert.Equal([12L], Ids("id in [10, 11, 12, 3004]"));
        var row = _h.Query("old", "id == 3003", ["name", "v"]);
        Assert.Equal(["n3003"], row.FieldsData.Single(f => f.FieldName == "name").Scalars.StringData.Data);
        Assert.Equal(VectorOf(3003), row.FieldsData.Single(f => f.FieldName == "v").Vectors.FloatVector.Data);
        // A filter passing under 10% of the rows is searched exactly; ids 10 and 11 are deleted.
        var query = VectorOf(40).Select(v => v + 0.05f).ToArray();
        var filtered = _h.Search("old", FloatPlaceholder(query), 5, filter: "id < 200");
        Assert.Equal(Nearest(query, Enumerable.Range(0, 200).Where(i => i is not (10 or 11)).Select(i => (long)i), 5), filtered.Results.Ids.IntId.Data);
        // The stored HNSW graph answers the unfiltered search: a stored vector is its own nearest row.
        Assert.Equal([500L], _h.Search("old", FloatPlaceholder(VectorOf(500)), 1).Results.Ids.IntId.Data);
        var index = _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "old" }).IndexDescriptions.Single();
        // The sealed segment's rows; the 5 growing rows count once a flush seals them, as in Milvus.
        Assert.Equal((IndexState.Finished, 3000L, 3000L, 0L), (index.State, index.IndexedRows, index.TotalRows, index.PendingIndexRows));
    }

    [Fact]
    public void A_file_written_with_protobuf_columns_opens_and_serves_its_rows_deletes_and_index()
    {
        _h.OpenCopyOf(OldFile);
        WaitLoaded("old");

        AssertOldRowsServed();
        Assert.All(StoredColumns("old"), c => Assert.Equal(ColumnBlob.Protobuf, c.Format));
        Assert.Equal(LoadState.NotLoad, _h.Client.GetLoadState(new GetLoadStateRequest { CollectionName = "released" }).State);
        Assert.Equal("2", _h.Client.GetCollectionStatistics(new GetCollectionStatisticsRequest { CollectionName = "released" }).Stats.Single().Value);
    }

    [Fact]
    public void An_old_file_takes_new_rows_in_the_raw_format_and_compaction_rewrites_the_old_ones()
    {
        _h.OpenCopyOf(OldFile);
        WaitLoaded("old");
        // The compaction rebuilds the graph: on one thread it is the same graph every run. Row ids 17 apart have almost
        // the same vector (the sine's period is 16.98 ids), so a two-thread graph's walk at ef 16 once found 1417 for 500.
        _h.Engine.Core.Indexes.BuildThreads = 1;
        Ok(_h.Insert("old", Longs("id", 5000), Strings("name", "n5000"), FloatVectors("v", 8, [VectorOf(5000)])).Status);
        Assert.Equal([(0L, ColumnBlob.Raw, 8L * 4)], StoredColumns("old").Where(c => c.Format == ColumnBlob.Raw && c.FieldId != 1).Select(c => (0L, c.Format, c.Bytes)));

        Ok(_h.Client.ManualCompaction(new ManualCompactionRequest { CollectionName = "old" }).Status);
        var columns = StoredColumns("old");
        var v = _h.Engine.Core.Collection("default", "old").Schema.Fields.Single(f => f.Name == "v").FieldID;
        Assert.Equal([(1L, ColumnBlob.Raw, 3003L * 8), (v, ColumnBlob.Raw, 3003L * 8 * 4)],
            columns.Where(c => c.FieldId == 1 || c.FieldId == v).Select(c => (c.FieldId, c.Format, c.Bytes)));
        // The one-thread graph is stored before the reopen: a build still pending then would run again in the reopened
        // engine, on its default two threads, and race the search below.
        WaitForIndexes("old");
        _h.Reopen();
        WaitLoaded("old");
        Assert.All(_h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "old" }).IndexDescriptions, d => Assert.Equal(IndexState.Finished, d.State));
        Assert.Equal([3003L], _h.Query("old", "", ["count(*)"]).FieldsData.Single().Scalars.LongData.Data);
        Assert.Equal(OldLiveIds.Append(5000), Ids("id >= 0"));
        Assert.Equal(VectorOf(5000), _h.Query("old", "id == 5000", ["v"]).FieldsData.Single(f => f.FieldName == "v").Vectors.FloatVector.Data);
        Assert.Equal([500L], _h.Search("old", FloatPlaceholder(VectorOf(500)), 1, extra: ("params", "{\"ef\": 64}")).Results.Ids.IntId.Data);
    }

    [Fact]
    public void Dense_vectors_of_every_kind_are_stored_raw_and_read_back_byte_for_byte()
    {
        Ok(_h.CreateCollection("kinds", Int64Pk(), Vector("f", DataType.FloatVector, 4), Vector("h", DataType.Float16Vector, 4),
            Vector("b", DataType.BinaryVector, 16), Vector("i", DataType.Int8Vector, 4)));
        var half = Enumerable.Range(0, 16).Select(i => (byte)(i * 7)).ToArray();
        var binary = new byte[] { 1, 2, 3, 4 };
        var int8 = new byte[] { 0xFF, 1, 0x80, 7, 2, 3, 4, 5 };
        var insert = _h.Insert("kinds", Longs("id", 1, 2), FloatVectors("f", 4, [[1, 2, 3, 4], [5, 6, 7, 8]]),
            new FieldData { FieldName = "h", Type = DataType.Float16Vector, Vectors = new VectorField { Dim = 4, Float16Vector = Google.Protobuf.ByteString.CopyFrom(half) } },
            new FieldData { FieldName = "b", Type = DataType.BinaryVector, Vectors = new VectorField { Dim = 16, BinaryVector = Google.Protobuf.ByteString.CopyFrom(binary) } },
            new FieldData { FieldName = "i", Type = DataType.Int8Vector, Vectors = new VectorField { Dim = 4, Int8Vector = Google.Protobuf.ByteString.CopyFrom(int8) } });
        Ok(insert.Status);

        var stored = StoredColumns("kinds").Where(c => c.Format == ColumnBlob.Raw).Select(c => c.Bytes).ToList();
        Assert.Equal([2L * 8, 2 * 4 * 4, 2 * 4 * 2, 2 * 2, 2 * 4], stored);
        _h.Reopen();
        var c = _h.Engine.Core.Collection("default", "kinds");
        Segment segment;
        lock (_h.Engine.Core.Gate) segment = _h.Engine.Core.Segments.ReadSegments(c.Id, c.Schema).Single();
        byte[] Bytes(string name) => ((DenseVectorColumn)segment.Column(c.Schema.Fields.Single(f => f.Name == name).FieldID)!).Bytes.ToArray();
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }.SelectMany(BitConverter.GetBytes), Bytes("f"));
        Assert.Equal(half, Bytes("h"));
        Assert.Equal(binary, Bytes("b"));
        Assert.Equal(int8, Bytes("i"));
        Assert.Equal([(long)insert.Timestamp, (long)insert.Timestamp], segment.Timestamps);
    }
}

public sealed class ColumnFormatTestsInProcess() : ColumnFormatTests(EngineTransport.InProcess);

public sealed class ColumnFormatTestsKestrel() : ColumnFormatTests(EngineTransport.Kestrel);
