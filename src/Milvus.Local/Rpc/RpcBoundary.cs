using Google.Protobuf;
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
    private const int SqliteFull = 13;

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
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == SqliteFull)
        {
            return Task.FromResult(Failure<T>(MilvusError.DiskFull(e.Message)));
        }
        catch (Exception e) when (e is not RpcException and not OperationCanceledException)
        {
            return Task.FromResult(Failure<T>(MilvusError.Unexpected(e.Message)));
        }
    }

    /// <summary>
    /// A reply of type <typeparamref name="T"/> carrying only the error status. A few replies (GetReplicateInfo...)
    /// have no status field; Milvus fails those at the gRPC level, so they get an RpcException, UNIMPLEMENTED for
    /// what the engine does not support (clients do not retry it), UNKNOWN otherwise.
    /// </summary>
    public static T Failure<T>(MilvusError error) where T : class, IMessage<T>, new()
    {
        var status = error.ToStatus();
        if (status is T asT) return asT;
        var reply = new T();
        // AlterCollectionSchemaResponse names its status alter_status.
        var field = reply.Descriptor.FindFieldByName("status") ?? reply.Descriptor.FindFieldByName("alter_status");
        if (field is null)
        {
            var code = error.Code == 3000 ? StatusCode.Unimplemented : StatusCode.Unknown;
            throw new RpcException(new Grpc.Core.Status(code, error.Reason));
        }
        field.Accessor.SetValue(reply, status);
        return reply;
    }

    public static Status Success() => new();
}
