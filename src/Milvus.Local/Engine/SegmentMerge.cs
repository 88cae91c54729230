using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Local.Storage;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Engine;

/// <summary>
/// Merging segments into one sealed segment in two steps: <see cref="Concatenate"/> (pure work on immutable
/// segments, safe off the engine lock) and <see cref="Commit"/> (one transaction that replaces the inputs, then the
/// swap in the loaded data; under the engine lock). Used by the background sealer, Flush and compaction.
/// </summary>
internal static class SegmentMerge
{
    /// <summary>Rows ready to store (one blob per column) and to serve (decoded columns), against the schema's storage fields.</summary>
    public sealed record Content(IReadOnlySet<long> FieldIds, int RowCount, List<ColumnBlob.Stored> Stored, Dictionary<long, Column> Columns, long[] Timestamps)
    {
        /// <summary>Whether the schema still has exactly the fields the rows were encoded with (no field added since).</summary>
        public bool Matches(CollectionSchema schema) => FieldIds.SetEquals(schema.StorageFields().Select(f => f.FieldID));

        public Segment ToSegment(long id, long partitionId, bool isSealed) => new(id, partitionId, isSealed, RowCount, Columns, Timestamps);
    }

    /// <summary>Encodes rows given per field as (column, row) pairs (a null column: the row predates the field).</summary>
    public static Content Encode(CollectionSchema schema, Func<FieldSchema, IReadOnlyList<(Column? Column, int Row)>> rowsOf, long[] timestamps)
    {
        var fields = schema.StorageFields().ToList();
        var stored = new List<ColumnBlob.Stored>();
        var columns = new Dictionary<long, Column>();
        foreach (var field in fields)
        {
            var rows = rowsOf(field);
            if (CopyDense(field, rows) is { } dense)
            {
                columns[field.FieldID] = dense;
                stored.Add(new ColumnBlob.Stored(field.FieldID, ColumnBlob.Raw, dense.Array!));
                continue;
            }
            var encoded = ColumnCodec.Encode(field, rows);
            var column = ColumnCodec.Decode(field, encoded, timestamps.Length);
            columns[field.FieldID] = column;
            stored.Add(ColumnBlob.Of(field.FieldID, column, encoded));
        }
        stored.Add(ColumnBlob.OfTimestamps(timestamps));
        return new Content(fields.Select(f => f.FieldID).ToHashSet(), timestamps.Length, stored, columns, timestamps);
    }

    /// <summary>
    /// Dense vector rows of a field without nulls, copied row by row into one raw column (a merge or an insert is then a
    /// memory copy, not a protobuf round trip); null when a row is missing or nullable (the codec handles those).
    /// </summary>
    private static DenseVectorColumn? CopyDense(FieldSchema field, IReadOnlyList<(Column? Column, int Row)> rows)
    {
        if (field.Nullable || !Catalog.VectorTypes.IsVector(field.DataType) || field.DataType is DataType.SparseFloatVector or DataType.ArrayOfVector) return null;
        var dim = ColumnCodec.DimOf(field);
        var stride = DenseVectorColumn.BytesPerRowFor(field.DataType, dim);
        if (rows.Any(r => r.Column is not DenseVectorColumn { Validity: null } d || d.DataType != field.DataType || d.BytesPerRow != stride)) return null;
        var bytes = new byte[rows.Count * stride];
        for (var i = 0; i < rows.Count; i++) ((DenseVectorColumn)rows[i].Column!).Row(rows[i].Row).CopyTo(bytes.AsSpan(i * stride, stride));
        return new DenseVectorColumn(field.DataType, dim, bytes, rows.Count);
    }

