using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Milvus.Benchmarks.Data;
using Milvus.Local;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;

namespace Milvus.Benchmarks.Ann;

/// <summary>
/// The side-by-side ANN benchmark (docs/performance.md): fixed-seed clustered data sets, exact top-10 ground truth,
/// then in the same run the engine in-process (HNSW and FLAT through the gRPC service), the engine through
/// Milvus.Local.Server with the official Node SDK (set A), the reference libraries hnswlib-node and usearch (node
/// ann.mjs), a plain one-thread C scan and the memory bandwidth (native/scan.c, compiled here by gcc). Every system
/// gets an unmeasured warm-up pass first. Prints a markdown table per set; ratios are against the references
/// measured in the same run, since the machine is shared.
/// Run: dotnet run -c Release --project tests/Milvus.Benchmarks -- ann [A|B|A,B] (default A,B)
/// </summary>
public static class AnnBenchmark
{
    private const int K = 10;
    private const int M = 16;
    private const int EfConstruction = 200;
    private static readonly int[] Efs = [16, 32, 64, 128, 256];

    internal sealed record DataSet(string Name, int Rows, int Dim, string Metric, float[][] Base, float[][] Queries, int[][] Truth);

    private sealed record Measurement(string System, int Ef, double Recall, double Qps, double P50, double P99);

    public static int Run(string[] args)
    {
        var sets = (args.Length > 0 ? args[0] : "A,B").Split(',');
        var report = new StringBuilder();
        foreach (var name in sets)
        {
            // A second argument shrinks the sets for a quick check of the harness itself.
            var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
            var set = name == "B" ? Make("B", rows, 768, "COSINE", 100) : Make("A", rows, 128, "L2", 200);
            // Each set's table as soon as it is measured (set B takes long on a loaded machine), then all of them.
            var table = Measure(set);
            Console.Error.WriteLine(table);
            report.AppendLine(table);
        }
        Console.WriteLine(report);
        return 0;
    }

