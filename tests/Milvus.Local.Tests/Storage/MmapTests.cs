using Google.Protobuf;
using Milvus.Benchmarks.Data;
using Milvus.Local.Columns;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Storage;

/// <summary>
/// Milvus's <c>mmap.enabled</c>: a loaded sealed segment's vector column is written to a cache file beside the database
/// (<c>test.db.mmap/</c>) and memory-mapped instead of held in managed memory; answers are the same as without it, the
/// files follow the segments' life (release, drop, compaction), a damaged file is rebuilt from the database and a
/// matching one is mapped again on reopen without reading the column.
/// </summary>
public abstract partial class MmapTests(EngineTransport transport) : IDisposable
{
    private const int Dim = 16;
    private const int Rows = 3000;
    private static readonly float[][] Data = ClusteredVectors.Generate(Rows, Dim, 20, seed: 21);
    private static readonly float[][] Queries = ClusteredVectors.Generate(12, Dim, 20, seed: 22);

    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private string Folder => _h.Path + ".mmap";

    private long CollectionId => _h.Engine.Core.Collection("default", "c").Id;

    private string[] CacheFiles() => Directory.Exists(Folder)
        ? Directory.GetFiles(Folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder, f)).Order().ToArray()
        : [];

    private Local.Storage.VectorCacheFiles Cache => _h.Engine.Core.Segments.CacheFiles;

    /// <summary>The loaded vector columns, sealed segments first by id: (segment id, sealed, mapped).</summary>
    private List<(long Segment, bool Sealed, bool Mapped)> LoadedColumns()
    {
        var core = _h.Engine.Core;
        lock (core.Gate)
        {
            var c = core.Collection("default", "c");
            var field = c.Schema.Fields.Single(f => f.Name == "v").FieldID;
            return core.LoadedData(c.Id)!.Snapshot
                .Select(v => (v.Segment.Id, v.Segment.IsSealed, ((DenseVectorColumn)v.Segment.Column(field)!).IsMapped)).OrderBy(x => x.Id).ToList();
        }
    }

    /// <summary>
    /// Collection "c" (id, tag, v FLOAT_VECTOR 16): 3,000 rows sealed by a flush, ids 5, 17 and 2999 deleted, 3 rows
    /// growing after the flush; index of <paramref name="indexType"/> built on one thread; loaded.
    /// </summary>
    private void CreateLoaded(string indexType, string parameters, string? collectionMmap = null, string metric = "L2")
    {
        _h.Engine.Core.Indexes.BuildThreads = 1;
        var schema = new CollectionSchema { Name = "c", Fields = { Int64Pk(), Scalar("tag", DataType.Int64), Vector("v", DataType.FloatVector, Dim) } };
        var create = new CreateCollectionRequest { CollectionName = "c", Schema = schema.ToByteString() };
        if (collectionMmap is not null) create.Properties.Add(new KeyValuePair { Key = "mmap.enabled", Value = collectionMmap });
        Ok(_h.Client.CreateCollection(create));
        var ids = Enumerable.Range(0, Rows).Select(i => (long)i).ToArray();
        Ok(_h.Insert("c", Longs("id", ids), Longs("tag", ids.Select(i => i % 7).ToArray()), FloatVectors("v", Dim, Data)).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        Ok(_h.Insert("c", Longs("id", 3000, 3001, 3002), Longs("tag", 0, 1, 2), FloatVectors("v", Dim, [Data[0], Data[1], Data[2]])).Status);
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = "id in [5, 17, 2999]" }).Status);
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "v",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = indexType }, new KeyValuePair { Key = "metric_type", Value = metric }, new KeyValuePair { Key = "params", Value = parameters } },
        }));
        Load();
        WaitForIndex();
    }

    private void Load() => Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }));

    private void Release() => Ok(_h.Client.ReleaseCollection(new ReleaseCollectionRequest { CollectionName = "c" }));

    private void SetCollectionMmap(string value)
        => Ok(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "c", Properties = { new KeyValuePair { Key = "mmap.enabled", Value = value } } }));

    private void WaitForIndex()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (_h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions.Single().State != IndexState.Finished)
        {
            Assert.True(DateTime.UtcNow < deadline, "the index build did not finish");
            Thread.Sleep(20);
        }
    }

    private void WaitLoaded()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_h.Client.GetLoadState(new GetLoadStateRequest { CollectionName = "c" }).State != LoadState.Loaded)
        {
            Assert.True(DateTime.UtcNow < deadline, "the collection did not finish loading");
            Thread.Sleep(10);
        }
    }

    /// <summary>Everything a reader sees: top 10 ids and scores per query with the vector as output field, a filtered search, a query.</summary>
    private string Answers(params (string, string)[] searchParams)
    {
        var search = _h.Search("c", FloatPlaceholder(Queries), 10, outputFields: ["v", "tag"], extra: searchParams);
        Ok(search.Status);
        var filtered = _h.Search("c", FloatPlaceholder(Queries), 5, filter: "tag == 3", extra: searchParams);
        Ok(filtered.Status);
        var query = _h.Query("c", "id in [0, 5, 1234, 2998, 2999, 3001]", ["id", "v"]);
        Ok(query.Status);
        return string.Join("\n",
            string.Join(",", search.Results.Ids.IntId.Data), string.Join(",", search.Results.Scores), string.Join(",", search.Results.FieldsData.Single(f => f.FieldName == "v").Vectors.FloatVector.Data),
            string.Join(",", filtered.Results.Ids.IntId.Data), string.Join(",", filtered.Results.Scores),
            string.Join(",", query.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data), string.Join(",", query.FieldsData.Single(f => f.FieldName == "v").Vectors.FloatVector.Data));
    }

    public static TheoryData<string, string, string> IndexTypes => new()
    {
        { "FLAT", "{}", "" },
        { "HNSW", "{\"M\": 8, \"efConstruction\": 64}", "64" },
        { "HNSW_SQ", "{\"M\": 8, \"efConstruction\": 64, \"sq_type\": \"SQ8\"}", "64" },
        { "IVF_SQ8", "{\"nlist\": 16}", "" },
    };

    [Theory]
    [MemberData(nameof(IndexTypes))]
    public void Answers_are_the_same_with_mmap_on_and_off(string indexType, string parameters, string ef)
    {
        (string, string)[] searchParams = ef.Length > 0 ? [("ef", ef)] : indexType == "IVF_SQ8" ? [("nprobe", "16")] : [];
        CreateLoaded(indexType, parameters);
        Assert.Empty(CacheFiles());
        Assert.All(LoadedColumns(), c => Assert.False(c.Mapped));
        var off = Answers(searchParams);

        Release();
        SetCollectionMmap("true");
        Load();
        WaitForIndex();
        var columns = LoadedColumns();
        // The sealed segment is mapped; the growing one (3 rows after the flush) stays in memory, as in Milvus.
        Assert.Equal([(true, true), (false, false)], columns.Select(c => (c.Sealed, c.Mapped)));
        var field = _h.Engine.Core.Collection("default", "c").Schema.Fields.Single(f => f.Name == "v").FieldID;
        Assert.Equal([Path.Combine($"{CollectionId}", $"{columns[0].Segment}-{field}.vec")], CacheFiles());
        Assert.Equal(Rows * Dim * sizeof(float) + 64, new FileInfo(Path.Combine(Folder, CacheFiles()[0])).Length);
        Assert.Equal(off, Answers(searchParams));
    }

    [Fact]
    public void The_field_setting_overrides_the_collection_setting()
    {
        CreateLoaded("FLAT", "{}", collectionMmap: "true");
        Assert.Equal([true, false], LoadedColumns().Select(c => c.Mapped));
        Release();
        Ok(_h.Client.AlterCollectionField(new AlterCollectionFieldRequest
        {
            CollectionName = "c", FieldName = "v", Properties = { new KeyValuePair { Key = "mmap.enabled", Value = "false" } },
        }));
        Load();
        Assert.All(LoadedColumns(), c => Assert.False(c.Mapped));
        Assert.Empty(CacheFiles());
        Release();
        SetCollectionMmap("false");
        Ok(_h.Client.AlterCollectionField(new AlterCollectionFieldRequest
        {
            CollectionName = "c", FieldName = "v", Properties = { new KeyValuePair { Key = "mmap.enabled", Value = "True" } },
        }));
        Load();
        Assert.Equal([true, false], LoadedColumns().Select(c => c.Mapped));
    }

    [Fact]
    public void The_index_setting_maps_the_column_the_index_searches()
    {
        CreateLoaded("HNSW", "{\"M\": 8, \"efConstruction\": 64}");
        var off = Answers(("ef", "64"));
        Release();
        Ok(_h.Client.AlterIndex(new AlterIndexRequest { CollectionName = "c", IndexName = "v", ExtraParams = { new KeyValuePair { Key = "mmap.enabled", Value = "true" } } }));
        Load();
        WaitForIndex();
        Assert.Equal([true, false], LoadedColumns().Select(c => c.Mapped));
        var index = _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions.Single();
        Assert.Equal("true", index.Params.Single(p => p.Key == "mmap.enabled").Value);
        Assert.Equal(off, Answers(("ef", "64")));
        // The field's own setting comes first.
        Release();
        Ok(_h.Client.AlterCollectionField(new AlterCollectionFieldRequest
        {
            CollectionName = "c", FieldName = "v", Properties = { new KeyValuePair { Key = "mmap.enabled", Value = "false" } },
        }));
        Load();
        Assert.All(LoadedColumns(), c => Assert.False(c.Mapped));
    }

    [Fact]
    public void Cache_files_go_on_release_and_drop()
    {
        CreateLoaded("HNSW", "{\"M\": 8, \"efConstruction\": 64}", collectionMmap: "true");
        Assert.Single(CacheFiles());
        Release();
        Assert.Empty(CacheFiles());
        Load();
        Assert.Single(CacheFiles());
        Ok(_h.Client.DropCollection(new DropCollectionRequest { CollectionName = "c" }));
        Assert.Empty(CacheFiles());
    }

    [Fact]
    public void Compaction_maps_the_merged_segment_and_deletes_the_files_of_those_it_replaces()
    {
        CreateLoaded("FLAT", "{}", collectionMmap: "true");
        var before = CacheFiles();
        var answers = Answers();
        Ok(_h.Client.ManualCompaction(new ManualCompactionRequest { CollectionName = "c" }).Status);
        _h.WaitForSeals();
        // One sealed segment of the 3,000 live rows (growing rows included, deleted ones dropped), mapped as it joins
        // the loaded data; the replaced segment's file is gone.
        var merged = Assert.Single(LoadedColumns());
        Assert.Equal((true, true), (merged.Sealed, merged.Mapped));
        var file = Assert.Single(CacheFiles());
        Assert.NotEqual(before.Single(), file);
        Assert.StartsWith($"{merged.Segment}-", Path.GetFileName(file));
        Assert.Equal(3000 * Dim * sizeof(float) + 64, new FileInfo(Path.Combine(Folder, file)).Length);
        Assert.Equal(answers, Answers());
    }

    [Fact]
    public void A_segment_sealed_while_loaded_comes_mapped()
    {
        var schema = new CollectionSchema { Name = "c", Fields = { Int64Pk(), Scalar("tag", DataType.Int64), Vector("v", DataType.FloatVector, Dim) } };
        Ok(_h.Client.CreateCollection(new CreateCollectionRequest
        {
            CollectionName = "c", Schema = schema.ToByteString(), Properties = { new KeyValuePair { Key = "mmap.enabled", Value = "true" } },
        }));
        _h.IndexAndLoad("c", "v", "L2");
        var ids = Enumerable.Range(0, Rows).Select(i => (long)i).ToArray();
        Ok(_h.Insert("c", Longs("id", ids), Longs("tag", ids.Select(i => i % 7).ToArray()), FloatVectors("v", Dim, Data)).Status);
        Assert.Equal([(false, false)], LoadedColumns().Select(c => (c.Sealed, c.Mapped)));
        Assert.Empty(CacheFiles());
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        _h.WaitForSeals();
        Assert.Equal([(true, true)], LoadedColumns().Select(c => (c.Sealed, c.Mapped)));
        Assert.Single(CacheFiles());
        var hit = _h.Search("c", FloatPlaceholder(Data[1234]), 1, outputFields: ["v"]);
        Assert.Equal([1234L], hit.Results.Ids.IntId.Data);
        Assert.Equal([0f], hit.Results.Scores);
        Assert.Equal(Data[1234], hit.Results.FieldsData.Single().Vectors.FloatVector.Data);
    }

    [Fact]
    public void Reopen_maps_the_cache_file_without_reading_the_column()
    {
        CreateLoaded("HNSW", "{\"M\": 8, \"efConstruction\": 64}", collectionMmap: "true");
        var answers = Answers(("ef", "64"));
        var files = CacheFiles();
        var written = File.GetLastWriteTimeUtc(Path.Combine(Folder, files.Single()));
        _h.Reopen();
        WaitLoaded();
        Assert.Equal((0L, 1L), (Cache.ColumnsWritten, Cache.ColumnsReused));
        Assert.Equal(files, CacheFiles());
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(Folder, files.Single())));
        Assert.Equal([true, false], LoadedColumns().Select(c => c.Mapped));
        Assert.Equal(answers, Answers(("ef", "64")));
    }

    [Theory]
    [InlineData("corrupt")]
    [InlineData("truncated")]
    [InlineData("deleted")]
    [InlineData("wrong trailer")]
    public void A_damaged_cache_file_is_rebuilt_from_the_database(string damage)
    {
        CreateLoaded("HNSW", "{\"M\": 8, \"efConstruction\": 64}", collectionMmap: "true");
        var answers = Answers(("ef", "64"));
        var file = Path.Combine(Folder, CacheFiles().Single());
        var intact = File.ReadAllBytes(file);
        // Damaged under the open engine (nothing reads meanwhile), then reopened.
        switch (damage)
        {
            case "corrupt":
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite))
                {
                    stream.Position = 1000;
                    stream.WriteByte((byte)(intact[1000] ^ 0x40));
                }
                break;
            case "truncated":
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite)) stream.SetLength(intact.Length - 100);
                break;
            case "deleted":
                File.Delete(file);
                break;
            default:
                // The row count in the trailer (collection, segment, field, created, rows, bytes, hash) no longer matches.
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite))
                {
                    stream.Position = intact.Length - 64 + 5 * 8;
                    stream.WriteByte(7);
                }
                break;
        }
        _h.Reopen();
        WaitLoaded();
        Assert.Equal((1L, 0L), (Cache.ColumnsWritten, Cache.ColumnsReused));
        Assert.Equal(intact, File.ReadAllBytes(file));
        Assert.Equal(answers, Answers(("ef", "64")));
    }

    [Fact]
    public void Mmap_cannot_change_while_loaded()
    {
        CreateLoaded("HNSW", "{\"M\": 8, \"efConstruction\": 64}");
        Fails(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "c", Properties = { new KeyValuePair { Key = "mmap.enabled", Value = "true" } } }),
            1100, "can not alter mmap properties if collection loaded: invalid parameter");
        Fails(_h.Client.AlterCollectionField(new AlterCollectionFieldRequest { CollectionName = "c", FieldName = "v", Properties = { new KeyValuePair { Key = "mmap.enabled", Value = "true" } } }),
            1100, "can not alter mmap properties if collection loaded: invalid parameter");
        Fails(_h.Client.AlterIndex(new AlterIndexRequest { CollectionName = "c", IndexName = "v", ExtraParams = { new KeyValuePair { Key = "mmap.enabled", Value = "true" } } }),
            1100, "can't alter index on loaded collection, please release the collection first: invalid parameter");
        Assert.All(LoadedColumns(), c => Assert.False(c.Mapped));
        Assert.Empty(CacheFiles());
    }
}

public sealed class MmapTestsInProcess() : MmapTests(EngineTransport.InProcess);

public sealed class MmapTestsKestrel() : MmapTests(EngineTransport.Kestrel);