    /// <summary>The rows of <paramref name="parts"/> in order, without the rows marked in each part's mask.</summary>
    public static Content Concatenate(CollectionSchema schema, IReadOnlyList<(Segment Segment, bool[]? Dropped)> parts)
    {
        var rows = parts.SelectMany(p => Enumerable.Range(0, p.Segment.RowCount)
            .Where(r => p.Dropped is null || !p.Dropped[r]).Select(r => (p.Segment, Row: r))).ToList();
        return Encode(schema, f => rows.Select(x => (x.Segment.Column(f.FieldID), x.Row)).ToList(), rows.Select(x => x.Segment.Timestamps[x.Row]).ToArray());
    }

    /// <summary>
    /// Writes the merged rows' large raw columns ahead of the commit, one part per short transaction under the engine
    /// lock, so a write arriving meanwhile waits for one part at most, never for a whole merged column; the commit then
    /// writes only the small columns. Parts of a merge that never commits are dropped (at once, or when the file next
    /// opens). Returns the content to commit under <paramref name="segmentId"/>.
    /// </summary>
    public static Content Stage(EngineCore core, long segmentId, Content merged, CancellationToken cancellationToken)
    {
        var stored = new List<ColumnBlob.Stored>();
        foreach (var column in merged.Stored)
        {
            if (column.Format != ColumnBlob.Raw || column.Bytes.Length <= StoredParts.PartBytes)
            {
                stored.Add(column);
                continue;
            }
            WriteParts(core, column.Bytes, (part, bytes, tx) => core.Segments.WritePart(segmentId, column.FieldId, part, bytes, tx), cancellationToken);
            stored.Add(new ColumnBlob.Stored(column.FieldId, ColumnBlob.Parts, []));
        }
        return merged with { Stored = stored };
    }

    /// <summary>Writes a large blob as <see cref="StoredParts"/>, each part in its own transaction under the engine lock.</summary>
    public static void WriteParts(EngineCore core, byte[] blob, Action<int, byte[], Microsoft.Data.Sqlite.SqliteTransaction> write, CancellationToken cancellationToken)
    {
        foreach (var (part, bytes) in StoredParts.Split(blob))
            lock (core.Gate)
            {
                cancellationToken.ThrowIfCancellationRequested();
                core.Write(tx => write(part, bytes, tx));
            }
    }

    /// <summary>
    /// Replaces <paramref name="oldIds"/> with the merged sealed segment, durably (with the indexes built for it, if
    /// any), then in the loaded data. <paramref name="segmentId"/>: the id its parts were staged under, if any;
    /// <paramref name="seal"/> false: the merged segment is a chunk of the partition's growing segment (combined chunks).
    /// </summary>
    public static void Commit(EngineCore core, CollectionMeta c, long partitionId, IReadOnlySet<long> oldIds, Content merged,
        IReadOnlyList<Indexes.PrebuiltIndex>? indexes = null, long? segmentId = null, bool seal = true)
    {
        Segment? segment = null;
        SegmentStore.SegmentRecord? written = null;
        core.Write(tx =>
        {
            core.Segments.DeleteSegments(oldIds, tx);
            if (merged.RowCount == 0) return;
            var record = new SegmentStore.SegmentRecord(segmentId ?? (long)core.Oracle.Next(), partitionId, merged.RowCount, seal, (long)core.Oracle.Last);
            core.Segments.WriteSegment(c.Id, record, merged.Stored, tx);
            if (indexes is not null) core.Indexes.Store(record.Id, indexes, tx);
            segment = merged.ToSegment(record.Id, partitionId, isSealed: seal);
            written = record;
        });
        // Into a loaded collection with mmap.enabled, a sealed segment comes mapped, as a load would have it.
        if (segment is not null && written is not null && core.LoadedData(c.Id) is not null)
            segment = core.Segments.MapSealed(c, written, segment);
        // Attached before the swap: no search sees the merged segment without its indexes.
        if (segment is not null && indexes is not null) core.Indexes.Attach(segment, indexes);
        core.LoadedData(c.Id)?.ReplaceSegments(oldIds, segment);
        core.Indexes.Refresh(c.Id);
    }
}
