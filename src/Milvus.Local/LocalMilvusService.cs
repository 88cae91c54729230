using Milvus.Protocol.Api;

namespace Milvus.Local;

/// <summary>The engine's MilvusService: every RPC of Milvus 2.6, answered from the local catalog and storage.</summary>
public sealed partial class LocalMilvusService : MilvusService.MilvusServiceBase
{
}
