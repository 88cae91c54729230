using Microsoft.Extensions.VectorData;
using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>MEVD index kinds on Milvus vector index types.</summary>
internal static class MilvusIndexKind
{
    private const string Supported = "Dynamic (AUTOINDEX, the default), Hnsw, Flat, IvfFlat, DiskAnn";

    public static string IndexType(string? indexKind, string propertyName) => indexKind switch
    {
        null or IndexKind.Dynamic => Client.IndexType.AutoIndex,
        IndexKind.Hnsw => Client.IndexType.Hnsw,
        IndexKind.Flat => Client.IndexType.Flat,
        IndexKind.IvfFlat => Client.IndexType.IvfFlat,
        IndexKind.DiskAnn => Client.IndexType.DiskAnn,
        var other => throw new NotSupportedException(
            $"Index kind '{other}' on vector property '{propertyName}' is not supported by Milvus. Supported: {Supported}."),
    };
}
