using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Milvus.Benchmarks.Data;
using Milvus.Local;
using Milvus.Local.Indexes;
using Milvus.Local.Search;
using Milvus.Local.Transport;
using Milvus.Protocol.Api;

namespace Milvus.Benchmarks.Ann;

/// <summary>
/// Where the time of one HNSW search through the in-process service goes: the same warm queries timed at each layer
/// (whole call through the call invoker, the service handler alone, its steps, the index walks alone), in
/// microseconds per query, with the bytes allocated per call. Run: dotnet run -c Release --project tests/Milvus.Benchmarks -- ann-profile [rows]
/// </summary>
public static class SearchProfile
{
    public static int Run(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        using var profiled = new ProfiledSearch(rows, args.Length > 1 ? args[1] : "200");
        {
            var (engine, client, requests, core, c, views, p) = (profiled.Engine, profiled.Client, profiled.Requests, profiled.Core, profiled.Collection, profiled.Views, profiled.Parameters);
            var (indexes, masks, decoded) = (profiled.Indexes, profiled.Masks, profiled.Decoded);
            Console.WriteLine($"{views.Length} segments ({string.Join(", ", views.Select(v => v.RowCount))} rows), indexed: {indexes.Count(i => i is not null)}");

            var layers = new List<(string Name, Action<SearchRequest> Run)>();
            layers.Add(("whole call (client stub + in-process invoker + service)", r => client.Search(r)));
            layers.Add(("service handler alone", r => engine.Service.Search(r, Context()).GetAwaiter().GetResult()));
            var service = engine.Service;
            var ranked = service.RunSearch(c, views, p, requests[0], CancellationToken.None);
            layers.Add(("  read scope (lock, collection snapshot, views)", r => service.ReadScope(r.DbName, r.CollectionName, r.PartitionNames, "search", Context())));
            layers.Add(("  run search (decode, parse, masks, executor, rank)", r => service.RunSearch(c, views, p, r, CancellationToken.None)));
            layers.Add(("  result assembly", _ => LocalMilvusService.ResultData(c, ranked, 10, -1, [], null, "UTC")));
            layers.Add(("  placeholder decode", r => QueryVector.FromPlaceholderGroup(r.PlaceholderGroup, p.Field)));
            layers.Add(("  search params parse", r => SearchParameters.Parse(c, r.SearchParams)));
            layers.Add(("  search params, the thread's last parse reused", r => LastSearchParameters.Parse(c, r.SearchParams)));
            layers.Add(("  collection snapshot", _ => c.Snapshot()));
            layers.Add(("  masks", _ => views.Select(v => RowMask.Excluding(v.Deleted)).ToArray()));
            var i = 0;
            layers.Add(("  SearchExecutor.Run", _ => SearchExecutor.Run(views, masks, p, decoded[i++ % decoded.Length], 10,
                HitOrder.ByPosition(p.Metric), null, s => core.Indexes.Find(s, p.Index.Id), CancellationToken.None)));
            layers.Add(("  index walks alone (every segment, one thread)", _ =>
            {
                var q = decoded[i++ % decoded.Length][0].Dense!;
                for (var v = 0; v < indexes.Length; v++) indexes[v]!.Search(indexes[v]!.Space.Prepare(q), 10, masks[v], p.IndexOptions);
            }));
            foreach (var lines in new[] { 1, 2, 4, 8 })
                layers.Add(($"  index walks, prefetching {lines} line(s) per row", _ =>
                {
                    VectorSpace.PrefetchLines = lines;
                    var q = decoded[i++ % decoded.Length][0].Dense!;
                    for (var v = 0; v < indexes.Length; v++) indexes[v]!.Search(indexes[v]!.Space.Prepare(q), 10, masks[v], p.IndexOptions);
                    VectorSpace.PrefetchLines = 8;
                }));
            layers.Add(("whole call again", r => client.Search(r)));
            layers.Add(("request copy (serialize + parse)", r => SearchRequest.Parser.ParseFrom(r.ToByteArray())));
            Report(layers, requests);
            return 0;
        }
    }

    private static ServerCallContext Context() => new InProcessServerCallContext("/milvus.proto.milvus.MilvusService/Search", new Metadata(), DateTime.MaxValue, CancellationToken.None);

    /// <summary>
    /// Rounds of every layer in turn; the best round of each is reported (the machine is shared), as wall-clock time, as
    /// the process's CPU time (which leaves out the time spent waiting for a core on a loaded machine) and as the bytes
    /// the calling thread allocated per call (what the garbage collector must later reclaim).
    /// </summary>
    private static void Report(List<(string Name, Action<SearchRequest> Run)> layers, SearchRequest[] inputs)
    {
        const int n = 500;
        var best = layers.Select(_ => double.MaxValue).ToArray();
        var bestCpu = layers.Select(_ => double.MaxValue).ToArray();
        var bytes = layers.Select(_ => long.MaxValue).ToArray();
        var process = Process.GetCurrentProcess();
        for (var round = 0; round < 8; round++)
            for (var l = 0; l < layers.Count; l++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                for (var k = 0; k < n; k++) layers[l].Run(inputs[k % inputs.Length]);
                best[l] = Math.Min(best[l], clock.Elapsed.TotalMicroseconds / n);
                bytes[l] = Math.Min(bytes[l], (GC.GetAllocatedBytesForCurrentThread() - allocated) / n);
                process.Refresh();
                bestCpu[l] = Math.Min(bestCpu[l], (process.TotalProcessorTime - cpu).TotalMicroseconds / n);
            }
        Console.WriteLine($"{"layer",-60} {"wall us",8} {"CPU us",8} {"bytes",8}");
        for (var l = 0; l < layers.Count; l++) Console.WriteLine($"{layers[l].Name,-60} {best[l],8:F1} {bestCpu[l],8:F1} {bytes[l],8}");
    }
}
