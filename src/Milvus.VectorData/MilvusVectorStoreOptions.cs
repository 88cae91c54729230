using Microsoft.Extensions.AI;
using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>Options for <see cref="MilvusVectorStore"/>.</summary>
public sealed class MilvusVectorStoreOptions
{
    /// <summary>The embedding generator used by collections whose definition or options name none.</summary>
    public IEmbeddingGenerator? EmbeddingGenerator { get; set; }

    /// <summary>
    /// Consistency of reads (get, query, search) and of the collections this store creates. Strong (the default) makes
    /// a record visible to the next read as soon as its upsert returns, which is what MEVD callers expect.
    /// </summary>
    public ConsistencyLevel ConsistencyLevel { get; set; } = ConsistencyLevel.Strong;
}
