using System.Diagnostics;
using System.Globalization;
using System.Text;
using Milvus.Local;
using Milvus.Protocol.Api;

namespace Milvus.Benchmarks.Ann;

/// <summary>
/// "ann-quantized [A|B] [rows]": the engine in-process on one set, HNSW (M 16, efConstruction 200) next to
/// IVF_RABITQ (nlist 256; estimates alone and with an fp32 refine) and DISKANN (Milvus's defaults: max_degree 56,
/// search_list_size 100, PQ navigation at pq_code_budget_gb_ratio 0.125) in the same run: build time, recall@10
/// against exact ground truth, QPS and latency of one query per call on one caller. Index bytes per row are the
/// structures' own (docs/performance.md). Minutes, not the whole side-by-side harness.
/// </summary>
public static class QuantizedAnnBenchmark
{
    public static int Run(string[] args)
    {
        var name = args.Length > 0 ? args[0] : "A";
        var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var set = name == "B" ? AnnBenchmark.Make("B", rows, 768, "COSINE", 100) : AnnBenchmark.Make("A", rows, 128, "L2", 200);
        var directory = Path.Combine(Path.GetTempPath(), "milvus-annq-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var table = new StringBuilder($"set {set.Name}: {set.Rows}x{set.Dim} {set.Metric}, {set.Queries.Length} queries, one query per call, 1 caller\n\n");
        table.AppendLine("| index | build s | search params | recall@10 | QPS | p50 ms | p99 ms |");
        table.AppendLine("|---|---:|---|---:|---:|---:|---:|");
        try
        {
            using var engine = MilvusLocalEngine.Open(Path.Combine(directory, "bench.db"));
            var client = new MilvusService.MilvusServiceClient(engine.CreateCallInvoker());
            var runs = new (string Collection, string Type, string Build, string[] Searches)[]
            {
                ("hnsw", "HNSW", "{\"M\": 16, \"efConstruction\": 200}", ["{\"ef\": 16}", "{\"ef\": 32}", "{\"ef\": 64}", "{\"ef\": 128}"]),
                ("rbq", "IVF_RABITQ", "{\"nlist\": 256}", ["{\"nprobe\": 16}", "{\"nprobe\": 32}"]),
                ("rbqr", "IVF_RABITQ", "{\"nlist\": 256, \"refine\": true, \"refine_type\": \"fp32\"}",
                    ["{\"nprobe\": 16, \"refine_k\": 4}", "{\"nprobe\": 32, \"refine_k\": 4}", "{\"nprobe\": 32, \"refine_k\": 4, \"rbq_bits_query\": 8}", "{\"nprobe\": 64, \"refine_k\": 8}"]),
                ("diskann", "DISKANN", "{}", ["{\"search_list\": 16}", "{\"search_list\": 32}", "{\"search_list\": 64}", "{\"search_list\": 128}"]),
            };
            foreach (var (collection, type, build, searches) in runs)
            {
                var seconds = AnnBenchmark.CreateIndexed(client, set, collection, type, build);
                AnnBenchmark.SearchOneByOne(client, set, collection, searches[0], callers: 1); // warm-up, not measured
                foreach (var search in searches)
                {
                    var (recall, qps, p50, p99) = AnnBenchmark.SearchOneByOne(client, set, collection, search, callers: 1);
                    var line = FormattableString.Invariant($"| {type} {build} | {seconds:F1} | {search} | {recall:F3} | {qps:F0} | {p50:F3} | {p99:F3} |");
                    Console.Error.WriteLine(line);
                    table.AppendLine(line);
                }
                Check(client.ReleaseCollection(new ReleaseCollectionRequest { CollectionName = collection }));
            }
            table.AppendLine(FormattableString.Invariant($"\nresident memory at the end: {Process.GetCurrentProcess().WorkingSet64 / 1e6:F0} MB"));
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
        Console.WriteLine(table);
        return 0;
    }

    private static void Check(Milvus.Protocol.Common.Status status)
    {
        if (status.Code != 0) throw new InvalidOperationException(status.Reason);
    }
}
