using Milvus.Client;

namespace Milvus.PowerShell.Errors;

/// <summary>Reads the client's exceptions into a <see cref="MilvusFailure"/> for error mapping.</summary>
internal static class FailureReader
{
    /// <summary>Code 1 is the client's generic "unexpected error": it says nothing about the kind of failure.</summary>
    private const int GenericCode = 1;

    public static MilvusFailure Read(Exception exception) => exception switch
    {
        MilvusRpcException rpc => new MilvusFailure(0, rpc.StatusCode.ToString(), rpc.Detail),
        ServerVersionIncompatibleException => new MilvusFailure(0, MilvusErrorMapper.ServerTooOld, exception.Message),
        MilvusTimeoutException timeout => new MilvusFailure(10001, nameof(RpcStatusCode.DeadlineExceeded), timeout.Message),
        ConnectError or MilvusUnavailableException or ConnectionNotExistException =>
            new MilvusFailure(0, nameof(RpcStatusCode.Unavailable), exception.Message),
        MilvusException milvus when milvus.GetType() != typeof(MilvusException) && milvus.Code == GenericCode =>
            new MilvusFailure(0, nameof(RpcStatusCode.InvalidArgument), milvus.Message),   // client-side validation
        MilvusException milvus => new MilvusFailure(milvus.Code == GenericCode ? 0 : milvus.Code, null, milvus.Message),
        MilvusCallTimeoutException timeout => new MilvusFailure(10001, nameof(RpcStatusCode.DeadlineExceeded), timeout.Message),
        ArgumentException or FormatException or InvalidCastException =>
            new MilvusFailure(0, nameof(RpcStatusCode.InvalidArgument), exception.Message),
        _ => new MilvusFailure(0, null, exception.Message),
    };

    /// <summary>True when the exception says the call was cancelled (by our token, directly or through gRPC).</summary>
    public static bool IsCancellation(Exception exception) => exception switch
    {
        OperationCanceledException => true,
        MilvusRpcException { StatusCode: RpcStatusCode.Cancelled or RpcStatusCode.DeadlineExceeded } => true,
        MilvusException { InnerException: { } inner } => IsCancellation(inner),
        _ => false,
    };
}
