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
/// with 1 call in flight and with several. The server's CPU time per call is read from /proc/PID/stat at the
/// edges of each phase, so the table shows what the server itself spends per call.
/// </summary>
public static class ServerPathBenchmark
{
    private static readonly int[] Efs = [16, 32, 64];

    private sealed record Row(int Round, string Server, string System, int Calls, double Qps, double P50, double P99, double? Recall,
        double? ClientCpuMs, double? ServerCpuMs);

    public static int Run(string[] args)
    {
        var rows = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 100_000;
        var baseline = Option(args, "--baseline");
        var seconds = double.Parse(Option(args, "--seconds") ?? "1", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "1", CultureInfo.InvariantCulture);
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
            // Both builds serve at once (the baseline from a copy of the file) and every phase runs on each in turn, so
            // a before/after ratio compares the same minutes of this shared machine; --rounds repeats the whole.
            var servers = new List<ServedProcess>();
            try
            {
                if (baseline is not null)
                {
                    var copy = Path.Combine(directory, "baseline.db");
                    File.Copy(db, copy);
                    servers.Add(ServedProcess.Start("baseline", Path.GetFullPath(baseline), copy));
                }
                servers.Add(ServedProcess.Start("this build", ServerDll(), db));
                for (var round = 1; round <= rounds; round++)
                {
                    Console.Error.WriteLine($"round {round}: {DateTime.UtcNow:HH:mm:ss} UTC, load {File.ReadAllText("/proc/loadavg").Trim()}");
                    results.AddRange(CSharpClient(servers, set, seconds, round).GetAwaiter().GetResult());
                    results.AddRange(NodeClients(servers, directory, seconds, round));
                }
            }
            finally
            {
                foreach (var server in servers) server.Dispose();
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
        rows.Add(Summarize(0, "in-process", "GetVersion", version, set));
        foreach (var ef in Efs)
        {
            var search = Timed(Calls(1500, seconds), 200, i => Ids(client.Search(AnnBenchmark.Request("hnsw", [set.Queries[i % set.Queries.Length]], $"{{\"ef\": {ef}}}"))));
            rows.Add(Summarize(0, "in-process", $"HNSW ef {ef}", search, set));
        }
        var flat = Timed(Calls(300, seconds), 20, i => Ids(client.Search(AnnBenchmark.Request("flat", [set.Queries[i % set.Queries.Length]], "{}"))));
        rows.Add(Summarize(0, "in-process", "FLAT", flat, set));
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

    /// <summary>Our client (AsyncMilvusClient over Grpc.Net.Client) against each server in turn, 1 and N calls in flight.</summary>
    private static async Task<List<Row>> CSharpClient(List<ServedProcess> servers, AnnBenchmark.DataSet set, double seconds, int round)
    {
        var rows = new List<Row>();
        var clients = new List<AsyncMilvusClient>();
        try
        {
            foreach (var server in servers)
            {
                clients.Add(new AsyncMilvusClient(server.Address));
                await clients[^1].ConnectAsync();
            }
            static Dictionary<string, object?> Ef(int ef) => new() { ["params"] = new Dictionary<string, object?> { ["ef"] = ef } };
            async Task<int[]?> Search(AsyncMilvusClient client, string collection, int i, Dictionary<string, object?>? parameters)
            {
                var hits = await client.SearchAsync(collection, [set.Queries[i % set.Queries.Length]], limit: 10, searchParams: parameters);
                return hits[0].Select(h => Convert.ToInt32(h.Id, CultureInfo.InvariantCulture)).ToArray();
            }
            async Task Phase(string name, int calls, int warmUp, int inFlight, Func<AsyncMilvusClient, int, Task<int[]?>> call)
            {
                for (var s = 0; s < servers.Count; s++)
                {
                    var client = clients[s];
                    await Drive(warmUp, inFlight, i => call(client, i));
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var serverCpu = servers[s].CpuMs();
                    var clock = Stopwatch.StartNew();
                    var (latencies, found) = await Drive(calls, inFlight, i => call(client, i));
                    var elapsed = clock.Elapsed.TotalSeconds;
                    var timing = new Timing(latencies, found, elapsed, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds,
                        servers[s].CpuMs() - serverCpu);
                    rows.Add(Summarize(round, servers[s].Label, $"C# client {name}, {inFlight} in flight", timing, set));
                    Console.Error.WriteLine(rows[^1]);
                }
            }
            await Phase("GetVersion", Calls(3000, seconds), 500, 1, async (c, _) => { await c.GetServerVersionAsync(); return null; });
            foreach (var ef in Efs) await Phase($"HNSW ef {ef}", Calls(1500, seconds), 300, 1, (c, i) => Search(c, "hnsw", i, Ef(ef)));
            await Phase("FLAT", Calls(300, seconds), 20, 1, (c, i) => Search(c, "flat", i, null));
            await Phase($"HNSW ef {Efs[0]}", Calls(3000, seconds), 300, 4, (c, i) => Search(c, "hnsw", i, Ef(Efs[0])));
            await Phase($"HNSW ef {Efs[0]}", Calls(3000, seconds), 300, 16, (c, i) => Search(c, "hnsw", i, Ef(Efs[0])));
            await Phase("FLAT", Calls(300, seconds), 20, 4, (c, i) => Search(c, "flat", i, null));
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
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

    /// <summary>node/server-path.mjs against the server processes; each server's CPU read at its phases' marks.</summary>
    private static List<Row> NodeClients(List<ServedProcess> servers, string directory, double seconds, int round)
    {
        var rows = new List<Row>();
        var script = Path.Combine(Path.GetDirectoryName(AnnBenchmark.ScriptPath())!, "server-path.mjs");
        if (!Directory.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(script)!, "..", "..", "compat", "node_modules", "milvus2-sdk-node-3"))))
        {
            Console.Error.WriteLine("Node rows left out: the Node SDK is not installed (npm install in tests/compat)");
            return rows;
        }
        var start = new ProcessStartInfo("node", [script, directory, string.Join(",", Efs), seconds.ToString(CultureInfo.InvariantCulture),
            .. servers.Select(s => $"{s.Label}={s.Address}")])
        {
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        using var node = Process.Start(start)!;
        double begin = 0, end = 0;
        while (node.StandardOutput.ReadLine() is { } line)
        {
            var json = JsonDocument.Parse(line).RootElement;
            var server = servers.Single(s => s.Label == json.GetProperty("server").GetString());
            if (json.TryGetProperty("mark", out var mark))
            {
                if (mark.GetString() == "begin") begin = server.CpuMs();
                else end = server.CpuMs();
                continue;
            }
            var calls = json.GetProperty("calls").GetInt32();
            var recall = json.GetProperty("recall");
            rows.Add(new Row(round, server.Label, json.GetProperty("system").GetString()!, calls, json.GetProperty("qps").GetDouble(),
                json.GetProperty("p50").GetDouble(), json.GetProperty("p99").GetDouble(),
                recall.ValueKind == JsonValueKind.Null ? null : recall.GetDouble(),
                json.GetProperty("clientCpuMsPerCall").GetDouble(), (end - begin) / calls));
            Console.Error.WriteLine(rows[^1]);
        }
        node.WaitForExit();
        if (node.ExitCode != 0) Console.Error.WriteLine($"server-path.mjs exited with {node.ExitCode}");
        return rows;
    }

    private static Row Summarize(int round, string server, string system, Timing timing, AnnBenchmark.DataSet set)
    {
        var sorted = timing.Latencies.Order().ToArray();
        double? recall = null;
        if (timing.Found[0] is not null)
        {
            var truth = Enumerable.Range(0, timing.Found.Length).Select(i => set.Truth[i % set.Truth.Length]).ToArray();
            recall = Data.ClusteredVectors.Recall(truth, timing.Found.Select(f => (IReadOnlyCollection<int>)f!).ToList());
        }
        var calls = sorted.Length;
        return new Row(round, server, system, calls, calls / timing.Seconds, sorted[calls / 2], sorted[calls * 99 / 100], recall,
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
        s.AppendLine("| round | server | system | calls | QPS | p50 ms | p99 ms | recall@10 | client CPU ms/call | server CPU ms/call |");
        s.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows.OrderBy(r => r.Round).ThenBy(r => r.System, StringComparer.Ordinal).ThenBy(r => r.Server, StringComparer.Ordinal))
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Round} | {r.Server} | {r.System} | {r.Calls} | {r.Qps:F0} | {r.P50:F3} | {r.P99:F3} | {(r.Recall is { } x ? x.ToString("F3", CultureInfo.InvariantCulture) : "")} | {r.ClientCpuMs:F3} | {(r.ServerCpuMs is { } c ? c.ToString("F3", CultureInfo.InvariantCulture) : "")} |");
        // Before/after in the same minutes: this build against the baseline, phase by phase.
        var pairs = rows.Where(r => r.Server == "this build")
            .Select(r => (After: r, Before: rows.FirstOrDefault(b => b.Server == "baseline" && b.Round == r.Round && b.System == r.System)))
            .Where(p => p.Before is not null).ToList();
        if (pairs.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("| round | system | QPS this build / baseline | p50 | server CPU per call |");
            s.AppendLine("|---:|---|---:|---:|---:|");
            foreach (var (after, before) in pairs.OrderBy(p => p.After.Round).ThenBy(p => p.After.System, StringComparer.Ordinal))
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"| {after.Round} | {after.System} | {after.Qps / before!.Qps:F2}x | {after.P50 / before.P50:F2}x | {after.ServerCpuMs / before.ServerCpuMs:F2}x |");
        }
        return s.ToString();
    }

