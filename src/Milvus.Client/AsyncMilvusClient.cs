namespace Milvus.Client;

/// <summary>The asynchronous Milvus client (pymilvus AsyncMilvusClient / MilvusClient surface).</summary>
public sealed partial class AsyncMilvusClient
{
}
