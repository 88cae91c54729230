using Microsoft.Extensions.VectorData.ProviderServices;
using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>The Milvus schema and indexes of a MEVD collection model (field names are the properties' storage names).</summary>
internal static class MilvusSchemaMapping
{
    public static CollectionSchema Schema(CollectionModel model)
    {
        var schema = AsyncMilvusClient.CreateSchema(enableDynamicField: false);
        var key = model.KeyProperty;
        schema.AddField(key.StorageName, MilvusFieldTypes.KeyDataType(key.Type), isPrimary: true,
            maxLength: key.Type == typeof(long) ? null : key.Type == typeof(Guid) ? MilvusFieldTypes.GuidLength : MilvusFieldTypes.MaxVarCharLength);
        foreach (var data in model.DataProperties) schema.AddField(DataField(data));
        foreach (var data in model.DataProperties.Where(d => d.IsFullTextIndexed)) MilvusFullText.AddTo(schema, data);
        foreach (var vector in model.VectorProperties)
        {
            MilvusFieldTypes.TryGetVector(vector.EmbeddingType, out var vectorType);
            schema.AddField(vector.StorageName, vectorType, dim: vector.Dimensions);
        }
        return schema;
    }

    /// <summary>
    /// One vector index per vector property (its index kind and distance function), an INVERTED index per indexed data
    /// property, a BM25 sparse index per full-text property.
    /// </summary>
    public static IndexParams Indexes(CollectionModel model)
    {
        var indexes = AsyncMilvusClient.PrepareIndexParams();
        foreach (var vector in model.VectorProperties)
        {
            indexes.AddIndex(vector.StorageName, MilvusIndexKind.IndexType(vector.IndexKind, vector.ModelName),
                metricType: MilvusDistance.MetricType(vector.DistanceFunction, vector.ModelName));
        }
        foreach (var data in model.DataProperties.Where(d => d.IsIndexed))
            indexes.AddIndex(data.StorageName, IndexType.Inverted);
        foreach (var data in model.DataProperties.Where(d => d.IsFullTextIndexed)) MilvusFullText.AddIndex(indexes, data);
        return indexes;
    }

    private static FieldSchema DataField(DataPropertyModel data)
    {
        if (MilvusFieldTypes.TryGetScalar(data.Type, out var scalar))
        {
            // A BM25 function's input is analyzed and cannot be nullable (Milvus's rule).
            return new FieldSchema(data.StorageName, scalar)
            {
                MaxLength = scalar == DataType.VarChar ? MaxLength(data.Type) : null,
                Nullable = data.IsNullable && !data.IsFullTextIndexed,
                EnableAnalyzer = data.IsFullTextIndexed ? true : null,
            };
        }
        MilvusFieldTypes.TryGetArrayElement(data.Type, out var elementType, out var element);
        return new FieldSchema(data.StorageName, DataType.Array)
        {
            ElementType = element,
            MaxCapacity = MilvusFieldTypes.MaxArrayCapacity,
            MaxLength = element == DataType.VarChar ? MaxLength(elementType) : null,
            Nullable = data.IsNullable,
        };
    }

    private static int MaxLength(Type type)
        => (Nullable.GetUnderlyingType(type) ?? type) == typeof(Guid) ? MilvusFieldTypes.GuidLength : MilvusFieldTypes.MaxVarCharLength;
}
