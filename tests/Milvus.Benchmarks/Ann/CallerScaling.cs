using System.Diagnostics;
using Grpc.Core;
using Milvus.Benchmarks.Data;
using Milvus.Local;
using Milvus.Local.Indexes;
using Milvus.Local.Search;
using Milvus.Local.Transport;
using Milvus.Protocol.Api;

namespace Milvus.Benchmarks.Ann;

/// <summary>
/// Where two callers stop scaling: each layer of one HNSW search (set A, ef 16) run on 1 thread and on 2 dedicated
/// threads at once, throughput of both, the 2/1 ratio, process CPU time per call, bytes allocated per call and gen0
/// collections and GC pause time per 10,000 calls. A pure arithmetic loop is the control: the scaling the machine
/// gives two threads at that moment. Rounds alternate 1 and 2 threads; the best round of each is kept.
/// Run: dotnet run -c Release --project tests/Milvus.Benchmarks -- ann-scaling [rows] [calls per thread]
/// </summary>
public static class CallerScaling
{
    public static int Run(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var calls = args.Length > 1 ? int.Parse(args[1]) : 4000;
        Console.WriteLine($"GC: server {System.Runtime.GCSettings.IsServerGC}, latency mode {System.Runtime.GCSettings.LatencyMode} (Interactive: concurrent), " +
            $"processors {Environment.ProcessorCount}, gen0 budget {AppContext.GetData("GCgen0size") ?? "default"}");
        using var profiled = new ProfiledSearch(rows);
        {
            var (client, requests, queries, core, c, views, p) = (profiled.Client, profiled.Requests, profiled.Queries, profiled.Core, profiled.Collection, profiled.Views, profiled.Parameters);
            var (indexes, masks, decoded, service) = (profiled.Indexes, profiled.Masks, profiled.Decoded, profiled.Engine.Service);
            const string parameters = ProfiledSearch.SearchParams;

            var layers = new List<(string Name, Action<int> Run)>
            {
                ("control: arithmetic only", _ => Spin()),
                ("index walk alone", q =>
                {
                    var v = decoded[q][0].Dense!;
                    for (var s = 0; s < indexes.Length; s++) indexes[s]!.Search(indexes[s]!.Space.Prepare(v), 10, masks[s], p.IndexOptions);
                }),
                ("SearchExecutor.Run", q => SearchExecutor.Run(views, masks, p, decoded[q], 10, HitOrder.ByPosition(p.Metric), null,
                    s => core.Indexes.Find(s, p.Index.Id), CancellationToken.None)),
                ("RunSearch (decode, masks, executor, rank)", q => service.RunSearch(c, views, p, requests[q], CancellationToken.None)),
                ("service handler", q => service.Search(requests[q], Context()).GetAwaiter().GetResult()),
                ("whole in-process call", q => client.Search(requests[q])),
                ("benchmark loop body (request built, ids listed)", q =>
                {
                    var reply = client.Search(AnnBenchmark.Request("hnsw", [queries[q]], parameters));
                    _ = reply.Results.Ids.IntId.Data.Select(i => (int)i).ToList();
                }),
            };
            foreach (var layer in layers) Measure(layer.Run, queries.Length, 1, 200); // warm-up (tiered JIT)
            Console.WriteLine($"{calls} calls per thread, best of 5 rounds");
            Console.WriteLine($"{"layer",-50} {"QPS 1",9} {"QPS 2",9} {"2/1",6} {"CPU us 1",9} {"CPU us 2",9} {"B/call",8} {"gen0/10k 1",11} {"gen0/10k 2",11} {"pause ms/10k 1",15} {"pause ms/10k 2",15} {"QPS 1 no GC",12} {"QPS 2 no GC",12}");
            foreach (var (name, run) in layers)
            {
                if (Environment.GetEnvironmentVariable("SCALING_LAYERS") is { } only && !only.Split(',').Any(name.Contains)) continue;
                var one = Enumerable.Range(0, 5).Select(_ => Measure(run, queries.Length, 1, calls)).ToList();
                var two = Enumerable.Range(0, 5).Select(_ => Measure(run, queries.Length, 2, calls)).ToList();
                var b1 = one.MaxBy(r => r.Qps)!;
                var b2 = two.MaxBy(r => r.Qps)!;
                Console.WriteLine($"{name,-50} {b1.Qps,9:F0} {b2.Qps,9:F0} {b2.Qps / b1.Qps,6:F2} {one.Min(r => r.CpuUs),9:F1} {two.Min(r => r.CpuUs),9:F1} " +
                    $"{one.Min(r => r.Bytes),8:F0} {one.Min(r => r.Gen0Per10k),11:F1} {two.Min(r => r.Gen0Per10k),11:F1} {one.Min(r => r.PauseMsPer10k),15:F2} {two.Min(r => r.PauseMsPer10k),15:F2} {NoGc(run, queries.Length, 1, calls),12:F0} {NoGc(run, queries.Length, 2, calls),12:F0}");
            }
            return 0;
        }
    }

    /// <summary>The best of 5 rounds run inside a no-GC region (no collection at all), or 0 when the runtime refuses the region.</summary>
    private static double NoGc(Action<int> run, int queries, int threads, int calls)
    {
        var best = 0.0;
        for (var round = 0; round < 5; round++)
        {
            GC.Collect();
            if (!TryNoGcRegion(threads * (long)calls * 24_000)) return 0;
            try { best = Math.Max(best, Measure(run, queries, threads, calls).Qps); }
            finally { if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion(); }
        }
        return best;
    }

    private static bool TryNoGcRegion(long bytes)
    {
        try { return GC.TryStartNoGCRegion(bytes); }
        catch (ArgumentOutOfRangeException) { return false; }
    }

    private sealed record Round(double Qps, double CpuUs, double Bytes, double Gen0Per10k, double PauseMsPer10k);

    /// <summary><paramref name="threads"/> dedicated threads released together, each making <paramref name="calls"/> calls over its share of the queries.</summary>
    private static Round Measure(Action<int> run, int queries, int threads, int calls)
    {
        using var start = new ManualResetEventSlim();
        var ready = new CountdownEvent(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            ready.Signal();
            start.Wait();
            for (var i = 0; i < calls; i++) run((t + i * threads) % queries);
        })).ToList();
        workers.ForEach(w => w.Start());
        ready.Wait();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var gen0 = GC.CollectionCount(0);
        var pause = GC.GetTotalPauseDuration();
        var bytes = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        start.Set();
        workers.ForEach(w => w.Join());
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var total = (double)threads * calls;
        return new Round(total / seconds, (process.TotalProcessorTime - cpu).TotalMicroseconds / total,
            (GC.GetTotalAllocatedBytes(precise: false) - bytes) / total, (GC.CollectionCount(0) - gen0) * 10_000 / total,
            (GC.GetTotalPauseDuration() - pause).TotalMilliseconds * 10_000 / total);
    }

    /// <summary>About 50 us of register-only arithmetic: no memory, no allocation.</summary>
    private static void Spin()
    {
        var x = 1.0;
        for (var i = 0; i < 40_000; i++) x = x * 1.0000001 + 1e-9;
        if (x < 0) Console.WriteLine(x);
    }

    private static ServerCallContext Context() => new InProcessServerCallContext("/milvus.proto.milvus.MilvusService/Search", new Metadata(), DateTime.MaxValue, CancellationToken.None);
}
