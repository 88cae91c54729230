using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Milvus.Local;
using Milvus.Protocol.Api;

namespace Milvus.Benchmarks.Ann;

/// <summary>
/// "ann-pq [A|B] [rows]": the product-quantization family against HNSW and IVF_FLAT in one run on the ANN benchmark's
/// data set (docs/performance.md): per index type its build time, the stored index's bytes per vector, and recall@10
/// with QPS (one query per call, one caller) at two search settings.
/// </summary>
public static class PqBenchmark
{
    private sealed record Case(string Name, string IndexType, string Build, string[] Searches);

    public static int Run(string[] args)
    {
        var name = args.Length > 0 ? args[0] : "A";
        var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var set = name == "B" ? AnnBenchmark.Make("B", rows, 768, "COSINE", 100, queryCount: 500) : AnnBenchmark.Make("A", rows, 128, "L2", 200, queryCount: 500);
        var m = set.Dim / 4; // 4 dimensions per sub-quantizer: 32 bytes per 128-d vector
        Case[] cases =
        [
            new("hnsw", "HNSW", "{\"M\": 16, \"efConstruction\": 200}", ["{\"ef\": 32}", "{\"ef\": 128}"]),
            new("ivf_flat", "IVF_FLAT", "{\"nlist\": 256}", ["{\"nprobe\": 8}", "{\"nprobe\": 32}"]),
            new("ivf_pq", "IVF_PQ", $"{{\"nlist\": 256, \"m\": {m}, \"nbits\": 8}}", ["{\"nprobe\": 8}", "{\"nprobe\": 32}"]),
            new("scann", "SCANN", "{\"nlist\": 256}", ["{\"nprobe\": 8, \"reorder_k\": 50}", "{\"nprobe\": 32, \"reorder_k\": 200}"]),
            // The scan kernels alone on the same 4-bit codes: SCANN's fast-scan (byte tables, shuffles) against IVF_PQ's
            // float tables (what SCANN scanned with before fast-scan).
            new("scann_codes", "SCANN", "{\"nlist\": 256, \"with_raw_data\": false}", ["{\"nprobe\": 8}", "{\"nprobe\": 32}"]),
            new("ivf_pq4", "IVF_PQ", $"{{\"nlist\": 256, \"m\": {set.Dim / 2}, \"nbits\": 4}}", ["{\"nprobe\": 8}", "{\"nprobe\": 32}"]),
            new("hnsw_pq", "HNSW_PQ", $"{{\"M\": 16, \"efConstruction\": 200, \"m\": {m}}}", ["{\"ef\": 64}", "{\"ef\": 128}"]),
            new("hnsw_pq_refine", "HNSW_PQ", $"{{\"M\": 16, \"efConstruction\": 200, \"m\": {m}, \"refine\": true, \"refine_type\": \"SQ8\"}}", ["{\"ef\": 64, \"refine_k\": 2}", "{\"ef\": 128, \"refine_k\": 4}"]),
            new("hnsw_prq", "HNSW_PRQ", $"{{\"M\": 16, \"efConstruction\": 200, \"m\": {m / 2}, \"nrq\": 2}}", ["{\"ef\": 64}", "{\"ef\": 128}"]),
        ];
        var directory = Path.Combine(Path.GetTempPath(), "milvus-ann-pq-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var table = new StringBuilder();
        table.AppendLine($"set {set.Name}: {set.Rows:N0} x {set.Dim} {set.Metric}, {set.Queries.Length} queries, raw vectors {set.Dim * sizeof(float)} B each");
        table.AppendLine();
        table.AppendLine("| index | build params | build s | index B/vector | search params | recall@10 | QPS (1 caller) | p50 ms |");
        table.AppendLine("|---|---|---:|---:|---|---:|---:|---:|");
        try
        {
            var path = Path.Combine(directory, "bench.db");
            using var engine = MilvusLocalEngine.Open(path);
            var client = new MilvusService.MilvusServiceClient(engine.CreateCallInvoker());
            long stored = 0;
            foreach (var c in cases)
            {
                var seconds = AnnBenchmark.CreateIndexed(client, set, c.Name, c.IndexType, c.Build);
                var total = IndexBytes(path);
                var perVector = (double)(total - stored) / set.Rows;
                stored = total;
                AnnBenchmark.SearchOneByOne(client, set, c.Name, c.Searches[0], callers: 1); // warm-up
                foreach (var search in c.Searches)
                {
                    var (recall, qps, p50, _) = AnnBenchmark.SearchOneByOne(client, set, c.Name, search, callers: 1);
                    var line = $"| {c.IndexType} | `{c.Build}` | {seconds:F1} | {perVector:F1} | `{search}` | {recall:F3} | {qps:F0} | {p50:F2} |";
                    Console.Error.WriteLine(line);
                    table.AppendLine(line);
                }
                Check(client.ReleaseCollection(new ReleaseCollectionRequest { CollectionName = c.Name }));
            }
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
        Console.WriteLine(table);
        return 0;
    }

    /// <summary>Bytes of every stored index blob in the database file (read beside the engine, read-only).</summary>
    private static long IndexBytes(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        // Large blobs are stored in parts (index_parts), their segment_indexes row left empty.
        command.CommandText = "SELECT (SELECT coalesce(sum(length(data)), 0) FROM segment_indexes) + (SELECT coalesce(sum(length(data)), 0) FROM index_parts)";
        return (long)command.ExecuteScalar()!;
    }

    private static void Check(Milvus.Protocol.Common.Status status)
    {
        if (status.Code != 0) throw new InvalidOperationException(status.Reason);
    }
}
