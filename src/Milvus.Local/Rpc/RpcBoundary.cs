using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Milvus.Local.Errors;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local.Rpc;

/// <summary>
/// The one place where engine failures become replies: a <see cref="MilvusError"/> (or any unexpected
/// exception) turns into the response's <c>status</c> field, gRPC status stays OK, as Milvus does.
/// </summary>
internal static class RpcBoundary
{
    public static Task<T> Run<T>(ServerCallContext context, Func<T> handler) where T : class, IMessage<T>, new()
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(handler());
        }
        catch (MilvusError error)
        {
            return Task.FromResult(Failure<T>(error));
        }
        catch (Exception e) when (e is not RpcException and not OperationCanceledException)
        {
            return Task.FromResult(Failure<T>(MilvusError.Unexpected(e.Message)));
        }
    }

    /// <summary>A reply of type <typeparamref name="T"/> carrying only the error status.</summary>
    public static T Failure<T>(MilvusError error) where T : class, IMessage<T>, new()
    {
        var status = error.ToStatus();
        if (status is T asT) return asT;
        var reply = new T();
        StatusField(reply.Descriptor).Accessor.SetValue(reply, status);
        return reply;
    }

    public static Status Success() => new();

    private static FieldDescriptor StatusField(MessageDescriptor descriptor)
        => descriptor.FindFieldByName("status")
           ?? throw new InvalidOperationException($"{descriptor.FullName} has no status field");
}
