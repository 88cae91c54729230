using Microsoft.Extensions.VectorData.ProviderServices;
using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>
/// Full-text properties (IsFullTextIndexed strings): each is stored as a VARCHAR with enable_analyzer feeding a Milvus
/// BM25 function, whose SPARSE_FLOAT_VECTOR output "&lt;storage name&gt;_bm25" has a BM25 sparse index; keyword hybrid
/// search searches that field by text.
/// </summary>
internal static class MilvusFullText
{
    public static string SparseField(PropertyModel property) => property.StorageName + "_bm25";

    public static void AddTo(CollectionSchema schema, DataPropertyModel property)
    {
        schema.AddField(new FieldSchema(SparseField(property), DataType.SparseFloatVector));
        schema.AddFunction(new FunctionSchema(property.StorageName + "_bm25_function", FunctionType.BM25, [property.StorageName], [SparseField(property)]));
    }

    public static void AddIndex(IndexParams indexes, DataPropertyModel property)
        => indexes.AddIndex(SparseField(property), IndexType.SparseInvertedIndex, metricType: MetricType.BM25);
}
