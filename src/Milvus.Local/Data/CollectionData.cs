using Milvus.Local.Catalog;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Data;

/// <summary>
/// The rows of one collection held in memory: its segments and the delete records that hide rows. Readers take
/// <see cref="Snapshot"/> (an immutable array) and work without locks; writers, serialized by the engine,
/// publish a new array (copy-on-write of the deleted bitmaps), so a search never sees half a write.
/// </summary>
internal sealed class CollectionData
{
    // Latest delete ts per (partition id, or 0 for every partition; primary key).
    private readonly Dictionary<(long Partition, object Key), long> _deleteTs = new();
    private readonly long _pkFieldId;
    private readonly bool _stringKeys;
    private IReadOnlyDictionary<string, long> _fieldIds;

    public CollectionData(CollectionSchema schema)
    {
        var pk = schema.Fields.First(f => f.IsPrimaryKey);
        _pkFieldId = pk.FieldID;
        _stringKeys = pk.DataType == DataType.VarChar;
        _fieldIds = FieldIdsOf(schema);
    }

    public volatile SegmentView[] Snapshot = [];

    public static IReadOnlyDictionary<string, long> FieldIdsOf(CollectionSchema schema)
        => schema.StorageFields().ToDictionary(f => f.Name, f => f.FieldID);

    /// <summary>Follows a schema change (added field) so filters and outputs see the new name and an added field's default.</summary>
    public void UpdateSchema(CollectionSchema schema)
    {
        _fieldIds = FieldIdsOf(schema);
        Snapshot = Snapshot.Select(v => new SegmentView(DefaultColumns.Fill(v.Segment, schema), v.Deleted, _fieldIds)).ToArray();
    }

    public void AddSegment(Segment segment) => Snapshot = [.. Snapshot, View(segment)];

    /// <summary>Replaces <paramref name="oldIds"/> with the merged <paramref name="merged"/> (or just drops them).</summary>
    public void ReplaceSegments(IReadOnlySet<long> oldIds, Segment? merged)
    {
        var kept = Snapshot.Where(v => !oldIds.Contains(v.Segment.Id));
        Snapshot = merged is null ? kept.ToArray() : [.. kept, View(merged)];
    }

    public void RemovePartition(long partitionId) => Snapshot = Snapshot.Where(v => v.Segment.PartitionId != partitionId).ToArray();

    /// <summary>Records deletes at <paramref name="ts"/>: rows with these keys written before ts disappear.</summary>
    public void ApplyDeletes(IEnumerable<object> keys, long ts, long? partitionId = null)
    {
        var keySet = new HashSet<object>();
        foreach (var key in keys)
        {
            keySet.Add(key);
            var slot = (partitionId ?? 0, key);
            _deleteTs[slot] = Math.Max(ts, _deleteTs.GetValueOrDefault(slot));
        }
        if (keySet.Count == 0) return;
        Snapshot = Snapshot.Select(view =>
        {
            if (partitionId is not null && view.Segment.PartitionId != partitionId) return view;
            var pk = view.Segment.Column(_pkFieldId)!;
            bool[]? copy = null;
            for (var row = 0; row < view.RowCount; row++)
            {
                if (view.Deleted[row] || view.Segment.Timestamps[row] >= ts || !keySet.Contains(PrimaryKeys.At(pk, row))) continue;
                copy ??= (bool[])view.Deleted.Clone();
                copy[row] = true;
            }
            return copy is null ? view : view.With(copy);
        }).ToArray();
    }

    /// <summary>Applies the stored delete records (partition id 0 = all partitions).</summary>
    public void ApplyStoredDeletes(IEnumerable<(object Key, long Ts, long PartitionId)> records)
    {
        // A file written before text keys were stored as blobs may hold a numeric-looking VarChar key as a number.
        foreach (var group in records.GroupBy(r => (r.Ts, r.PartitionId)))
            ApplyDeletes(group.Select(r => _stringKeys && r.Key is long l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : r.Key),
                group.Key.Ts, group.Key.PartitionId == 0 ? null : group.Key.PartitionId);
    }

    private SegmentView View(Segment segment)
    {
        var deleted = new bool[segment.RowCount];
        if (_deleteTs.Count > 0)
        {
            var pk = segment.Column(_pkFieldId)!;
            for (var row = 0; row < segment.RowCount; row++)
            {
                var key = PrimaryKeys.At(pk, row);
                var ts = Math.Max(_deleteTs.GetValueOrDefault((0, key)), _deleteTs.GetValueOrDefault((segment.PartitionId, key)));
                deleted[row] = segment.Timestamps[row] < ts;
            }
        }
        return new SegmentView(segment, deleted, _fieldIds);
    }
}
