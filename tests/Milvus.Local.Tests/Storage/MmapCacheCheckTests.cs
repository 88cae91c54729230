using Google.Protobuf;
using Milvus.Local.Storage;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Storage;

/// <summary>
/// How a reopen checks an mmap cache file: a file with no matching row in the database is hashed in full before use
/// and then recorded (stamp, hash, sample pages, norms); a recorded file whose stamp still matches is mapped without
/// reading it; any change after the record (a byte in the middle with its modification time set back, a truncation,
/// a file of another segment or of a segment compaction replaced, a file written again but never recorded because the
/// process died) is caught before the file is used and the column is written again from the database.
/// </summary>
public abstract partial class MmapTests
{
    private const string Hnsw = "{\"M\": 8, \"efConstruction\": 64}";

    private long CacheRows(string where = "1")
    {
        lock (_h.Engine.Core.Gate)
        {
            using var cmd = _h.Engine.Core.Store.Command($"SELECT count(*) FROM vector_cache_files WHERE {where}");
            return (long)cmd.ExecuteScalar()!;
        }
    }

    private (long Written, long Reused, long Verified) Counters => (Cache.ColumnsWritten, Cache.ColumnsReused, Cache.ColumnsVerified);

    /// <summary>
    /// Reopens once the file is older than the file system's timestamp granularity, so the full hash this reopen does is
    /// recorded as settled (a change made later cannot keep the recorded change time).
    /// </summary>
    private void ReopenRecorded()
    {
        Thread.Sleep(TimeSpan.FromMilliseconds(FileStamp.GranularityNs / 1_000_000 + 200));
        _h.Reopen();
        WaitLoaded();
        Assert.Equal((0L, 1L, 1L), Counters);
        Assert.Equal(1, CacheRows());
    }

    private void ReopenLoaded()
    {
        _h.Reopen();
        WaitLoaded();
    }

    [Fact]
    public void A_file_hashed_in_full_is_recorded_then_mapped_on_its_stamp_with_its_norms()
    {
        CreateLoaded("HNSW", Hnsw, collectionMmap: "true", metric: "COSINE");
        var answers = Answers(("ef", "64"));
        var file = Path.Combine(Folder, CacheFiles().Single());
        var intact = File.ReadAllBytes(file);
        // Written by the load: no row yet (it is not flushed to disk).
        Assert.Equal((1L, 0L, 0L), Counters);
        Assert.Equal(0, CacheRows());

        ReopenRecorded();
        Assert.Equal(answers, Answers(("ef", "64")));

        ReopenLoaded();
        Assert.Equal((0L, 1L, 0L), Counters);
        Assert.Equal([true, false], LoadedColumns().Select(c => c.Mapped));
        Assert.Equal(intact, File.ReadAllBytes(file));
        // COSINE scores from the recorded norms are those of the norms computed from the rows.
        Assert.Equal(answers, Answers(("ef", "64")));
    }

