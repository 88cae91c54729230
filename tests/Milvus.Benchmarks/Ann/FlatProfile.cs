using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Milvus.Local;
using Milvus.Local.Columns;
using Milvus.Local.Indexes;
using Milvus.Local.Search;
using Milvus.Protocol.Api;

namespace Milvus.Benchmarks.Ann;

/// <summary>
/// Where the milliseconds of one FLAT request of 100 queries go ("ann-flat" prints it after its rows): the whole call,
/// the executor alone on both cores, the scan of every block on one thread, and the tile kernel alone over every row
/// (no bound checks, no heaps). The one-thread layers are timed with the thread's own CPU time, which a loaded
/// machine does not inflate; every layer is warmed first and reported at its best of several rounds.
/// </summary>
internal static class FlatProfile
{
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("FLAT_PROFILE_ROUNDS"), out var n) ? n : 7;

    public static IEnumerable<string> Run(MilvusLocalEngine engine, MilvusService.MilvusServiceClient client, AnnBenchmark.DataSet set, string collection)
    {
        var queries = set.Queries.Take(100).ToArray();
        var request = AnnBenchmark.Request(collection, queries, "{}");
        var core = engine.Core;
        var c = core.Collection("default", collection);
        var views = core.LoadedData(c.Id)!.Snapshot;
        var p = SearchParameters.Parse(c, request.SearchParams);
        var decoded = QueryVector.FromPlaceholderGroup(request.PlaceholderGroup, p.Field);
        var masks = views.Select(v => RowMask.Excluding(v.Deleted)).ToArray();
        var order = HitOrder.ByPosition(p.Metric);
        var columns = views.Select(v => (DenseVectorColumn)v.Segment.Column(p.Field.FieldID)!).ToArray();
        var macs = (double)queries.Length * set.Rows * set.Dim;
        var layers = new (string Name, bool OneThread, Action Run)[]
        {
            ("whole call (client stub, in-process invoker, service)", false, () => client.Search(request)),
            ("SearchExecutor.Run (both cores)", false, () => SearchExecutor.Run(views, masks, p, decoded, 10, order, null, _ => null, CancellationToken.None)),
            ("scan of every row on one thread (the executor's work, serial)", true, () => ScanSerial(views, columns, masks, p, decoded, order)),
            ("tile kernel alone over every row, one thread", true, () => KernelOnly(columns, decoded)),
        };

        var wall = layers.Select(_ => double.MaxValue).ToArray();
        var cpu = layers.Select(_ => double.MaxValue).ToArray();
        var process = Process.GetCurrentProcess();
        for (var round = 0; round < Rounds + 2; round++)
            for (var l = 0; l < layers.Length; l++)
            {
                process.Refresh();
                var processCpu = process.TotalProcessorTime;
                var threadCpu = ThreadCpuMs();
                var clock = Stopwatch.StartNew();
                layers[l].Run();
                var elapsed = clock.Elapsed.TotalMilliseconds;
                process.Refresh();
                var used = layers[l].OneThread ? ThreadCpuMs() - threadCpu : (process.TotalProcessorTime - processCpu).TotalMilliseconds;
                if (round < 2) continue; // warm-up rounds (tiered JIT)
                wall[l] = Math.Min(wall[l], elapsed);
                cpu[l] = Math.Min(cpu[l], used);
            }
        yield return "request of 100 queries, by layer (best of " + Rounds + " rounds): wall ms, CPU ms (process CPU for the two-core layers, thread CPU for one-thread ones), GMAC/s of that CPU";
        for (var l = 0; l < layers.Length; l++)
            yield return string.Create(CultureInfo.InvariantCulture, $"  {layers[l].Name,-66} {wall[l],8:F2} {cpu[l],8:F2} {macs / cpu[l] / 1e6,8:F1}");
    }

    /// <summary>What the executor's workers do, on one thread: every block into one set of heaps, the queries packed once.</summary>
    private static void ScanSerial(Milvus.Local.Data.SegmentView[] views, DenseVectorColumn[] columns, RowMask[] masks, SearchParameters p,
        IReadOnlyList<QueryVector> queries, HitOrder order)
    {
        using var request = BatchedDenseScan.Request.Prepare(columns[0].Dim, queries, p, order, null, new SharedBounds(queries.Count, p.Metric));
        var lanes = new BatchedDenseScan.Lanes(request, queries.Select(_ => new TopK(10, order)).ToArray());
        for (var v = 0; v < views.Length; v++)
            for (var start = 0; start < views[v].RowCount; start += 2048)
                BatchedDenseScan.Run(lanes, columns[v], masks[v], v, start, Math.Min(start + 2048, views[v].RowCount));
    }

    private static void KernelOnly(DenseVectorColumn[] columns, IReadOnlyList<QueryVector> queries)
    {
        var dim = columns[0].Dim;
        var groups = (queries.Count + TileKernel.Lanes - 1) / TileKernel.Lanes;
        var packed = new float[groups * TileKernel.GroupLength(dim)];
        TileKernel.Pack(queries.Select(q => q.Dense!).ToArray(), dim, packed);
        Span<System.Runtime.Intrinsics.Vector512<float>> dots = stackalloc System.Runtime.Intrinsics.Vector512<float>[2 * TileKernel.Rows];
        var length = TileKernel.GroupLength(dim);
        // Full groups in pairs, then a compact last group alone (as the scan does).
        var full = TileKernel.CompactTail(queries.Count, dim) ? groups - 1 : groups;
        foreach (var column in columns)
        {
            ref var data = ref System.Runtime.CompilerServices.Unsafe.As<byte, float>(ref column.BytesReference);
            var passRows = 256;
            for (var pass = 0; pass + TileKernel.Rows <= column.Length; pass += passRows)
                for (var g = 0; g < groups; g += g + 1 < full ? 2 : 1)
                    for (var row = pass; row < Math.Min(pass + passRows, column.Length - TileKernel.Rows + 1); row += TileKernel.Rows)
                    {
                        ref var x = ref System.Runtime.CompilerServices.Unsafe.Add(ref data, (nint)row * dim);
                        if (g + 1 < full) TileKernel.Dots8x32(ref x, dim, ref packed[g * length], ref packed[(g + 1) * length], dots);
                        else if (g < full) TileKernel.Dots8x16(ref x, dim, ref packed[g * length], dots);
                        else TileKernel.Dots8x4(ref x, dim, ref packed[g * length], dots);
                    }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), in milliseconds.</summary>
    private static double ThreadCpuMs()
    {
        ClockGetTime(3, out var t);
        return t.Seconds * 1e3 + t.Nanoseconds / 1e6;
    }
}
