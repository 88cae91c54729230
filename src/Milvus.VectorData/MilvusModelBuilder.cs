using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace Milvus.VectorData;

/// <summary>
/// Builds and validates the MEVD model of a Milvus collection: one key (long, string or Guid), data properties of the
/// scalar and array types Milvus stores, at least one float or float16 vector (Milvus needs a vector field), and
/// distance functions and index kinds Milvus has.
/// </summary>
internal sealed class MilvusModelBuilder() : CollectionModelBuilder(new CollectionModelBuildingOptions
{
    SupportsMultipleVectors = true,
    RequiresAtLeastOneVector = true,
})
{
    protected override void ValidateKeyProperty(KeyPropertyModel keyProperty)
    {
        base.ValidateKeyProperty(keyProperty);
        if (!MilvusFieldTypes.IsKeyType(keyProperty.Type))
            throw new NotSupportedException(
                $"Key property '{keyProperty.ModelName}' has type '{keyProperty.Type.Name}'; Milvus keys must be one of: {MilvusFieldTypes.SupportedKeyTypes}.");
    }

    protected override void ValidateProperty(PropertyModel propertyModel, Microsoft.Extensions.VectorData.VectorStoreCollectionDefinition? definition)
    {
        base.ValidateProperty(propertyModel, definition);
        switch (propertyModel)
        {
            case VectorPropertyModel vector:
                MilvusDistance.MetricType(vector.DistanceFunction, vector.ModelName);
                MilvusIndexKind.IndexType(vector.IndexKind, vector.ModelName);
                break;
            case DataPropertyModel { IsFullTextIndexed: true } data when data.Type != typeof(string):
                throw new NotSupportedException(
                    $"Data property '{data.ModelName}' asks for full-text indexing, which Milvus's BM25 functions offer on string properties only.");
        }
    }

    protected override bool IsDataPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = MilvusFieldTypes.SupportedDataTypes;
        return MilvusFieldTypes.IsDataType(type);
    }

    protected override bool IsVectorPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = MilvusFieldTypes.SupportedVectorTypes;
        return MilvusFieldTypes.TryGetVector(type, out _);
    }
}
