using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Milvus.Local;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;

namespace Milvus.Benchmarks.Storage;

/// <summary>
/// The storage benchmark (docs/performance.md, issue 13's storage targets), through the gRPC service in-process:
/// 1. insert latency: 100 inserts of 10,000 x 128 rows into a loaded collection (median, p90, max, max/median);
/// 2. reopen: a database with a loaded 100,000 x 768 COSINE HNSW collection is closed and opened again in a fresh
///    process, which reports the time until Open returns and until a search answers, and its resident memory
///    after the load against the same process shape on an empty database (raw vectors + stored index bytes).
/// Run: dotnet run -c Release --project tests/Milvus.Benchmarks -- storage [inserts] [reopen rows]
/// "storage reopen PATH [rows]" measures only the reopen, on a database kept at PATH (written on the first run);
/// "storage stages PATH" times the stages of that reopen one by one in a fresh process (<see cref="ReopenStages"/>).
/// "storage mmap PATH [rounds]" compares that reopen with mmap.enabled off and on (<see cref="MmapReopen"/>).
/// "--cold" (reopen, stages, mmap) drops the database's files and cache files from the page cache before each reopen
/// (<see cref="PageCache"/>); every reopen reports how much of those files was cached when it began and after it.
/// </summary>
public static class StorageBenchmark
{
    private const int InsertBatches = 100;
    private const int InsertRows = 10_000;
    private const int InsertDim = 128;
    private const int ReopenDim = 768;

    /// <summary>"--cold": each reopen starts with the database's files out of the page cache.</summary>
    internal static bool Cold { get; private set; }

