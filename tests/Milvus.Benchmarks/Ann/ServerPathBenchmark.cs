using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Grpc.Net.Client;
using Milvus.Client;
using Milvus.Local;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;

namespace Milvus.Benchmarks.Ann;

/// <summary>
/// "ann-server [rows] [--baseline PATH/Milvus.Local.Server.dll] [--seconds S]": one served search taken apart
/// (docs/performance.md, "The served path"). Builds set A's HNSW and FLAT collections in-process and times them there
/// (the handler plus the in-process invoker's message copies), then serves the file with the real Milvus.Local.Server
/// process (and, in the same run, a baseline build of it) and times a trivial RPC (GetVersion) and the searches
/// through our C# client and through node/server-path.mjs (the official Node SDK 3.0.6 and a bare grpc-js client),
/// with 1 call in flight and with several. The server's CPU time per call is read from /proc (every thread's
/// schedstat) at the edges of each phase, so the table shows what the server itself spends per call.
/// </summary>
public static class ServerPathBenchmark
{
    private static readonly int[] Efs = [16, 32, 64];

    private sealed record Row(string Server, string System, int Calls, double Qps, double P50, double P99, double? Recall,
        double? ClientCpuMs, double? ServerCpuMs);

    public static int Run(string[] args)
    {
        var rows = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 100_000;
        var baseline = Option(args, "--baseline");
        var seconds = double.Parse(Option(args, "--seconds") ?? "1", CultureInfo.InvariantCulture);
        var set = AnnBenchmark.Make("A", rows, 128, "L2", 200);
        var directory = Path.Combine(Path.GetTempPath(), "milvus-served-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var results = new List<Row>();
        try
        {
            AnnBenchmark.WriteSet(set, directory);
            var db = Path.Combine(directory, "bench.db");
            using (var engine = MilvusLocalEngine.Open(db))
            {
                var client = new MilvusService.MilvusServiceClient(engine.CreateCallInvoker());
                AnnBenchmark.CreateIndexed(client, set, "hnsw", "HNSW", "{\"M\": 16, \"efConstruction\": 200}");
                AnnBenchmark.CreateIndexed(client, set, "flat", "FLAT", "{}");
                results.AddRange(InProcess(client, set, seconds));
            }
            var servers = new List<(string Label, string Dll)>();
            if (baseline is not null) servers.Add(("baseline", Path.GetFullPath(baseline)));
            servers.Add(("this build", ServerDll()));
            foreach (var (label, dll) in servers)
            {
                using var server = ServedProcess.Start(dll, db);
                Console.Error.WriteLine($"{label}: {dll} serving {server.Address} (pid {server.Pid})");
                results.AddRange(CSharpClient(label, server, set, seconds).GetAwaiter().GetResult());
                results.AddRange(NodeClients(label, server, directory, seconds));
            }
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
        Console.WriteLine(Table(set, results));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The handler through the in-process invoker (messages copied as on the wire), one caller.</summary>
    private static List<Row> InProcess(MilvusService.MilvusServiceClient client, AnnBenchmark.DataSet set, double seconds)
    {
        var rows = new List<Row>();
        var version = Timed(Calls(3000, seconds), 500, _ => { client.GetVersion(new GetVersionRequest()); return null; });
        rows.Add(Summarize("in-process", "GetVersion", version, set));
        foreach (var ef in Efs)
        {
            var search = Timed(Calls(1500, seconds), 200, i => Ids(client.Search(AnnBenchmark.Request("hnsw", [set.Queries[i % set.Queries.Length]], $"{{\"ef\": {ef}}}"))));
            rows.Add(Summarize("in-process", $"HNSW ef {ef}", search, set));
        }
        var flat = Timed(Calls(300, seconds), 20, i => Ids(client.Search(AnnBenchmark.Request("flat", [set.Queries[i % set.Queries.Length]], "{}"))));
        rows.Add(Summarize("in-process", "FLAT", flat, set));
        foreach (var row in rows) Console.Error.WriteLine(row);
        return rows;
    }

    private static int Calls(int perSecond, double seconds) => Math.Max(50, (int)(perSecond * seconds));

    private static int[] Ids(Milvus.Protocol.Api.SearchResults reply)
    {
        if (reply.Status.Code != 0) throw new InvalidOperationException(reply.Status.Reason);
        return reply.Results.Ids.IntId.Data.Select(i => (int)i).ToArray();
    }

    private sealed record Timing(double[] Latencies, int[]?[] Found, double Seconds, double ClientCpuMs, double? ServerCpuMs);

    /// <summary>A warm-up, then <paramref name="calls"/> blocking calls on this thread.</summary>
    private static Timing Timed(int calls, int warmUp, Func<int, int[]?> call)
    {
        for (var i = 0; i < warmUp; i++) call(i);
        var latencies = new double[calls];
        var found = new int[]?[calls];
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            found[i] = call(i);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return new Timing(latencies, found, elapsed, (process.TotalProcessorTime - cpu).TotalMilliseconds, null);
    }

    /// <summary>Our client (AsyncMilvusClient over Grpc.Net.Client) against the server process, 1 and N calls in flight.</summary>
    private static async Task<List<Row>> CSharpClient(string server, ServedProcess process, AnnBenchmark.DataSet set, double seconds)
    {
        var rows = new List<Row>();
        await using var client = new AsyncMilvusClient(process.Address);
        await client.ConnectAsync();
        static Dictionary<string, object?> Ef(int ef) => new() { ["params"] = new Dictionary<string, object?> { ["ef"] = ef } };
        async Task<int[]?> Search(string collection, int i, Dictionary<string, object?>? parameters)
        {
            var hits = await client.SearchAsync(collection, [set.Queries[i % set.Queries.Length]], limit: 10, searchParams: parameters);
            return hits[0].Select(h => Convert.ToInt32(h.Id, CultureInfo.InvariantCulture)).ToArray();
        }
        async Task Phase(string name, int calls, int warmUp, int inFlight, Func<int, Task<int[]?>> call)
        {
            await Drive(warmUp, inFlight, call);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var serverCpu = process.CpuMs();
            var clock = Stopwatch.StartNew();
            var (latencies, found) = await Drive(calls, inFlight, call);
            var elapsed = clock.Elapsed.TotalSeconds;
            var timing = new Timing(latencies, found, elapsed, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds, process.CpuMs() - serverCpu);
            rows.Add(Summarize(server, $"C# client {name}, {inFlight} in flight", timing, set));
            Console.Error.WriteLine(rows[^1]);
        }
        await Phase("GetVersion", Calls(3000, seconds), 500, 1, async _ => { await client.GetServerVersionAsync(); return null; });
        foreach (var ef in Efs) await Phase($"HNSW ef {ef}", Calls(1500, seconds), 300, 1, i => Search("hnsw", i, Ef(ef)));
        await Phase("FLAT", Calls(300, seconds), 20, 1, i => Search("flat", i, null));
        await Phase($"HNSW ef {Efs[0]}", Calls(3000, seconds), 300, 4, i => Search("hnsw", i, Ef(Efs[0])));
        await Phase($"HNSW ef {Efs[0]}", Calls(3000, seconds), 300, 16, i => Search("hnsw", i, Ef(Efs[0])));
        await Phase("FLAT", Calls(300, seconds), 20, 4, i => Search("flat", i, null));
        return rows;
    }

    /// <summary>Runs <paramref name="calls"/> calls with <paramref name="inFlight"/> outstanding at a time.</summary>
    private static async Task<(double[] Latencies, int[]?[] Found)> Drive(int calls, int inFlight, Func<int, Task<int[]?>> call)
    {
        var latencies = new double[calls];
        var found = new int[]?[calls];
        var next = -1;
        async Task Lane()
        {
            for (var i = Interlocked.Increment(ref next); i < calls; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                found[i] = await call(i).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(Lane)));
        return (latencies, found);
    }

    /// <summary>node/server-path.mjs against the server process; the server's CPU read at each phase's marks.</summary>
    private static List<Row> NodeClients(string server, ServedProcess process, string directory, double seconds)
    {
        var rows = new List<Row>();
        var script = Path.Combine(Path.GetDirectoryName(AnnBenchmark.ScriptPath())!, "server-path.mjs");
        if (!Directory.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(script)!, "..", "..", "compat", "node_modules", "milvus2-sdk-node-3"))))
        {
            Console.Error.WriteLine("Node rows left out: the Node SDK is not installed (npm install in tests/compat)");
            return rows;
        }
        var start = new ProcessStartInfo("node", [script, process.Address, directory, string.Join(",", Efs), seconds.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        using var node = Process.Start(start)!;
        double begin = 0, end = 0;
        while (node.StandardOutput.ReadLine() is { } line)
        {
            var json = JsonDocument.Parse(line).RootElement;
            if (json.TryGetProperty("mark", out var mark))
            {
                if (mark.GetString() == "begin") begin = process.CpuMs();
                else end = process.CpuMs();
                continue;
            }
            var calls = json.GetProperty("calls").GetInt32();
            var recall = json.GetProperty("recall");
            rows.Add(new Row(server, json.GetProperty("system").GetString()!, calls, json.GetProperty("qps").GetDouble(),
                json.GetProperty("p50").GetDouble(), json.GetProperty("p99").GetDouble(),
                recall.ValueKind == JsonValueKind.Null ? null : recall.GetDouble(),
                json.GetProperty("clientCpuMsPerCall").GetDouble(), (end - begin) / calls));
            Console.Error.WriteLine(rows[^1]);
        }
        node.WaitForExit();
        if (node.ExitCode != 0) Console.Error.WriteLine($"server-path.mjs exited with {node.ExitCode}");
        return rows;
    }

    private static Row Summarize(string server, string system, Timing timing, AnnBenchmark.DataSet set)
    {
        var sorted = timing.Latencies.Order().ToArray();
        double? recall = null;
        if (timing.Found[0] is not null)
        {
            var truth = Enumerable.Range(0, timing.Found.Length).Select(i => set.Truth[i % set.Truth.Length]).ToArray();
            recall = Data.ClusteredVectors.Recall(truth, timing.Found.Select(f => (IReadOnlyCollection<int>)f!).ToList());
        }
        var calls = sorted.Length;
        return new Row(server, system, calls, calls / timing.Seconds, sorted[calls / 2], sorted[calls * 99 / 100], recall,
            timing.ClientCpuMs / calls, timing.ServerCpuMs / calls);
    }

    /// <summary>src/Milvus.Local.Server's Release build of this checkout.</summary>
    private static string ServerDll()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(AnnBenchmark.ScriptPath())!, "..", "..", ".."));
        var bin = Path.Combine(root, "src", "Milvus.Local.Server", "bin", "Release");
        return Directory.EnumerateFiles(bin, "Milvus.Local.Server.dll", SearchOption.AllDirectories).FirstOrDefault()
            ?? throw new FileNotFoundException($"no Release build of Milvus.Local.Server under {bin}");
    }

    private static string Table(AnnBenchmark.DataSet set, List<Row> rows)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"### The served path, set A ({set.Rows:N0} x {set.Dim} L2, HNSW M 16 efConstruction 200, top 10)");
        s.AppendLine();
        s.AppendLine("| server | system | calls | QPS | p50 ms | p99 ms | recall@10 | client CPU ms/call | server CPU ms/call |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Server} | {r.System} | {r.Calls} | {r.Qps:F0} | {r.P50:F3} | {r.P99:F3} | {(r.Recall is { } x ? x.ToString("F3", CultureInfo.InvariantCulture) : "")} | {r.ClientCpuMs:F3} | {(r.ServerCpuMs is { } c ? c.ToString("F3", CultureInfo.InvariantCulture) : "")} |");
        return s.ToString();
    }

    /// <summary>A Milvus.Local.Server process on a free loopback port, stopped with SIGTERM on dispose.</summary>
    private sealed class ServedProcess : IDisposable
    {
        private readonly Process _process;

        private ServedProcess(Process process, string address)
        {
            _process = process;
            Address = address;
        }

        public string Address { get; }

        public int Pid => _process.Id;

        public static ServedProcess Start(string dll, string db)
        {
            var start = new ProcessStartInfo("dotnet", [dll, "--data", db, "--port", "0"]) { RedirectStandardOutput = true };
            var process = Process.Start(start)!;
            var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the server exited before it listened");
            var served = new ServedProcess(process, line["listening on ".Length..]);
            served.WaitLoaded("hnsw", "flat");
            return served;
        }

        /// <summary>Opening a database loads its Loaded collections in the background; searches wait for that, so wait here.</summary>
        private void WaitLoaded(params string[] collections)
        {
            using var channel = GrpcChannel.ForAddress(Address);
            var client = new MilvusService.MilvusServiceClient(channel);
            var clock = Stopwatch.StartNew();
            foreach (var name in collections)
                while (client.GetLoadState(new GetLoadStateRequest { CollectionName = name }).State != Milvus.Protocol.Common.LoadState.Loaded)
                {
                    if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"{name} did not load");
                    Thread.Sleep(100);
                }
            Console.Error.WriteLine($"server loaded in {clock.Elapsed.TotalSeconds:F1}s");
        }

        /// <summary>The CPU time every thread of the server has run so far, in ms (schedstat: nanoseconds on a CPU).</summary>
        public double CpuMs()
        {
            long total = 0;
            foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
            {
                try
                {
                    var text = File.ReadAllText(Path.Combine(task, "schedstat"));
                    total += long.Parse(text.AsSpan(0, text.IndexOf(' ')), CultureInfo.InvariantCulture);
                }
                catch (IOException) { } // a thread that ended meanwhile
            }
            return total / 1e6;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
                if (!_process.WaitForExit(30_000)) _process.Kill();
            }
            _process.Dispose();
        }
    }
}
