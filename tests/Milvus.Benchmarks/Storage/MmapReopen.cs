using System.Diagnostics;
using System.Globalization;
using Milvus.Local;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;

namespace Milvus.Benchmarks.Storage;

/// <summary>
/// "storage mmap PATH [rounds]": the reopen of the 100,000 x 768 COSINE HNSW set (written at PATH when missing) with
/// mmap.enabled off and on, each in a fresh process, alternating in one run. A copy of the file (PATH.mmap-on.db) gets
/// mmap.enabled = true (released, altered, loaded: its cache files written); then each round reopens the original (off),
/// the copy with its cache files (on: mapped again, no column read from the database), and every round's last step
/// deletes the copy's cache folder and reopens it (on, rebuild: the column read from the database into a new cache
/// file). Printed per reopen: Open returned / first search answered (ms) and resident memory, anonymous and
/// file-backed (/proc/self/status RssAnon, RssFile), and how much of the database's files (with the cache files) was in
/// the page cache when the reopen began and when it ended ("--cold": evicted before each reopen).
/// </summary>
internal static class MmapReopen
{
    public static int Run(string path, int rounds)
    {
        if (!File.Exists(path)) StorageBenchmark.WriteReopenSet(path, 100_000);
        var copy = path + ".mmap-on.db";
        if (!File.Exists(copy)) PrepareCopy(path, copy);
        var cache = copy + ".mmap";
        var rows = new List<(string Case, StorageBenchmark.ChildResult Result)>();
        for (var round = 0; round < rounds; round++)
        {
            rows.Add(("off", StorageBenchmark.RunChild(path)));
            rows.Add(("on, cache files reused", StorageBenchmark.RunChild(copy)));
            Directory.Delete(cache, recursive: true);
            rows.Add(("on, cache deleted: rebuilt", StorageBenchmark.RunChild(copy)));
        }
        Console.WriteLine($"| reopen, fresh process{(StorageBenchmark.Cold ? ", cold" : "")} | Open returned (ms) | first search (ms) | resident (MB) | anonymous (MB) | file-backed (MB) | files cached at start / after, of total (MB) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, r) in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {r.OpenMs:F0} | {r.ReadyMs:F0} | {r.Resident / 1e6:F0} | {r.Anonymous / 1e6:F0} | {r.FileBacked / 1e6:F0} | {r.PageCacheText} |"));
        return 0;
    }

    /// <summary>Copies the set and turns mmap.enabled on for its collection (release, alter, load: the cache files are written).</summary>
    private static void PrepareCopy(string path, string copy)
    {
        var clock = Stopwatch.StartNew();
        File.Copy(path, copy);
        using var engine = MilvusLocalEngine.Open(copy);
        var client = new MilvusService.MilvusServiceClient(engine.CreateCallInvoker());
        Check(client.ReleaseCollection(new ReleaseCollectionRequest { CollectionName = "big" }));
        Check(client.AlterCollection(new AlterCollectionRequest { CollectionName = "big", Properties = { new KeyValuePair { Key = "mmap.enabled", Value = "true" } } }));
        Check(client.LoadCollection(new LoadCollectionRequest { CollectionName = "big" }));
        Console.Error.WriteLine($"mmap: copy with mmap.enabled = true loaded in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static void Check(Status status)
    {
        if (status.Code != 0) throw new InvalidOperationException($"{status.Code}: {status.Reason}");
    }
}
