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

    /// <summary>A copy for readers working outside the engine lock (schema, partitions and indexes frozen).</summary>
    public CollectionMeta Snapshot() => new()
    {
        Id = Id, DbId = DbId, Name = Name, Schema = Schema.Clone(), ShardsNum = ShardsNum, ConsistencyLevel = ConsistencyLevel,
        Properties = [.. Properties], CreatedTs = CreatedTs, UpdatedTs = UpdatedTs, NumPartitions = NumPartitions,
        Partitions = Partitions.Select(p => new PartitionMeta { Id = p.Id, Name = p.Name, CreatedTs = p.CreatedTs, Loaded = p.Loaded }).ToList(),
        Indexes = Indexes.Select(i => new IndexMeta { Id = i.Id, Name = i.Name, FieldId = i.FieldId, Params = [.. i.Params], CreatedTs = i.CreatedTs }).ToList(),
        LoadedAsCollection = LoadedAsCollection,
    };

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
