namespace Milvus.Client;

/// <summary>
/// Base of every error the client raises (pymilvus <c>MilvusException</c>): <see cref="Code"/> is the Milvus
/// status code (or a client code), <see cref="CompatibleCode"/> the legacy <c>error_code</c>, and
/// <see cref="RpcName"/> the RPC that failed, when one did. Messages never contain secrets.
/// </summary>
public class MilvusException : Exception
{
    public MilvusException(int code, string message, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        CompatibleCode = compatibleCode;
        RpcName = rpcName;
    }

    public MilvusException(string message) : this(1, message) { }

    /// <summary>Milvus status code (pymilvus <c>code</c>); 1 when unknown.</summary>
    public int Code { get; }

    /// <summary>The legacy <c>common.ErrorCode</c> value (pymilvus <c>compatible_code</c>).</summary>
    public int CompatibleCode { get; }

    /// <summary>The RPC (MilvusService method) that failed, if any.</summary>
    public string? RpcName { get; internal set; }

    /// <summary>Mirrors pymilvus's text: <c>&lt;ClassName: (code=..., message=...)&gt;</c>.</summary>
    public override string ToString() => $"<{GetType().Name}: (code={Code}, message={Message})>";
}

/// <summary>Client codes from pymilvus <c>ErrorCode</c> plus legacy status values the client uses.</summary>
public static class MilvusErrorCode
{
    public const int Success = 0;
    public const int UnexpectedError = 1;
    public const int ConnectFailed = 2;
    public const int RateLimit = 8;
    public const int ForceDeny = 9;
    public const int CollectionNotFound = 100;
    public const int IndexNotFound = 700;
    public const int DatabaseNotFound = 800;
    /// <summary>Legacy <c>error_code</c> values.</summary>
    public const int LegacyCollectionNotExists = 4;
    public const int LegacyIndexNotExist = 25;
    public const int LegacyEmptyCollection = 26;
    public const int LegacyRateLimit = 49;
    public const int LegacySchemaMismatch = 62;
}

/// <summary>The gRPC status codes, mirrored so that no gRPC type appears in the public API.</summary>
public enum RpcStatusCode
{
    OK = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}

/// <summary>
/// A gRPC-level failure (pymilvus lets the raw <c>grpc.RpcError</c> through for non-retryable codes; here it is wrapped so
/// callers see <see cref="StatusCode"/> and <see cref="Detail"/> without a gRPC dependency).
/// <see cref="MilvusException.Code"/> equals the numeric gRPC status code.
/// </summary>
public class MilvusRpcException : MilvusException
{
    public MilvusRpcException(RpcStatusCode statusCode, string detail, string? rpcName = null, Exception? innerException = null)
        : base((int)statusCode, $"<{statusCode}: {detail}>" , 1, rpcName, innerException)
    {
        StatusCode = statusCode;
        Detail = detail;
    }

    public RpcStatusCode StatusCode { get; }

    public string Detail { get; }
}
