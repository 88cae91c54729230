using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>GetService for the store and its collections: their metadata, the client, or the object itself (no keyed services).</summary>
internal static class MilvusServiceLookup
{
    public static object? Get(Type serviceType, object? serviceKey, object self, object metadata, AsyncMilvusClient client)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == metadata.GetType() ? metadata
            : serviceType == typeof(AsyncMilvusClient) ? client
            : serviceType.IsInstanceOfType(self) ? self
            : null;
    }
}