    /// <summary>
    /// "ann-flat [A|B|A,B] [rows]": only the exact search (FLAT one query per request, one request of 100 queries,
    /// the same with the batched path off, where the request's milliseconds go) and the plain C scan with the memory
    /// bandwidth, on the first 100 queries of the sets; minutes, not the whole harness.
    /// </summary>
    public static int RunFlat(string[] args)
    {
        var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        foreach (var name in (args.Length > 0 ? args[0] : "A,B").Split(','))
        {
            var set = name == "B" ? Make("B", rows, 768, "COSINE", 100, queryCount: 100) : Make("A", rows, 128, "L2", 200, queryCount: 100);
            var directory = Path.Combine(Path.GetTempPath(), "milvus-ann-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            try
            {
                WriteSet(set, directory);
                double single;
                using (var engine = MilvusLocalEngine.Open(Path.Combine(directory, "bench.db")))
                {
                    var client = new MilvusService.MilvusServiceClient(engine.CreateCallInvoker());
                    CreateIndexed(client, set, "flat", "FLAT", "{}");
                    (single, var line) = MeasureFlat(client, set);
                    Console.WriteLine($"set {name}: {line}");
                    // The same with the matrix-product path off (four queries per row load), for the ratio in one run.
                    Milvus.Local.Search.BatchedDenseScan.Enabled = false;
                    Console.WriteLine($"set {name}, batched path off: {MeasureFlat(client, set).Line}");
                    Milvus.Local.Search.BatchedDenseScan.Enabled = true;
                    foreach (var phase in FlatProfile.Run(engine, client, set, "flat")) Console.WriteLine($"set {name}: {phase}");
                }
                Console.WriteLine($"set {name}: {NativeScan.Run(set, directory, single)}");
            }
            finally
            {
                try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
            }
        }
        return 0;
    }

    /// <summary>
    /// "ann-callers [rows]": set A, the engine's HNSW in-process and hnswlib-node only, one query per call on 1 and on 2
    /// callers at ef 16 and 32, three rounds of each (the libraries' rounds in one node run between the engine's), for
    /// the 2-caller ratio in minutes instead of the whole harness.
    /// </summary>
    public static int RunCallers(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var set = Make("A", rows, 128, "L2", 200);
        Console.WriteLine(InSetDirectory(set, directory =>
        {
            var results = new List<Measurement>();
            var builds = new Dictionary<string, double>();
            int[] efs = [16, 32];
            using (var engine = MilvusLocalEngine.Open(Path.Combine(directory, "bench.db")))
            {
                var client = new MilvusService.MilvusServiceClient(engine.CreateCallInvoker());
                builds["engine HNSW (2 threads)"] = CreateIndexed(client, set, "hnsw", "HNSW", $"{{\"M\": {M}, \"efConstruction\": {EfConstruction}}}");
                SearchOneByOne(client, set, "hnsw", $"{{\"ef\": {efs[0]}}}", callers: 1);
                SearchOneByOne(client, set, "hnsw", $"{{\"ef\": {efs[0]}}}", callers: 2);
                void EngineRound()
                {
                    foreach (var ef in efs)
                        foreach (var callers in new[] { 1, 2 })
                        {
                            var (recall, qps, p50, p99) = SearchOneByOne(client, set, "hnsw", $"{{\"ef\": {ef}}}", callers);
                            results.Add(new Measurement($"engine HNSW in-process, {callers} caller{(callers == 1 ? "" : "s")}", ef, recall, qps, p50, p99));
                            Console.Error.WriteLine(results[^1]);
                        }
                }
                EngineRound();
                var (reference, referenceBuilds) = RunNode(set, directory, [.. efs, .. efs, .. efs], "hnswlib-node");
                results.AddRange(reference);
                foreach (var b in referenceBuilds) builds[b.Key] = b.Value;
                EngineRound();
                EngineRound();
            }
            return Table(set, results, builds, []);
        }));
        return 0;
    }

    /// <summary>
    /// The process's resident memory over the engine just opened (<paramref name="opened"/>), with the named collections
    /// loaded and again after every collection is dropped. Both include what this process kept or returned since it opened
    /// the engine (compiled code, heap the runtime has not returned, the native allocator's caches; on set B the second
    /// figure came out below the first baseline), so the collections' own share is their difference, compared with their
    /// raw vectors plus their stored index bytes. `storage` measures the issue's 1.3x target on a fresh process after a
    /// reopen, against the same process on an empty database.
    /// </summary>
    private static string EngineMemory(MilvusService.MilvusServiceClient client, DataSet set, string database, long opened, params string[] loaded)
    {
        var index = Storage.StorageBenchmark.StoredIndexBytes(database, loaded);
        var withCollections = ResidentAfterCollection() - opened;
        foreach (var name in client.ShowCollections(new ShowCollectionsRequest()).CollectionNames)
            Check(client.DropCollection(new DropCollectionRequest { CollectionName = name }));
        var afterDrops = ResidentAfterCollection() - opened;
        var raw = (double)loaded.Length * set.Rows * set.Dim * sizeof(float);
        var collections = withCollections - afterDrops;
        return string.Create(CultureInfo.InvariantCulture,
            $"resident memory over the engine just opened, with {string.Join(" and ", loaded)} loaded: {withCollections / 1e6:F0} MB; after dropping every "
            + $"collection: {afterDrops / 1e6:F0} MB; so the collections take {collections / 1e6:F0} MB, against their raw vectors {raw / 1e6:F0} MB + stored "
            + $"index {index / 1e6:F0} MB = {collections / (raw + index):F2}x; `storage` measures the 1.3x target on a fresh process");
    }

    /// <summary>
    /// The process's resident bytes after a full blocking collection that also returns the heap's free memory to the
    /// system (as the runtime does in time by itself), so garbage of earlier phases is not counted.
    /// </summary>
    private static long ResidentAfterCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>Runs <paramref name="body"/> with the set written to a new temporary directory, deleted afterwards.</summary>
    private static T InSetDirectory<T>(DataSet set, Func<string, T> body)
    {
        var directory = Path.Combine(Path.GetTempPath(), "milvus-ann-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            WriteSet(set, directory);
            return body(directory);
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    internal static DataSet Make(string name, int rows, int dim, string metric, int clusters, int queryCount = 1000)
    {
        var clock = Stopwatch.StartNew();
        var data = ClusteredVectors.Generate(rows, dim, clusters, seed: 42, spread: 0.8f);
        // The first queryCount of the 1,000 queries (the same vectors in every mode).
        var queries = Queries(dim, clusters, queryCount);
        var truth = ClusteredVectors.GroundTruth(data, queries, K, metric);
        Console.Error.WriteLine($"set {name}: {rows}x{dim} {metric}, ground truth in {clock.Elapsed.TotalSeconds:F1}s");
        return new DataSet(name, rows, dim, metric, data, queries, truth);
    }

    /// <summary>The first <paramref name="count"/> of the 1,000 queries of a set: rows of its clusters, each moved a little.</summary>
    internal static float[][] Queries(int dim, int clusters, int count = 1000)
        => ClusteredVectors.Generate(1000, dim, clusters, seed: 42, spread: 0.8f).Take(count)
            .Select((q, i) => q.Select(v => v + 0.1f * MathF.Sin(v * 7 + i)).ToArray()).ToArray();

    private static string Measure(DataSet set) => InSetDirectory(set, directory =>
    {
        var results = new List<Measurement>();
        var builds = new Dictionary<string, double>();
        var notes = new List<string>();
        double flatSingle;
        var database = Path.Combine(directory, "bench.db");
        using (var engine = MilvusLocalEngine.Open(database))
        {
            var opened = ResidentAfterCollection();
            var client = new MilvusService.MilvusServiceClient(engine.CreateCallInvoker());
            builds["engine HNSW (2 threads)"] = CreateIndexed(client, set, "hnsw", "HNSW", $"{{\"M\": {M}, \"efConstruction\": {EfConstruction}}}");
            // Warm-up (tiered JIT, caches), not measured: every system gets one pass first.
            SearchOneByOne(client, set, "hnsw", $"{{\"ef\": {Efs[0]}}}", callers: 1);
            SearchOneByOne(client, set, "hnsw", $"{{\"ef\": {Efs[0]}}}", callers: 2);
            foreach (var ef in Efs)
            {
                var (recall, qps, p50, p99) = SearchOneByOne(client, set, "hnsw", $"{{\"ef\": {ef}}}", callers: 1);
                results.Add(new Measurement("engine HNSW in-process, 1 caller", ef, recall, qps, p50, p99));
                var two = SearchOneByOne(client, set, "hnsw", $"{{\"ef\": {ef}}}", callers: 2);
                results.Add(new Measurement("engine HNSW in-process, 2 callers", ef, two.Recall, two.Qps, two.P50, two.P99));
                Console.Error.WriteLine(string.Join(Environment.NewLine, results.TakeLast(2)));
            }
            MeasureHnswSq(client, set, results, builds);
            CreateIndexed(client, set, "flat", "FLAT", "{}");
            (flatSingle, var flat) = MeasureFlat(client, set);
            notes.Add(flat);
            Console.Error.WriteLine(flat);
            if (set.Name == "A") notes.AddRange(RunServer(engine, directory, results));
            notes.Add(EngineMemory(client, set, database, opened, "hnsw", "flat"));
        }
        var (reference, referenceBuilds) = RunNode(set, directory, Efs);
        results.AddRange(reference);
        foreach (var b in referenceBuilds) builds[b.Key] = b.Value;
        notes.Add(NativeScan.Run(set, directory, flatSingle));
        return Table(set, results, builds, notes);
    });

    /// <summary>
    /// HNSW_SQ with the same M / efConstruction: the graph over SQ8 codes, without refine and with an FP32 refine of
    /// 2 x k candidates, one caller, the low ef settings (where the best QPS at recall 0.95 lies).
    /// </summary>
    private static void MeasureHnswSq(MilvusService.MilvusServiceClient client, DataSet set, List<Measurement> results, Dictionary<string, double> builds)
    {
        foreach (var (name, refine, search) in new[] { ("sq8", "", ""), ("sq8refine", ", \"refine\": true, \"refine_type\": \"FP32\"", ", \"refine_k\": 2") })
        {
            builds[$"engine HNSW_SQ {name} (2 threads)"] = CreateIndexed(client, set, name, "HNSW_SQ",
                $"{{\"M\": {M}, \"efConstruction\": {EfConstruction}, \"sq_type\": \"SQ8\"{refine}}}");
            SearchOneByOne(client, set, name, $"{{\"ef\": {Efs[0]}{search}}}", callers: 1);
            foreach (var ef in Efs.Take(3))
            {
                var (recall, qps, p50, p99) = SearchOneByOne(client, set, name, $"{{\"ef\": {ef}{search}}}", callers: 1);
                results.Add(new Measurement($"engine HNSW_SQ {name} in-process, 1 caller", ef, recall, qps, p50, p99));
                Console.Error.WriteLine(results[^1]);
            }
            Check(client.ReleaseCollection(new ReleaseCollectionRequest { CollectionName = name }));
        }
    }

    /// <summary>The set as flat files for ann.mjs, server.mjs and scan.c.</summary>
    internal static void WriteSet(DataSet set, string directory)
    {
        File.WriteAllBytes(Path.Combine(directory, "base.f32"), MemoryMarshal.AsBytes(set.Base.SelectMany(r => r).ToArray().AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(directory, "queries.f32"), MemoryMarshal.AsBytes(set.Queries.SelectMany(r => r).ToArray().AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(directory, "truth.i32"), MemoryMarshal.AsBytes(set.Truth.SelectMany(r => r).ToArray().AsSpan()).ToArray());
        File.WriteAllText(Path.Combine(directory, "meta.json"), JsonSerializer.Serialize(new { rows = set.Rows, dim = set.Dim, nq = set.Queries.Length, k = K }));
    }

    /// <summary>
    /// Serves the engine's collections through Milvus.Local.Server (Kestrel, loopback, port 0) and runs server.mjs with
    /// the official Node SDK against it: HNSW for each ef and FLAT, one query per call.
    /// </summary>
    private static List<string> RunServer(MilvusLocalEngine engine, string directory, List<Measurement> results)
    {
        var script = Path.Combine(Path.GetDirectoryName(ScriptPath())!, "server.mjs");
        var sdk = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(script)!, "..", "..", "compat", "node_modules", "milvus2-sdk-node-3"));
        if (!Directory.Exists(sdk)) return ["server rows left out: the Node SDK is not installed (npm install in tests/compat)"];
        var host = Milvus.Local.Server.LocalServerHost.StartAsync(engine).GetAwaiter().GetResult();
        try
        {
            var flat = 0.0;
            var hnsw = new List<Measurement>();
            foreach (var r in RunJsonLines(script, [host.Address, directory, string.Join(",", Efs)]))
            {
                var m = new Measurement(r.GetProperty("system").GetString()!, r.GetProperty("ef").GetInt32(), r.GetProperty("recall").GetDouble(),
                    r.GetProperty("qps").GetDouble(), r.GetProperty("p50").GetDouble(), r.GetProperty("p99").GetDouble());
                if (m.Ef == 0) flat = m.Qps;
                else hnsw.Add(m);
                results.Add(m);
            }
            var best = hnsw.Where(m => m.Recall >= 0.95).OrderByDescending(m => m.Qps).FirstOrDefault();
            return best is null || flat == 0 ? ["server rows: no HNSW setting reached recall 0.95 or FLAT failed"]
                : [string.Create(CultureInfo.InvariantCulture,
                    $"Through Milvus.Local.Server + Node SDK: HNSW {best.Qps:F0} QPS (ef {best.Ef}, recall {best.Recall:F3}) = {best.Qps / flat:F0}x FLAT's {flat:F1} QPS (Milvus Lite's bar: 50x)")];
        }
        finally { host.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
    }

    /// <summary>Runs a node script and parses each line it prints as JSON.</summary>
    private static List<JsonElement> RunJsonLines(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node", [script, .. arguments]) { RedirectStandardOutput = true, WorkingDirectory = Path.GetDirectoryName(script)! };
        using var node = Process.Start(start)!;
        var lines = new List<JsonElement>();
        while (node.StandardOutput.ReadLine() is { } line)
        {
            Console.Error.WriteLine(line);
            lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        }
        node.WaitForExit();
        if (node.ExitCode != 0) Console.Error.WriteLine($"{Path.GetFileName(script)} exited with {node.ExitCode}");
        return lines;
    }

    /// <summary>Creates, fills (one insert: one sealed segment), indexes and loads a collection; returns the index build seconds.</summary>
    internal static double CreateIndexed(MilvusService.MilvusServiceClient client, DataSet set, string name, string indexType, string parameters)
    {
        var schema = new CollectionSchema
        {
            Name = name,
            Fields =
            {
                new FieldSchema { Name = "id", DataType = DataType.Int64, IsPrimaryKey = true },
                new FieldSchema { Name = "v", DataType = DataType.FloatVector, TypeParams = { new KeyValuePair { Key = "dim", Value = set.Dim.ToString(CultureInfo.InvariantCulture) } } },
            },
        };
        Check(client.CreateCollection(new CreateCollectionRequest { CollectionName = name, Schema = schema.ToByteString() }));
        // Batches stay well under the server's 64 MiB request cap (Milvus's proxy.grpc.serverMaxRecvSize).
        var batch = Math.Max(1, 32 * 1024 * 1024 / (set.Dim * sizeof(float)));
        for (var start = 0; start < set.Rows; start += batch)
        {
            var count = Math.Min(batch, set.Rows - start);
            var vectors = new FloatArray();
            for (var i = start; i < start + count; i++) vectors.Data.Add(set.Base[i]);
            var ids = new LongArray();
            for (var i = start; i < start + count; i++) ids.Data.Add(i);
            Check(client.Insert(new InsertRequest
            {
                CollectionName = name, NumRows = (uint)count,
                FieldsData =
                {
                    new FieldData { FieldName = "id", Type = DataType.Int64, Scalars = new ScalarField { LongData = ids } },
                    new FieldData { FieldName = "v", Type = DataType.FloatVector, Vectors = new VectorField { Dim = set.Dim, FloatVector = vectors } },
                },
            }).Status);
        }
        Check(client.Flush(new FlushRequest { CollectionNames = { name } }).Status);
        var clock = Stopwatch.StartNew();
        Check(client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = name, FieldName = "v",
            ExtraParams =
            {
                new KeyValuePair { Key = "index_type", Value = indexType }, new KeyValuePair { Key = "metric_type", Value = set.Metric },
                new KeyValuePair { Key = "params", Value = parameters },
            },
        }));
        while (client.DescribeIndex(new DescribeIndexRequest { CollectionName = name }).IndexDescriptions[0].State != IndexState.Finished) Thread.Sleep(50);
        var seconds = clock.Elapsed.TotalSeconds;
        Check(client.LoadCollection(new LoadCollectionRequest { CollectionName = name }));
        Console.Error.WriteLine($"{name}: {indexType} built in {seconds:F1}s");
        return seconds;
    }

    internal static (double Recall, double Qps, double P50, double P99) SearchOneByOne(MilvusService.MilvusServiceClient client, DataSet set,
        string collection, string parameters, int callers)
    {
        var found = new IReadOnlyCollection<int>[set.Queries.Length];
        var latencies = new double[set.Queries.Length];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, caller =>
        {
            for (var q = caller; q < set.Queries.Length; q += callers)
            {
                var started = Stopwatch.GetTimestamp();
                var reply = client.Search(Request(collection, [set.Queries[q]], parameters));
                latencies[q] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Check(reply.Status);
                found[q] = reply.Results.Ids.IntId.Data.Select(i => (int)i).ToList();
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (ClusteredVectors.Recall(set.Truth, found), set.Queries.Length / seconds, latencies[latencies.Length / 2], latencies[latencies.Length * 99 / 100]);
    }

    /// <summary>Interleaved rounds of <see cref="MeasureFlat"/> (each kept at its best: the machine is shared).</summary>
    private const int FlatRounds = 7;

    /// <summary>
    /// Exact search: 100 single-query requests against one request of the same 100 queries. Both paths are warmed
    /// first until the JIT has tiered them (several hundred calls of the single-query path, a pause for the background
    /// compiler, then more), so neither is measured in tier 0; then <see cref="FlatRounds"/> interleaved rounds, each
    /// path's best round kept (a round on a shared machine can lose its cores), with the process CPU time per query.
    /// </summary>
    private static (double Single, string Line) MeasureFlat(MilvusService.MilvusServiceClient client, DataSet set)
    {
        var queries = set.Queries.Take(100).ToArray();
        var singles = queries.Select(q => Request("flat", [q], "{}")).ToArray();
        var whole = Request("flat", queries, "{}");
        for (var warm = 0; warm < 4; warm++)
        {
            foreach (var request in singles) Check(client.Search(request).Status);
            for (var i = 0; i < 5; i++) Check(client.Search(whole).Status);
            Thread.Sleep(200);
        }
        var single = new List<double>();
        var batched = new List<double>();
        var singleCpu = new List<double>();
        var batchedCpu = new List<double>();
        SearchResults batch = null!;
        for (var round = 0; round < FlatRounds; round++)
        {
            var (qps, cpu) = Timed(() => { foreach (var request in singles) Check(client.Search(request).Status); });
            single.Add(qps * queries.Length);
            singleCpu.Add(cpu / queries.Length);
            (qps, cpu) = Timed(() =>
            {
                var response = client.Search(whole);
                Check(response.Status);
                batch = response;
            });
            batched.Add(qps * queries.Length);
            batchedCpu.Add(cpu / queries.Length);
        }
        var found = Enumerable.Range(0, queries.Length)
            .Select(q => (IReadOnlyCollection<int>)batch.Results.Ids.IntId.Data.Skip(q * K).Take(K).Select(i => (int)i).ToList()).ToList();
        var recall = ClusteredVectors.Recall(set.Truth.Take(100).ToArray(), found);
        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        return (single.Max(), string.Create(CultureInfo.InvariantCulture,
            $"FLAT (exact) in-process, best of {FlatRounds} interleaved rounds after warm-up: {single.Max():F1} QPS one query per request, " +
            $"{batched.Max():F1} QPS in one request of 100 ({batched.Max() / single.Max():F1}x; medians {Median(single):F1} / {Median(batched):F1} = " +
            $"{Median(batched) / Median(single):F1}x), recall {recall:F3}; CPU time per query {singleCpu.Min():F3} ms one per request, " +
            $"{batchedCpu.Min():F3} ms in the request of 100 ({singleCpu.Min() / batchedCpu.Min():F1}x less)"));
    }

    /// <summary>Runs <paramref name="work"/> once: calls per second (1 / wall seconds) and the process CPU milliseconds it took.</summary>
    private static (double PerSecond, double CpuMs) Timed(Action work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        work();
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (1 / seconds, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    internal static SearchRequest Request(string collection, float[][] queries, string parameters)
    {
        var placeholder = new PlaceholderValue { Tag = "$0", Type = PlaceholderType.FloatVector };
        foreach (var q in queries) placeholder.Values.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(q.AsSpan())));
        return new SearchRequest
        {
            CollectionName = collection, PlaceholderGroup = new PlaceholderGroup { Placeholders = { placeholder } }.ToByteString(),
            SearchParams = { new KeyValuePair { Key = "topk", Value = K.ToString(CultureInfo.InvariantCulture) }, new KeyValuePair { Key = "params", Value = parameters } },
        };
    }

    /// <summary>Runs ann.mjs on the set's files; missing node packages leave the reference rows out.</summary>
    private static (List<Measurement>, Dictionary<string, double>) RunNode(DataSet set, string directory, int[] efs, string? onlyLibrary = null)
    {
        var results = new List<Measurement>();
        var builds = new Dictionary<string, double>();
        var script = ScriptPath();
        if (!File.Exists(script) || !Directory.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules")))
        {
            Console.Error.WriteLine("reference libraries not installed: run npm install in tests/Milvus.Benchmarks/node");
            return (results, builds);
        }
        foreach (var r in RunJsonLines(script, [directory, set.Metric == "L2" ? "l2" : "cosine", M.ToString(CultureInfo.InvariantCulture),
            EfConstruction.ToString(CultureInfo.InvariantCulture), string.Join(",", efs), .. onlyLibrary is null ? Array.Empty<string>() : [onlyLibrary]]))
        {
            var library = r.GetProperty("library").GetString()!;
            if (r.TryGetProperty("build", out var build))
            {
                var threads = r.GetProperty("threads").GetInt32();
                builds[$"{library} ({(threads == 0 ? "its own threads" : $"{threads} thread")})"] = build.GetDouble();
            }
            else
            {
                var callers = r.GetProperty("callers").GetInt32();
                results.Add(new Measurement($"{library}, {callers} caller{(callers == 1 ? "" : "s")}", r.GetProperty("ef").GetInt32(),
                    r.GetProperty("recall").GetDouble(), r.GetProperty("qps").GetDouble(), r.GetProperty("p50").GetDouble(), r.GetProperty("p99").GetDouble()));
            }
        }
        return (results, builds);
    }

    /// <summary>tests/Milvus.Benchmarks/node/ann.mjs of the checkout the benchmark was built from.</summary>
    internal static string ScriptPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Milvus.Benchmarks", "node", "ann.mjs");
            if (File.Exists(candidate)) return candidate;
        }
        return "ann.mjs";
    }

    private static string Table(DataSet set, List<Measurement> results, Dictionary<string, double> builds, List<string> notes)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"### Set {set.Name}: {set.Rows:N0} x {set.Dim} {set.Metric}, clustered, seed 42, 1,000 queries, top-{K}, M {M}, efConstruction {EfConstruction}");
        s.AppendLine();
        s.AppendLine("| build | seconds |");
        s.AppendLine("|---|---:|");
        foreach (var (name, seconds) in builds) s.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {seconds:F1} |");
        s.AppendLine();
        s.AppendLine("| system | ef | recall@10 | QPS | p50 ms | p99 ms |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in results.OrderBy(r => r.System).ThenBy(r => r.Ef))
            s.AppendLine(CultureInfo.InvariantCulture, $"| {r.System} | {r.Ef} | {r.Recall:F3} | {r.Qps:F0} | {r.P50:F3} | {r.P99:F3} |");
        s.AppendLine();
        // The headline: each system's best QPS among settings with recall >= 0.95.
        s.AppendLine("| system | best QPS at recall@10 >= 0.95 |");
        s.AppendLine("|---|---:|");
        foreach (var group in results.GroupBy(r => r.System))
        {
            var best = group.Where(r => r.Recall >= 0.95).OrderByDescending(r => r.Qps).FirstOrDefault();
            s.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {(best is null ? "not reached" : $"{best.Qps:F0} (ef {best.Ef}, recall {best.Recall:F3})")} |");
        }
        s.AppendLine("faiss-node 0.5.1: not measured, it does not install here (its install script downloads a prebuilt binary from github.com or clones faiss from GitHub; only the npm registry is reachable).");
        foreach (var note in notes)
        {
            s.AppendLine();
            s.AppendLine(note);
        }
        return s.ToString();
    }

    private static void Check(Status status)
    {
        if (status.Code != 0) throw new InvalidOperationException($"{status.Code}: {status.Reason}");
    }
}
