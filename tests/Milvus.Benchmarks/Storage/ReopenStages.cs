using System.Diagnostics;
using System.Globalization;
using Milvus.Local.Engine;
using Milvus.Local.Indexes;
using Milvus.Local.Storage;

namespace Milvus.Benchmarks.Storage;

/// <summary>
/// Where the reopen of a loaded collection spends its time, stage by stage, in this (fresh) process: the runtime's
/// start until Main, opening the file and its catalog, then for each segment, one after the other on one thread,
/// reading its columns, reading its stored graph, the vector space (COSINE norms) and decoding the graph, each timed
/// on its own (the loader runs them on both cores, so the sum is more than its wall time). The first search's own
/// start (JIT of the search path) is the empty-database baseline of the reopen run.
/// </summary>
internal static class ReopenStages
{
    public static int Run(string path, string collection)
    {
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Line("process start until Main", sinceStart.TotalMilliseconds, "");
        if (StorageBenchmark.Cold) PageCache.Evict(PageCache.FilesOf(path));
        var (fileBytes, cached) = PageCache.Measure(PageCache.FilesOf(path));
        Line($"database files cached at start{(StorageBenchmark.Cold ? " (--cold)" : "")}", 0, $"{cached / 1e6:F0} of {fileBytes / 1e6:F0} MB");
        var clock = Stopwatch.StartNew();
        using var core = EngineCore.Open(path);
        Line("open the file and read the catalog", Lap(clock), "");
        var c = core.FindCollection(core.Database(EngineCore.DefaultDatabase).Id, collection) ?? throw new InvalidOperationException($"no collection {collection}");
        using var reader = core.Store.OpenReader();
        var total = new double[4];
        foreach (var record in core.Segments.ListSegments(c.Id))
        {
            var segment = core.Segments.ReadSegment(record, c.Schema, reader);
            var columnsMs = Lap(clock);
            var bytes = segment.Columns.Values.OfType<Local.Columns.DenseVectorColumn>().Sum(v => (long)v.ByteLength);
            Line($"segment {record.Id} ({record.RowCount:N0} rows): read columns", columnsMs, $"{bytes / 1e6:F0} MB, {bytes / 1e6 / (columnsMs / 1000):F0} MB/s");
            foreach (var index in c.Indexes)
            {
                var blob = IndexStore.Read(record.Id, index.Id, reader);
                var readMs = Lap(clock);
                if (blob is null || segment.Column(index.FieldId) is not Local.Columns.DenseVectorColumn column) continue;
                Line("  read stored graph", readMs, $"{blob.Length / 1e6:F1} MB");
                var space = VectorIndexKinds.SpaceOf(index, column);
                var spaceMs = Lap(clock);
                Line("  vector space (norms for COSINE)", spaceMs, "");
                VectorIndexKinds.Load(index, blob, column);
                var decodeMs = Lap(clock);
                Line("  decode graph (includes its own vector space)", decodeMs, "");
                total[1] += readMs;
                total[2] += spaceMs;
                total[3] += decodeMs;
                GC.KeepAlive(space);
            }
            total[0] += columnsMs;
        }
        Line("sum: columns / graph read / norms / decode", total.Sum(), string.Join(" / ", total.Select(t => t.ToString("F0", CultureInfo.InvariantCulture))));
        return 0;
    }

    private static double Lap(Stopwatch clock)
    {
        var ms = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        return ms;
    }

    private static void Line(string stage, double ms, string detail)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-52} {ms,8:F1} ms  {detail}"));
}
