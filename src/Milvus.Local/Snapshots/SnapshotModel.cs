using Milvus.Local.Catalog;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Snapshots;

/// <summary>
/// A named point-in-time copy of a collection: its definition (schema with field ids, properties, partitions,
/// index definitions) as of <see cref="CreateTs"/>, and its rows, as references to the immutable segments that
/// existed then plus a copy of the delete records written before then. Segments never change once written, so
/// referencing them is a copy-on-write: later writes, deletes, compaction or dropping the collection leave the
/// referenced segments in place (detached from the collection) until no snapshot or pin needs them.
/// </summary>
internal sealed class SnapshotMeta
{
    public required long Id { get; init; }
    public required long DbId { get; init; }
    public required long CollectionId { get; init; }
    public required string CollectionName { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required ulong CreateTs { get; init; }
    public required CollectionSchema Schema { get; init; }
    public required SnapshotDefinition Definition { get; init; }
    public required IReadOnlyList<long> SegmentIds { get; init; }

    /// <summary>Until when (unix ms) compaction leaves the referenced segments alone (compaction_protection_seconds).</summary>
    public long ProtectedUntilMs { get; init; }

    /// <summary>Dropped by the user but still pinned: hidden, its data kept until the last pin goes.</summary>
    public bool Dropped { get; set; }
}

/// <summary>The collection settings a restore recreates (everything of the collection except its rows and schema).</summary>
internal sealed record SnapshotDefinition(
    int ShardsNum, int ConsistencyLevel, long NumPartitions, List<string[]> Properties,
    List<SnapshotPartition> Partitions, List<SnapshotIndex> Indexes)
{
    public static SnapshotDefinition Of(CollectionMeta c) => new(
        c.ShardsNum, (int)c.ConsistencyLevel, c.NumPartitions, c.Properties.Select(p => new[] { p.Key, p.Value }).ToList(),
        c.Partitions.Select(p => new SnapshotPartition(p.Id, p.Name)).ToList(),
        c.Indexes.Select(i => new SnapshotIndex(i.Name, i.FieldId, i.Params.Select(p => new[] { p.Key, p.Value }).ToList())).ToList());

    public List<KeyValuePair> PropertyPairs() => Properties.Select(p => new KeyValuePair { Key = p[0], Value = p[1] }).ToList();
}

internal sealed record SnapshotPartition(long Id, string Name);

internal sealed record SnapshotIndex(string Name, long FieldId, List<string[]> Params)
{
    public List<KeyValuePair> ParamPairs() => Params.Select(p => new KeyValuePair { Key = p[0], Value = p[1] }).ToList();
}

/// <summary>A pin (PinSnapshotData): keeps a snapshot's segments from compaction and collection until unpinned or expired.</summary>
internal sealed record SnapshotPin(long Id, long SnapshotId, long? ExpiresAtMs);

/// <summary>A restore job: copies a snapshot's segments into the collection the RestoreSnapshot call created.</summary>
internal sealed class RestoreJob
{
    public required long Id { get; init; }
    public required long SnapshotId { get; init; }
    public required string SnapshotName { get; init; }
    public required string TargetDbName { get; init; }
    public required long TargetCollectionId { get; init; }
    public required string TargetCollectionName { get; init; }
    public RestoreSnapshotState State { get; set; } = RestoreSnapshotState.RestoreSnapshotPending;
    public int CopiedSegments { get; set; }
    public int TotalSegments { get; init; }
    public string Reason { get; set; } = "";
    public required long StartMs { get; init; }
    public long TimeCostMs { get; set; }

    public bool IsActive => State is RestoreSnapshotState.RestoreSnapshotPending or RestoreSnapshotState.RestoreSnapshotExecuting;

    /// <summary>Copied segments as a percentage, as Milvus reports it (copied / total × 100).</summary>
    public int Progress => State == RestoreSnapshotState.RestoreSnapshotCompleted || TotalSegments == 0
        ? State == RestoreSnapshotState.RestoreSnapshotCompleted ? 100 : 0
        : CopiedSegments * 100 / TotalSegments;

    public RestoreSnapshotInfo ToInfo() => new()
    {
        JobId = Id, SnapshotName = SnapshotName, DbName = TargetDbName, CollectionName = TargetCollectionName, State = State,
        Progress = Progress, Reason = Reason, StartTime = (ulong)StartMs, TimeCost = (ulong)TimeCostMs,
    };
}
