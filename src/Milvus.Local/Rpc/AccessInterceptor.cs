using Grpc.Core;
using Grpc.Core.Interceptors;
using Milvus.Local.Security;

namespace Milvus.Local.Rpc;

/// <summary>
/// Authentication and the per-RPC privilege check in front of every handler, for both transports: the in-process
/// CallInvoker wraps each bound handler with it and Milvus.Local.Server registers it with ASP.NET Core gRPC. Failures
/// are gRPC errors (UNAUTHENTICATED, PERMISSION_DENIED), as Milvus's interceptors answer, not reply statuses.
/// </summary>
public sealed class AccessInterceptor : Interceptor
{
    private readonly AccessCheck _check;

    internal AccessInterceptor(AccessCheck check) => _check = check;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        _check.Check(request, context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        _check.CheckStream(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        _check.CheckStream(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        _check.CheckStream(context);
        return continuation(requestStream, responseStream, context);
    }
}
