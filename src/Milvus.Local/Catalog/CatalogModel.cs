using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Catalog;

/// <summary>A database of the catalog.</summary>
internal sealed class DatabaseMeta
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required ulong CreatedTs { get; init; }
    public List<KeyValuePair> Properties { get; init; } = [];
}

/// <summary>A collection: its schema, partitions, indexes, load state and properties.</summary>
internal sealed class CollectionMeta
{
    public required long Id { get; init; }
    public required long DbId { get; set; }
    public required string Name { get; set; }
    public required CollectionSchema Schema { get; set; }
    public int ShardsNum { get; init; } = 1;
    public ConsistencyLevel ConsistencyLevel { get; init; }
    public List<KeyValuePair> Properties { get; init; } = [];
    public required ulong CreatedTs { get; init; }
    public ulong UpdatedTs { get; set; }
    public long NumPartitions { get; init; }
    public List<PartitionMeta> Partitions { get; init; } = [];
    public List<IndexMeta> Indexes { get; init; } = [];

    /// <summary>Loaded as a whole (LoadCollection): partitions created later load too.</summary>
    public bool LoadedAsCollection { get; set; }

    public bool IsLoaded => LoadedAsCollection || Partitions.Any(p => p.Loaded);

    public FieldSchema PrimaryField => Schema.Fields.First(f => f.IsPrimaryKey);

    private CollectionMeta? _snapshot;

    /// <summary>
    /// A copy for readers working outside the engine lock (schema, partitions and indexes frozen). Call under the engine
    /// lock. While nothing it copies has changed, the last copy is handed out again (readers only read it): a fresh
    /// copy per search was the largest allocation of a search call.
    /// </summary>
    public CollectionMeta Snapshot()
    {
        if (_snapshot is { } last && last.SameState(this)) return last;
        return _snapshot = new()
        {
            Id = Id, DbId = DbId, Name = Name, Schema = Schema.Clone(), ShardsNum = ShardsNum, ConsistencyLevel = ConsistencyLevel,
            Properties = [.. Properties], CreatedTs = CreatedTs, UpdatedTs = UpdatedTs, NumPartitions = NumPartitions,
            Partitions = Partitions.Select(p => new PartitionMeta { Id = p.Id, Name = p.Name, CreatedTs = p.CreatedTs, Loaded = p.Loaded }).ToList(),
            Indexes = Indexes.Select(i => new IndexMeta { Id = i.Id, Name = i.Name, FieldId = i.FieldId, Params = [.. i.Params], CreatedTs = i.CreatedTs }).ToList(),
            LoadedAsCollection = LoadedAsCollection,
        };
    }

    /// <summary>Whether this copy still equals <paramref name="live"/> in everything <see cref="Snapshot"/> copies (compared by value, without allocating).</summary>
    private bool SameState(CollectionMeta live)
    {
        if (Id != live.Id || DbId != live.DbId || Name != live.Name || ShardsNum != live.ShardsNum || ConsistencyLevel != live.ConsistencyLevel
            || CreatedTs != live.CreatedTs || UpdatedTs != live.UpdatedTs || NumPartitions != live.NumPartitions
            || LoadedAsCollection != live.LoadedAsCollection || !SameItems(Properties, live.Properties) || !Schema.Equals(live.Schema)
            || Partitions.Count != live.Partitions.Count || Indexes.Count != live.Indexes.Count)
            return false;
        for (var i = 0; i < Partitions.Count; i++)
        {
            PartitionMeta a = Partitions[i], b = live.Partitions[i];
            if (a.Id != b.Id || a.Name != b.Name || a.CreatedTs != b.CreatedTs || a.Loaded != b.Loaded) return false;
        }
        for (var i = 0; i < Indexes.Count; i++)
        {
            IndexMeta a = Indexes[i], b = live.Indexes[i];
            if (a.Id != b.Id || a.Name != b.Name || a.FieldId != b.FieldId || a.CreatedTs != b.CreatedTs || !SameItems(a.Params, b.Params)) return false;
        }
        return true;
    }

    private static bool SameItems(List<KeyValuePair> a, List<KeyValuePair> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (!a[i].Equals(b[i])) return false;
        return true;
    }

    public FieldSchema? PartitionKeyField => Schema.Fields.FirstOrDefault(f => f.IsPartitionKey);

    public FieldSchema? FindField(string name) => Schema.Fields.FirstOrDefault(f => f.Name == name);

    public PartitionMeta? FindPartition(string name) => Partitions.FirstOrDefault(p => p.Name == name);

    public IEnumerable<FieldSchema> VectorFields => Schema.Fields.Where(f => VectorTypes.IsVector(f.DataType));
}

internal sealed class PartitionMeta
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required ulong CreatedTs { get; init; }
    public bool Loaded { get; set; }
}

internal sealed class IndexMeta
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required long FieldId { get; init; }
    public required List<KeyValuePair> Params { get; set; }
    public required ulong CreatedTs { get; init; }

    public string? Param(string key) => Params.FirstOrDefault(p => p.Key == key)?.Value;
}

internal static class VectorTypes
{
    public static bool IsVector(DataType type) => type is DataType.FloatVector or DataType.BinaryVector
        or DataType.Float16Vector or DataType.Bfloat16Vector or DataType.SparseFloatVector or DataType.Int8Vector;

    public static bool IsDenseFloating(DataType type) => type is DataType.FloatVector or DataType.Float16Vector
        or DataType.Bfloat16Vector or DataType.Int8Vector;
}
