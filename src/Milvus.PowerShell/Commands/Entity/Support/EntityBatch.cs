using System.Collections;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// The estimated wire size of a row, so a batch goes out at -MaxBatchBytes bytes (Milvus refuses gRPC messages over
/// 64 MiB) before it reaches -BatchSize rows when rows are large.
/// </summary>
internal static class EntityBatch
{
    /// <summary>Rough protobuf size of one row: payload bytes plus a few bytes of framing per value.</summary>
    public static long Estimate(IReadOnlyDictionary<string, object?> row)
    {
        long size = 0;
        foreach (var pair in row)
        {
            size += 4 + Estimate(pair.Value);
        }

        return size;
    }

    private static long Estimate(object? value) => value switch
    {
        null => 1,
        string s => s.Length * 2L,   // UTF-8 of non-ASCII text can take up to 3 bytes per char; 2 is a middle ground
        float[] f => f.Length * 4L,
        byte[] b => b.Length,
        bool => 1,
        IDictionary d => d.Count * 8L,
        ICollection c => c.Cast<object?>().Sum(Estimate),
        _ => 8,
    };
}
