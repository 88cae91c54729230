using Milvus.Local.Columns;

namespace Milvus.Local.Data;

/// <summary>
/// An immutable run of rows of one partition, column by column (keyed by field id), with each row's write
/// timestamp. Growing segments are small (one insert each) and get merged into sealed ones.
/// </summary>
internal sealed class Segment(long id, long partitionId, bool isSealed, int rowCount, IReadOnlyDictionary<long, Column> columns, long[] timestamps)
{
    /// <summary>The storage field id of the per-row write timestamps (Milvus's system field "Timestamp").</summary>
    public const long TimestampFieldId = 1;

    public long Id { get; } = id;
    public long PartitionId { get; } = partitionId;
    public bool IsSealed { get; } = isSealed;
    public int RowCount { get; } = rowCount;
    public IReadOnlyDictionary<long, Column> Columns { get; } = columns;
    public long[] Timestamps { get; } = timestamps;

    public Column? Column(long fieldId) => Columns.GetValueOrDefault(fieldId);
}

/// <summary>A segment as seen by readers: which rows are deleted, and the columns by field name.</summary>
internal sealed class SegmentView(Segment segment, bool[] deleted, IReadOnlyDictionary<string, long> fieldIds) : IRowSet
{
    public Segment Segment { get; } = segment;

    /// <summary>True for rows hidden by a delete (or replaced by an upsert).</summary>
    public bool[] Deleted { get; } = deleted;

    public int RowCount => Segment.RowCount;

    private int _liveCount = -1;

    /// <summary>
    /// Rows not hidden by <see cref="Deleted"/>, counted once per view: a view's bitmap never changes (a delete publishes
    /// a new view), and counting 100k flags on every search cost more than a graph walk's setup.
    /// </summary>
    public int LiveCount
    {
        get
        {
            if (_liveCount < 0) _liveCount = Deleted.Length - Deleted.AsSpan().Count(true);
            return _liveCount;
        }
    }

    public IReadOnlyDictionary<string, long> FieldIds { get; } = fieldIds;

    public Column? GetColumn(string fieldName) => FieldIds.TryGetValue(fieldName, out var id) ? Segment.Column(id) : null;

    public SegmentView With(bool[] deleted) => new(Segment, deleted, FieldIds);

    public SegmentView With(IReadOnlyDictionary<string, long> fieldIds) => new(Segment, Deleted, fieldIds);
}
