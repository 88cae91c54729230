using Google.Protobuf;
using Grpc.Core;
using Milvus.Protocol.Api;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>
    /// A call whose RPC is new in Milvus 3.0: a server that answers gRPC UNIMPLEMENTED (Milvus 2.6 and older) raises
    /// <see cref="ServerVersionIncompatibleException"/> naming <paramref name="method"/> and the server's version.
    /// </summary>
    private async Task<TReply> CallNewRpcAsync<TRequest, TReply>(string method, string rpcName, TRequest request,
        Func<MilvusService.MilvusServiceClient, TRequest, CallOptions, AsyncUnaryCall<TReply>> call,
        TimeSpan? timeout, CancellationToken cancellationToken)
        where TReply : IMessage
    {
        try
        {
            return await CallAsync(rpcName, request, call, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (MilvusRpcException e) when (e.StatusCode == RpcStatusCode.Unimplemented)
        {
            throw ServerVersionIncompatibleException.ServerTooOld(method, rpcName, _connection.ServerInfo?.BuildTags, e);
        }
    }

    private static bool IsUnimplemented(MilvusException e) => e is MilvusRpcException { StatusCode: RpcStatusCode.Unimplemented };
}
