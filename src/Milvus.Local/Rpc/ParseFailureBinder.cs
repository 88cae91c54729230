using Google.Protobuf;
using Grpc.Core;
using Milvus.Protocol.Api;

namespace Milvus.Local.Rpc;

/// <summary>
/// Binds the MilvusService for ASP.NET Core gRPC (found through <see cref="BindServiceMethodAttribute"/> on
/// <see cref="LocalMilvusService"/>) with request parsers that turn a malformed message into the error a Milvus
/// (grpc-go) server gives, INTERNAL "grpc: error unmarshalling request: ...", instead of "Exception was thrown by handler".
/// </summary>
public static class ParseFailureBinder
{
    // The service parameter is typed as the generated base: ASP.NET Core gRPC matches handlers against its methods.
    public static void BindService(ServiceBinderBase binder, MilvusService.MilvusServiceBase? service)
        => MilvusService.BindService(new Binder(binder), service!);

    private static Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method)
    {
        var inner = method.RequestMarshaller;
        var marshaller = Marshallers.Create(inner.ContextualSerializer, context =>
        {
            try
            {
                return inner.ContextualDeserializer(context);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw Unparsable(e);
            }
            catch (InvalidOperationException e) when (e.InnerException is InvalidProtocolBufferException)
            {
                throw Unparsable(e.InnerException);
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
    }

    private static RpcException Unparsable(Exception e) => new(new Status(StatusCode.Internal, $"grpc: error unmarshalling request: {e.Message}"));

    /// <summary>Passes every method on with its request parser guarded.</summary>
    private sealed class Binder(ServiceBinderBase target) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
            => target.AddMethod(Guarded(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
            => target.AddMethod(Guarded(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
            => target.AddMethod(Guarded(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
            => target.AddMethod(Guarded(method), handler);
    }
}
