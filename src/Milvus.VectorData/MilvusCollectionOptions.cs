using Microsoft.Extensions.VectorData;
using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>Options for <see cref="MilvusCollection{TKey, TRecord}"/> (record definition and embedding generator come from the base class).</summary>
public sealed class MilvusCollectionOptions : VectorStoreCollectionOptions
{
    public MilvusCollectionOptions()
    {
    }

    public MilvusCollectionOptions(MilvusCollectionOptions? source) : base(source)
    {
        ConsistencyLevel = source?.ConsistencyLevel ?? ConsistencyLevel.Strong;
    }

    /// <summary>Consistency of reads and of the collection when this provider creates it (default Strong: read your writes).</summary>
    public ConsistencyLevel ConsistencyLevel { get; set; } = ConsistencyLevel.Strong;
}