    public static int Run(string[] args)
    {
        Cold = args.Contains("--cold");
        args = args.Where(a => a != "--cold").ToArray();
        if (args.Length > 0 && args[0] == "child") return Child(args[1], args[2]);
        if (args.Length > 1 && args[0] == "stages") return ReopenStages.Run(args[1], "big");
        if (args.Length > 1 && args[0] == "mmap") return MmapReopen.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3);
        if (args.Length > 1 && args[0] == "reopen") return ReopenOnly(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000);
        var batches = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : InsertBatches;
        var reopenRows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var directory = Path.Combine(Path.GetTempPath(), "milvus-storage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            MeasureInserts(Path.Combine(directory, "inserts.db"), batches);
            MeasureReopen(directory, reopenRows);
            return 0;
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static void MeasureInserts(string path, int batches)
    {
        using var engine = MilvusLocalEngine.Open(path);
        var client = new MilvusService.MilvusServiceClient(engine.CreateCallInvoker());
        CreateLoaded(client, "ins", InsertDim, "FLAT", "L2", "{}");
        var random = new Random(7);
        // One unmeasured call first: the first insert JIT-compiles the write path (the figures are of a warm engine).
        Check(client.Insert(Insert("ins", -InsertRows, InsertRows, InsertDim, random)).Status);
        var latencies = new double[batches];
        for (var b = 0; b < batches; b++)
        {
            var request = Insert("ins", b * InsertRows, InsertRows, InsertDim, random);
            var started = Stopwatch.GetTimestamp();
            Check(client.Insert(request).Status);
            latencies[b] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var sorted = latencies.Order().ToArray();
        var median = sorted[batches / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"inserts: {batches} x {InsertRows} x {InsertDim} (FLAT, loaded): median {median:F1} ms, p90 {sorted[batches * 9 / 10]:F1} ms, max {sorted[^1]:F1} ms, max/median {sorted[^1] / median:F2}"));
        Console.WriteLine("  slowest calls (index: ms): " + string.Join(", ",
            latencies.Select((ms, i) => (ms, i)).OrderByDescending(x => x.ms).Take(8).Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.i}: {x.ms:F0}"))));
    }

    private static void MeasureReopen(string directory, int rows)
    {
        var path = Path.Combine(directory, "reopen.db");
        WriteReopenSet(path, rows);
        MeasureReopen(directory, path, rows);
    }

    /// <summary>The reopen measurement alone, on a database kept at <paramref name="path"/> (written when missing).</summary>
    private static int ReopenOnly(string path, int rows)
    {
        if (!File.Exists(path)) WriteReopenSet(path, rows);
        var directory = Path.Combine(Path.GetTempPath(), "milvus-storage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            MeasureReopen(directory, path, rows);
            return 0;
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    internal static void WriteReopenSet(string path, int rows)
    {
        var clock = Stopwatch.StartNew();
        using (var engine = MilvusLocalEngine.Open(path))
        {
            var client = new MilvusService.MilvusServiceClient(engine.CreateCallInvoker());
            CreateLoaded(client, "big", ReopenDim, "HNSW", "COSINE", "{\"M\": 16, \"efConstruction\": 64}", rows);
        }
        Console.Error.WriteLine($"reopen: {rows} x {ReopenDim} HNSW written, indexed and loaded in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static void MeasureReopen(string directory, string path, int rows)
    {
        var empty = Path.Combine(directory, "empty.db");
        using (var engine = MilvusLocalEngine.Open(empty))
        {
            var client = new MilvusService.MilvusServiceClient(engine.CreateCallInvoker());
            CreateLoaded(client, "big", ReopenDim, "HNSW", "COSINE", "{\"M\": 16, \"efConstruction\": 64}", rows: 0);
        }
        var baseline = RunChild(empty);
        var loaded = RunChild(path);
        var raw = (long)rows * ReopenDim * sizeof(float);
        var index = StoredIndexBytes(path);
        var delta = loaded.Resident - baseline.Resident;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reopen {rows} x {ReopenDim} HNSW: Open returned in {loaded.OpenMs:F0} ms, first search answered at {loaded.ReadyMs:F0} ms "
            + $"(empty database, same process shape: {baseline.OpenMs:F0} / {baseline.ReadyMs:F0} ms, the engine's start and JIT)"));
        Console.WriteLine($"page cache{(Cold ? " (--cold: evicted first)" : "")}: database files cached at start / after, of total (MB): {loaded.PageCacheText}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"resident after load: {loaded.Resident / 1e6:F0} MB; empty database, same calls: {baseline.Resident / 1e6:F0} MB; difference {delta / 1e6:F0} MB "
            + $"against raw vectors {raw / 1e6:F0} MB + stored index {index / 1e6:F0} MB = {(double)delta / (raw + index):F2}x (process total {(double)loaded.Resident / (raw + index):F2}x)"));
    }

    /// <summary>
    /// A fresh process's reopen: ms until Open returned and until a search answered; resident bytes (all, anonymous,
    /// file-backed); bytes of the database's files (with its cache files) and how many were in the page cache when the
    /// process started and when it ended.
    /// </summary>
    internal sealed record ChildResult(double OpenMs, double ReadyMs, long Resident, long Anonymous, long FileBacked)
    {
        public long FileBytes { get; init; }
        public long CachedAtStart { get; init; }
        public long CachedAfter { get; init; }

        /// <summary>"cached at start / after of total" in MB.</summary>
        public string PageCacheText => string.Create(CultureInfo.InvariantCulture, $"{CachedAtStart / 1e6:F0} / {CachedAfter / 1e6:F0} of {FileBytes / 1e6:F0}");
    }

    /// <summary>Runs this program as "storage child PATH COLLECTION" in a fresh process (the database's files evicted first with --cold).</summary>
    internal static ChildResult RunChild(string path)
    {
        if (Cold) PageCache.Evict(PageCache.FilesOf(path));
        var (total, atStart) = PageCache.Measure(PageCache.FilesOf(path));
        var result = RunChildProcess(path);
        var (after, cachedAfter) = PageCache.Measure(PageCache.FilesOf(path));
        return result with { FileBytes = Math.Max(total, after), CachedAtStart = atStart, CachedAfter = cachedAfter };
    }

    private static ChildResult RunChildProcess(string path)
    {
        var self = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") arguments.Add(typeof(StorageBenchmark).Assembly.Location);
        arguments.AddRange(["storage", "child", path, "big"]);
        using var process = Process.Start(new ProcessStartInfo(self, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var parts = output.Trim().Split(' ');
        if (process.ExitCode != 0 || parts.Length != 5) throw new InvalidOperationException($"child failed ({process.ExitCode}): {output}");
        var numbers = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new ChildResult(numbers[0], numbers[1], (long)numbers[2], (long)numbers[3], (long)numbers[4]);
    }

    /// <summary>Opens the database, searches until the collection answers, then prints open ms, ready ms and resident bytes.</summary>
    private static int Child(string path, string collection)
    {
        var clock = Stopwatch.StartNew();
        using var engine = MilvusLocalEngine.Open(path);
        var openMs = clock.Elapsed.TotalMilliseconds;
        var client = new MilvusService.MilvusServiceClient(engine.CreateCallInvoker());
        var query = new float[ReopenDim];
        query[0] = 1;
        while (true)
        {
            var reply = client.Search(Search(collection, query));
            if (reply.Status.Code == 0) break;
            if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException(reply.Status.Reason);
            Thread.Sleep(5);
        }
        var readyMs = clock.Elapsed.TotalMilliseconds;
        // Wait for background work of the load to settle, then take what the process holds.
        while (client.GetLoadState(new GetLoadStateRequest { CollectionName = collection }).State != LoadState.Loaded) Thread.Sleep(20);
        Thread.Sleep(500);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{openMs:F1} {readyMs:F1} {self.WorkingSet64} {StatusBytes("RssAnon:")} {StatusBytes("RssFile:")}"));
        return 0;
    }

    /// <summary>A kB line of /proc/self/status in bytes (0 where there is none): anonymous and file-backed resident memory.</summary>
    private static long StatusBytes(string key)
    {
        if (!File.Exists("/proc/self/status")) return 0;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Bytes of the stored indexes in the database, of every collection or of the named ones only.</summary>
    internal static long StoredIndexBytes(string path, params string[] collections)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        var segments = "1";
        if (collections.Length > 0)
        {
            var names = string.Join(", ", collections.Select((name, i) => $"$c{i}"));
            for (var i = 0; i < collections.Length; i++) command.Parameters.AddWithValue($"$c{i}", collections[i]);
            segments = $"segment_id IN (SELECT s.id FROM segments s JOIN collections c ON c.id = s.collection_id WHERE c.name IN ({names}))";
        }
        // Large graphs are stored in parts (index_parts), their segment_indexes row left empty.
        command.CommandText = $"SELECT (SELECT coalesce(sum(length(data)), 0) FROM segment_indexes WHERE {segments}) + (SELECT coalesce(sum(length(data)), 0) FROM index_parts WHERE {segments})";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Creates the collection with one vector index, loads it and inserts <paramref name="rows"/> rows in batches (then flushes and waits for the index).</summary>
    private static void CreateLoaded(MilvusService.MilvusServiceClient client, string name, int dim, string indexType, string metric, string parameters, int rows = 0)
    {
        var schema = new CollectionSchema
        {
            Name = name,
            Fields =
            {
                new FieldSchema { Name = "id", DataType = DataType.Int64, IsPrimaryKey = true },
                new FieldSchema { Name = "v", DataType = DataType.FloatVector, TypeParams = { new KeyValuePair { Key = "dim", Value = dim.ToString(CultureInfo.InvariantCulture) } } },
            },
        };
        Check(client.CreateCollection(new CreateCollectionRequest { CollectionName = name, Schema = schema.ToByteString() }));
        Check(client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = name, FieldName = "v",
            ExtraParams =
            {
                new KeyValuePair { Key = "index_type", Value = indexType }, new KeyValuePair { Key = "metric_type", Value = metric },
                new KeyValuePair { Key = "params", Value = parameters },
            },
        }));
        Check(client.LoadCollection(new LoadCollectionRequest { CollectionName = name }));
        if (rows == 0) return;
        var random = new Random(42);
        for (var start = 0; start < rows; start += InsertRows)
            Check(client.Insert(Insert(name, start, Math.Min(InsertRows, rows - start), dim, random)).Status);
        Check(client.Flush(new FlushRequest { CollectionNames = { name } }).Status);
        while (client.DescribeIndex(new DescribeIndexRequest { CollectionName = name }).IndexDescriptions[0].State != IndexState.Finished) Thread.Sleep(100);
    }

    private static InsertRequest Insert(string collection, long firstId, int count, int dim, Random random)
    {
        var values = new float[count * dim];
        for (var i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble() - 0.5f;
        var vectors = new FloatArray();
        vectors.Data.Add(values);
        var ids = new LongArray();
        for (var i = 0; i < count; i++) ids.Data.Add(firstId + i);
        return new InsertRequest
        {
            CollectionName = collection, NumRows = (uint)count,
            FieldsData =
            {
                new FieldData { FieldName = "id", Type = DataType.Int64, Scalars = new ScalarField { LongData = ids } },
                new FieldData { FieldName = "v", Type = DataType.FloatVector, Vectors = new VectorField { Dim = dim, FloatVector = vectors } },
            },
        };
    }

    private static SearchRequest Search(string collection, float[] query)
    {
        var placeholder = new PlaceholderValue { Tag = "$0", Type = PlaceholderType.FloatVector };
        placeholder.Values.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(query.AsSpan())));
        return new SearchRequest
        {
            CollectionName = collection, PlaceholderGroup = new PlaceholderGroup { Placeholders = { placeholder } }.ToByteString(),
            SearchParams = { new KeyValuePair { Key = "topk", Value = "10" }, new KeyValuePair { Key = "params", Value = "{\"ef\": 64}" } },
        };
    }

    private static void Check(Status status)
    {
        if (status.Code != 0) throw new InvalidOperationException($"{status.Code}: {status.Reason}");
    }
}
