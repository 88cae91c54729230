using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Milvus.Local.Transport;

/// <summary>
/// The handlers of a bound gRPC service, keyed by full method name ("/milvus.proto.milvus.MilvusService/Search").
/// Built through the generated <c>BindService(ServiceBinderBase, impl)</c>, so every RPC of the service is covered
/// without a hand-written list.
/// </summary>
internal sealed class ServiceMethodTable(Interceptor interceptor) : ServiceBinderBase
{
    private readonly Dictionary<string, Delegate> _handlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IMethod> _methods = new(StringComparer.Ordinal);

    public bool TryGet(string fullName, out IMethod method, out Delegate handler)
    {
        if (_methods.TryGetValue(fullName, out method!) && _handlers.TryGetValue(fullName, out handler!)) return true;
        handler = null!;
        return false;
    }

    // Every handler runs behind the interceptor, as ASP.NET Core gRPC runs registered interceptors.
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        => Add(method, handler is null ? null : new UnaryServerMethod<TRequest, TResponse>(
            (request, context) => interceptor.UnaryServerHandler(request, context, handler)));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        => Add(method, handler is null ? null : new ServerStreamingServerMethod<TRequest, TResponse>(
            (request, stream, context) => interceptor.ServerStreamingServerHandler(request, stream, context, handler)));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        => Add(method, handler is null ? null : new ClientStreamingServerMethod<TRequest, TResponse>(
            (requests, context) => interceptor.ClientStreamingServerHandler(requests, context, handler)));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        => Add(method, handler is null ? null : new DuplexStreamingServerMethod<TRequest, TResponse>(
            (requests, responses, context) => interceptor.DuplexStreamingServerHandler(requests, responses, context, handler)));

    private void Add(IMethod method, Delegate? handler)
    {
        if (handler is null) return;
        _methods[method.FullName] = method;
        _handlers[method.FullName] = handler;
    }
}