    [Theory]
    [InlineData("corrupt, modification time set back")]
    [InlineData("truncated")]
    [InlineData("replaced by a copy with one byte changed")]
    public void A_recorded_file_changed_afterwards_is_rebuilt(string damage)
    {
        CreateLoaded("HNSW", Hnsw, collectionMmap: "true", metric: "COSINE");
        var answers = Answers(("ef", "64"));
        var file = Path.Combine(Folder, CacheFiles().Single());
        var intact = File.ReadAllBytes(file);
        ReopenRecorded();
        var middle = intact.Length / 2;
        switch (damage)
        {
            case "truncated":
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite)) stream.SetLength(intact.Length - 100);
                break;
            case "corrupt, modification time set back":
                var modified = File.GetLastWriteTimeUtc(file);
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite))
                {
                    stream.Position = middle;
                    stream.WriteByte((byte)(intact[middle] ^ 0x40));
                }
                File.SetLastWriteTimeUtc(file, modified);
                break;
            default:
                var copy = (byte[])intact.Clone();
                copy[middle] ^= 0x40;
                File.WriteAllBytes(file + ".new", copy);
                File.Move(file + ".new", file, overwrite: true);
                break;
        }
        ReopenLoaded();
        Assert.Equal((1L, 0L, 0L), Counters);
        Assert.Equal(intact, File.ReadAllBytes(file));
        Assert.Equal(answers, Answers(("ef", "64")));
    }

    [Fact]
    public void Files_swapped_between_two_segments_are_both_rebuilt()
    {
        var schema = new CollectionSchema { Name = "c", Fields = { Int64Pk(), Scalar("tag", DataType.Int64), Vector("v", DataType.FloatVector, Dim) } };
        Ok(_h.Client.CreateCollection(new CreateCollectionRequest
        {
            CollectionName = "c", Schema = schema.ToByteString(), Properties = { new KeyValuePair { Key = "mmap.enabled", Value = "true" } },
        }));
        Ok(_h.Client.CreatePartition(new CreatePartitionRequest { CollectionName = "c", PartitionName = "p2" }));
        // Two sealed segments of 1,500 rows each (one per partition): files of the same size.
        foreach (var (partition, first) in new[] { ("_default", 0), ("p2", 1500) })
        {
            var ids = Enumerable.Range(first, 1500).Select(i => (long)i).ToArray();
            var request = new InsertRequest
            {
                CollectionName = "c", PartitionName = partition, NumRows = 1500,
                FieldsData = { Longs("id", ids), Longs("tag", ids.Select(i => i % 7).ToArray()), FloatVectors("v", Dim, Data[first..(first + 1500)]) },
            };
            Ok(_h.Client.Insert(request).Status);
        }
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        _h.IndexAndLoad("c", "v", "L2");
        WaitLoaded();
        var answers = Answers();
        var files = CacheFiles().Select(f => Path.Combine(Folder, f)).ToArray();
        Assert.Equal(2, files.Length);
        var intact = files.Select(File.ReadAllBytes).ToArray();
        Assert.Equal(intact[0].Length, intact[1].Length);
        Thread.Sleep(TimeSpan.FromMilliseconds(FileStamp.GranularityNs / 1_000_000 + 200));
        ReopenLoaded();
        Assert.Equal((0L, 2L, 2L), Counters);
        Assert.Equal(2, CacheRows());

        File.Move(files[0], files[0] + ".swap");
        File.Move(files[1], files[0]);
        File.Move(files[0] + ".swap", files[1]);
        ReopenLoaded();
        Assert.Equal((2L, 0L, 0L), Counters);
        Assert.Equal(intact, files.Select(File.ReadAllBytes));
        Assert.Equal(answers, Answers());
    }

    [Fact]
    public void A_file_from_before_a_compaction_is_not_taken_for_the_merged_segment()
    {
        CreateLoaded("FLAT", "{}", collectionMmap: "true");
        var answers = Answers();
        var old = LoadedColumns()[0].Segment;
        var oldBytes = File.ReadAllBytes(Path.Combine(Folder, CacheFiles().Single()));
        ReopenRecorded();
        Assert.Equal(1, CacheRows($"segment_id = {old}"));

        Ok(_h.Client.ManualCompaction(new ManualCompactionRequest { CollectionName = "c" }).Status);
        _h.WaitForSeals();
        // The replaced segment's row went with it; the merged segment (3,000 live rows: same size) has a new file.
        Assert.Equal(0, CacheRows($"segment_id = {old}"));
        var file = Path.Combine(Folder, CacheFiles().Single());
        var merged = File.ReadAllBytes(file);
        Assert.Equal(oldBytes.Length, merged.Length);
        File.WriteAllBytes(file, oldBytes);
        ReopenLoaded();
        Assert.Equal((1L, 0L, 0L), Counters);
        Assert.Equal(merged, File.ReadAllBytes(file));
        Assert.Equal(answers, Answers());
    }

    [Fact]
    public void A_file_written_but_not_recorded_before_a_kill_is_hashed_in_full()
    {
        CreateLoaded("HNSW", Hnsw, collectionMmap: "true");
        var answers = Answers(("ef", "64"));
        var file = Path.Combine(Folder, CacheFiles().Single());
        var intact = File.ReadAllBytes(file);
        ReopenRecorded();

        // The file is written again (deleted, so the next load writes it) and the process dies before any load records
        // the new file: the database still holds the row of the file before it.
        File.Delete(file);
        ReopenLoaded();
        Assert.Equal((1L, 0L, 0L), Counters);
        Assert.Equal(1, CacheRows());
        var middle = intact.Length / 2;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = middle;
            stream.WriteByte((byte)(intact[middle] ^ 0x40));
        }
        // A kill in the middle of writing a file leaves only its temporary file, which the next load deletes.
        File.WriteAllBytes($"{file}.{Guid.NewGuid():N}.tmp", intact[..1000]);
        ReopenLoaded();
        Assert.Equal((1L, 0L, 0L), Counters);
        Assert.Equal(intact, File.ReadAllBytes(file));
        Assert.Single(CacheFiles());
        Assert.Equal(answers, Answers(("ef", "64")));
    }
}
