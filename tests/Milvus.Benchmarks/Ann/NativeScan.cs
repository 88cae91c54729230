using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Milvus.Benchmarks.Ann;

/// <summary>
/// The plain one-thread C scan and the memory bandwidth (native/scan.c), compiled with gcc at run time; without a
/// compiler the row is left out with a message.
/// </summary>
internal static class NativeScan
{
    private const int Queries = 100;

    /// <param name="engineSingle">The engine's FLAT QPS with one query per request, to state the ratio.</param>
    public static string Run(AnnBenchmark.DataSet set, string directory, double engineSingle)
    {
        var source = Path.Combine(Path.GetDirectoryName(AnnBenchmark.ScriptPath())!, "..", "native", "scan.c");
        var binary = Path.Combine(directory, "scan");
        try
        {
            using var gcc = Process.Start(new ProcessStartInfo("gcc", ["-O3", "-march=native", "-ffast-math", "-o", binary, source, "-lpthread", "-lm"]))!;
            gcc.WaitForExit();
            if (gcc.ExitCode != 0) return "plain C scan left out: gcc failed to compile native/scan.c";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "plain C scan left out: no C compiler (gcc) on this machine";
        }
        var start = new ProcessStartInfo(binary, [directory, set.Rows.ToString(CultureInfo.InvariantCulture), set.Dim.ToString(CultureInfo.InvariantCulture),
            set.Metric == "L2" ? "l2" : "cosine", Queries.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true };
        using var scan = Process.Start(start)!;
        var output = scan.StandardOutput.ReadToEnd();
        scan.WaitForExit();
        Console.Error.WriteLine(output.Trim());
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        var qps = r.GetProperty("qps").GetDouble();
        var one = r.GetProperty("bandwidth1").GetDouble();
        var two = r.GetProperty("bandwidth2").GetDouble();
        var bytesPerQuery = (double)set.Rows * set.Dim * sizeof(float);
        return string.Create(CultureInfo.InvariantCulture,
            $"Plain C scan (gcc -O3 -march=native -ffast-math, 1 thread, {Queries} queries one at a time): {qps:F1} QPS; engine FLAT one query per request = {engineSingle / qps:F2}x it. " +
            $"Memory read bandwidth: {one:F1} GB/s on 1 thread, {two:F1} GB/s on 2 threads, i.e. a bound of {two * 1e9 / bytesPerQuery:F0} QPS for one pass over the {bytesPerQuery / 1e6:F0} MB of vectors per query.");
    }
}
