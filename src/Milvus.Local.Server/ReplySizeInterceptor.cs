using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Milvus.Local.Rpc;

namespace Milvus.Local.Server;

/// <summary>
/// The send-side cap with grpc-go's error: a Milvus server refuses a reply over <c>proxy.grpc.serverMaxSendSize</c>
/// with RESOURCE_EXHAUSTED "grpc: trying to send message larger than max (SIZE vs. MAX)" (grpc-go server.go), where
/// ASP.NET Core's own check would say "Sending message exceeds the maximum configured message size.". The reply is
/// measured before it is written; ASP.NET's limit stays behind it as a backstop.
/// </summary>
internal sealed class ReplySizeInterceptor(LocalServerOptions options) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var response = await continuation(request, context);
        if (response is IMessage message && message.CalculateSize() is var size && size > options.MaxSendBytes)
            throw MessageLimits.SendingTooLarge(size, options.MaxSendBytes);
        return response;
    }
}