    /// <summary>A Milvus.Local.Server process on a free loopback port, stopped with SIGTERM on dispose.</summary>
    private sealed class ServedProcess : IDisposable
    {
        private readonly Process _process;

        private ServedProcess(string label, Process process, string address)
        {
            Label = label;
            _process = process;
            Address = address;
        }

        public string Label { get; }

        public string Address { get; }

        public int Pid => _process.Id;

        public static ServedProcess Start(string label, string dll, string db)
        {
            var start = new ProcessStartInfo("dotnet", [dll, "--data", db, "--port", "0"]) { RedirectStandardOutput = true };
            var process = Process.Start(start)!;
            var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the server exited before it listened");
            var served = new ServedProcess(label, process, line["listening on ".Length..]);
            served.WaitLoaded("hnsw", "flat");
            Console.Error.WriteLine($"{label}: {dll} serving {served.Address} (pid {process.Id})");
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

        /// <summary>
        /// The server's CPU time so far, in ms: utime + stime of /proc/PID/stat, which also counts threads that have
        /// ended (the thread pool retires idle workers; per-thread schedstat lost them), in 10 ms clock ticks.
        /// </summary>
        public double CpuMs()
        {
            var text = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 3 of the line, so utime (14) and stime (15) are at 11 and 12 here.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
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
