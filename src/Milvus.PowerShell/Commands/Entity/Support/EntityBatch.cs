using System.Collections;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Rows waiting to be sent, with an estimate of their size on the wire, so a batch goes out at -BatchSize rows or
/// -MaxBatchBytes bytes (Milvus refuses gRPC messages over 64 MiB), whichever comes first.
/// </summary>
internal sealed class EntityBatch
{
    private readonly List<IReadOnlyDictionary<string, object?>> _rows = new();

    public int Count => _rows.Count;

    public long EstimatedBytes { get; private set; }

    /// <summary>The 1-based input row number of each row, for error messages.</summary>
    public List<long> RowNumbers { get; } = new();

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows => _rows;

    public void Add(IReadOnlyDictionary<string, object?> row, long rowNumber)
    {
        _rows.Add(row);
        RowNumbers.Add(rowNumber);
        EstimatedBytes += Estimate(row);
    }

    public bool IsFull(int maxRows, long maxBytes) => _rows.Count >= maxRows || EstimatedBytes >= maxBytes;

    public void Clear()
    {
        _rows.Clear();
        RowNumbers.Clear();
        EstimatedBytes = 0;
    }

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
