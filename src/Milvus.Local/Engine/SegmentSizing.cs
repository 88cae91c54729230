using System.Numerics;
using Milvus.Local.Catalog;
using Milvus.Local.Data;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Engine;

/// <summary>
/// How big segments grow, by Milvus's rules (dataCoord.segment.* and dataCoord.compaction.* defaults of Milvus 2.6):
/// a partition's growing rows are sealed once they reach maxSize x sealProportion (1024 MB x 0.12), and the background
/// compaction combines small sealed segments (under maxSize x smallProportion) into segments of up to maxSize, when at
/// least 3 of them fit together or when the result exceeds maxSize x compactableProportion. Sizes are estimated from the
/// schema as Milvus's typeutil.EstimateSizePerRecord does (the seal jitter of 0-10% is left out, so counts are exact).
/// </summary>
internal sealed record SegmentSizing(long MaxSizeBytes)
{
    /// <summary>dataCoord.segment.maxSize (MB).</summary>
    public const int MilvusMaxSizeMb = 1024;

    public const double SealProportion = 0.12;
    public const double SmallProportion = 0.5;
    public const double CompactableProportion = 0.85;
    public const int MinSegmentsToMerge = 3;
    public const int MaxSegmentsToMerge = 30;

    /// <summary>
    /// Growing chunks of one size tier combined into one (still growing) chunk: the engine stores each insert as a chunk
    /// of the partition's growing segment, and combines them in the background so a search meets few of them.
    /// </summary>
    public const int ChunksPerCombine = 16;

    /// <summary>SQLite's largest blob (SQLITE_MAX_LENGTH, 10^9 bytes) with room to spare: no stored column may exceed it.</summary>
    private const long MaxColumnBytes = 900_000_000;

    /// <summary>Milvus's defaults.</summary>
    public static SegmentSizing Milvus { get; } = new(MilvusMaxSizeMb * 1024L * 1024);

    /// <summary>The estimated bytes of one row: fixed widths, VarChar min(max_length, 256), JSON and arrays 512, vectors by dim, plus RowID and Timestamp.</summary>
    public static long RowBytes(CollectionSchema schema) => 16 + schema.StorageFields().Sum(FieldBytes);

    /// <summary>Rows at which a partition's growing segments are sealed.</summary>
    public long SealRows(CollectionSchema schema) => Math.Max(1, (long)(MaxSizeBytes * SealProportion / RowBytes(schema)));

    /// <summary>
    /// Whether a partition's growing segment (the row counts of its chunks) is due for sealing: by size only, as Milvus's
    /// capacity policy seals it; the number of inserts does not seal a segment.
    /// </summary>
    public bool IsDue(CollectionSchema schema, IReadOnlyCollection<int> growingRowCounts)
        => growingRowCounts.Sum(r => (long)r) >= SealRows(schema);

    /// <summary>
    /// The growing chunks (id, rows) of one partition to combine into one growing chunk: the oldest
    /// <see cref="ChunksPerCombine"/> of the smallest full size tier (under 16 rows, under 256, under 4,096, ...), so a
    /// row is copied about log16(rows) times however small the inserts are; empty when no tier is full.
    /// </summary>
    public static List<long> GrowingCombinePlan(IEnumerable<(long Id, int Rows)> chunks)
        => chunks.GroupBy(c => SizeTier(c.Rows)).OrderBy(t => t.Key).FirstOrDefault(t => t.Count() >= ChunksPerCombine)?
            .Select(c => c.Id).Order().Take(ChunksPerCombine).ToList() ?? [];

    private static int SizeTier(int rows) => BitOperations.Log2((uint)rows) / 4;

    /// <summary>
    /// The sealed segments (id, rows) of one partition to combine into one, by Milvus's mix-compaction rule for small
    /// segments: the largest small segment first, then the smallest that still fit beside it; empty when none qualifies.
    /// </summary>
    public List<long> CombinePlan(CollectionSchema schema, IEnumerable<(long Id, int Rows)> sealedSegments)
    {
        var rowBytes = RowBytes(schema);
        var widest = schema.StorageFields().Select(FieldBytes).DefaultIfEmpty(8).Max();
        var expected = Math.Min(MaxSizeBytes, MaxColumnBytes / Math.Max(1, widest) * rowBytes);
        var small = sealedSegments.Where(s => s.Rows * rowBytes < expected * SmallProportion)
            .OrderByDescending(s => s.Rows).ThenBy(s => s.Id).ToList();
        while (small.Count > 0)
        {
            var bucket = new List<(long Id, int Rows)> { small[0] };
            small.RemoveAt(0);
            var free = expected - bucket[0].Rows * rowBytes;
            for (var i = small.Count - 1; i >= 0 && bucket.Count < MaxSegmentsToMerge; i--)
            {
                if (small[i].Rows * rowBytes >= free) continue;
                free -= small[i].Rows * rowBytes;
                bucket.Add(small[i]);
                small.RemoveAt(i);
            }
            var total = bucket.Sum(s => s.Rows * rowBytes);
            if (bucket.Count >= MinSegmentsToMerge || (bucket.Count > 1 && total > expected * CompactableProportion))
                return bucket.Select(s => s.Id).Order().ToList();
        }
        return [];
    }

    private static long FieldBytes(FieldSchema field) => field.DataType switch
    {
        DataType.Bool or DataType.Int8 => 1,
        DataType.Int16 => 2,
        DataType.Int32 or DataType.Float => 4,
        DataType.Int64 or DataType.Double or DataType.Timestamptz => 8,
        DataType.VarChar or DataType.String => Math.Min(256, field.TypeParams.FirstOrDefault(p => p.Key == "max_length") is { } p && long.TryParse(p.Value, out var n) ? n : 256),
        DataType.FloatVector => ColumnCodec.DimOf(field) * 4L,
        DataType.Float16Vector or DataType.Bfloat16Vector => ColumnCodec.DimOf(field) * 2L,
        DataType.Int8Vector => ColumnCodec.DimOf(field),
        DataType.BinaryVector => ColumnCodec.DimOf(field) / 8,
        // Milvus's reference: a SPLADE vector of 600 non-zeros.
        DataType.SparseFloatVector => 4800,
        _ => 512,
    };
}
