using Microsoft.Data.Sqlite;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Local.Errors;
using Milvus.Local.Storage;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Engine;

/// <summary>
/// Writes rows and delete records durably and mirrors them into the loaded data. Each write becomes a small
/// growing segment; once a partition holds enough of them the background <see cref="SegmentSealer"/> merges them
/// into one sealed segment (same rows, same order). Flush seals at once, compaction rewrites.
/// </summary>
internal sealed class DataWriter(EngineCore core)
{

    /// <summary>
    /// Routes rows to partitions (by name, or by hashing the partition key) and writes them, after delete records
    /// for <paramref name="replacedKeys"/> (an upsert, see <see cref="ReplaceScope"/>), all in one transaction.
    /// </summary>
    public void WriteRows(CollectionMeta c, string partitionName, RowBatch batch, long ts, IReadOnlyCollection<object>? replacedKeys = null)
    {
        var replaceIn = replacedKeys is { Count: > 0 } ? ReplaceScope(c, partitionName) : null;
        var written = new List<(SegmentStore.SegmentRecord Record, SegmentMerge.Content Content)>();
        foreach (var (partition, rows) in Route(c, partitionName, batch))
        {
            var content = SegmentMerge.Encode(c.Schema, f => rows.Select(r => ((Column?)batch.Columns[f.FieldID], r)).ToList(), Enumerable.Repeat(ts, rows.Count).ToArray());
            written.Add((new SegmentStore.SegmentRecord((long)core.Oracle.Next(), partition.Id, rows.Count, false, ts), content));
        }
        core.Write(tx =>
        {
            if (replacedKeys is { Count: > 0 }) core.Segments.WriteDeletes(c.Id, replaceIn ?? 0, replacedKeys, ts, tx);
            foreach (var (record, content) in written) core.Segments.WriteSegment(c.Id, record, content.Stored, tx);
        });
        if (core.LoadedData(c.Id) is { } data)
        {
            if (replacedKeys is { Count: > 0 }) data.ApplyDeletes(replacedKeys, ts, replaceIn);
            foreach (var (record, content) in written) data.AddSegment(content.ToSegment(record.Id, record.PartitionId, isSealed: false));
        }
        // Sealing happens in the background: the rows are acknowledged now, a merge can neither delay nor fail this call.
        foreach (var partitionId in written.Select(w => w.Record.PartitionId).Distinct()) core.Sealer.Request(c.Id, partitionId);
    }

    /// <summary>
    /// The partition an upsert replaces rows in, as Milvus's upsert task does: with a partition key, every partition
    /// (null), since the key may have moved; otherwise only the named partition (default: _default), so a row with
    /// the same primary key in another partition stays.
    /// </summary>
    public static long? ReplaceScope(CollectionMeta c, string partitionName)
        => c.PartitionKeyField is null ? NamedPartition(c, partitionName).Id : null;

    public void WriteDeletes(CollectionMeta c, long? partitionId, IReadOnlyCollection<object> keys, long ts)
    {
        if (keys.Count == 0) return;
        core.Write(tx => core.Segments.WriteDeletes(c.Id, partitionId ?? 0, keys, ts, tx));
        core.LoadedData(c.Id)?.ApplyDeletes(keys, ts, partitionId);
    }

    /// <summary>Merges the partition's growing segments into one sealed segment when enough have gathered (or when forced).</summary>
    public int SealIfDue(CollectionMeta c, long partitionId, bool force = false)
    {
        var growing = core.Segments.ListSegments(c.Id).Where(s => s.PartitionId == partitionId && !s.Sealed).ToList();
        if (growing.Count == 0) return 0;
        if (!force && !core.Sizing.IsDue(c.Schema, growing.Select(s => s.RowCount).ToList())) return 0;
        var ids = growing.Select(s => s.Id).ToHashSet();
        var segments = core.Segments.ReadSegments(c.Id, c.Schema, s => ids.Contains(s.Id));
        Merge(c, partitionId, segments.Select(s => (s, (bool[]?)null)).ToList(), ids);
        return growing.Count;
    }

    /// <summary>
    /// Rewrites every partition as one sealed segment without deleted or expired rows; returns how many segments were
    /// merged. Segments a snapshot protects (compaction protection window, pins) stay as they are.
    /// </summary>
    public int Compact(CollectionMeta c)
    {
        var data = core.DataForWrite(c);
        var expiry = TimeToLive.For(c);
        var merged = 0;
        var kept = core.Snapshots.ProtectedSegments();
        foreach (var group in data.Snapshot.Where(v => !kept.Contains(v.Segment.Id)).GroupBy(v => v.Segment.PartitionId))
        {
            var views = group.ToList();
            var gone = views.Select(v => v.Deleted.Select((d, row) => d || expiry.IsExpired(v.Segment, row)).ToArray()).ToList();
            if (views.Count == 1 && views[0].Segment.IsSealed && gone[0].All(d => !d)) continue;
            Merge(c, group.Key, views.Select((v, i) => (v.Segment, (bool[]?)gone[i])).ToList(), views.Select(v => v.Segment.Id).ToHashSet());
            merged += views.Count;
        }
        return merged;
    }

    private void Merge(CollectionMeta c, long partitionId, List<(Segment Segment, bool[]? Deleted)> parts, IReadOnlySet<long> oldIds)
        => SegmentMerge.Commit(core, c, partitionId, oldIds, SegmentMerge.Concatenate(c.Schema, parts));

    private static IEnumerable<(PartitionMeta Partition, List<int> Rows)> Route(CollectionMeta c, string partitionName, RowBatch batch)
    {
        var all = Enumerable.Range(0, batch.RowCount).ToList();
        if (c.PartitionKeyField is { } key)
        {
            if (!string.IsNullOrEmpty(partitionName))
                throw MilvusError.PartitionNameInPartitionKeyMode();
            var column = batch.Columns[key.FieldID];
            return all.GroupBy(r => PartitionKeyHash.Bucket(PrimaryKeys.At(column, r), c.Partitions.Count))
                .Select(g => (c.Partitions[g.Key], g.ToList()));
        }
        return [(NamedPartition(c, partitionName), all)];
    }

    private static PartitionMeta NamedPartition(CollectionMeta c, string partitionName)
    {
        var name = string.IsNullOrEmpty(partitionName) ? EngineCore.DefaultPartition : partitionName;
        return c.FindPartition(name) ?? throw MilvusError.PartitionNotFound(name);
    }
}

/// <summary>Which partition-key partition a key value belongs to (a stable hash, modulo the partition count).</summary>
internal static class PartitionKeyHash
{
    public static int Bucket(object key, int partitions)
    {
        uint hash = 2166136261;
        var bytes = key is long l ? BitConverter.GetBytes(l) : System.Text.Encoding.UTF8.GetBytes((string)key);
        foreach (var b in bytes) hash = (hash ^ b) * 16777619;
        return (int)(hash % (uint)partitions);
    }
}
