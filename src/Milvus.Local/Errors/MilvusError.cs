using Milvus.Protocol.Common;

namespace Milvus.Local.Errors;

/// <summary>
/// A failure the engine reports to clients the way Milvus does: a merr code, the legacy
/// <see cref="ErrorCode"/> derived from it, and the reason text. Thrown anywhere inside the engine and
/// turned into a <see cref="Status"/> at the RPC boundary (never into a gRPC error).
/// </summary>
public sealed partial class MilvusError : Exception
{
    public MilvusError(int code, string reason, bool retriable = false, bool isInputError = false)
        : base(reason)
    {
        Code = code;
        Reason = reason;
        Retriable = retriable;
        IsInputError = isInputError;
    }

    /// <summary>merr code (1100 invalid parameter, 100 collection not found, ...).</summary>
    public int Code { get; }

    /// <summary>The text clients see in <c>Status.reason</c>.</summary>
    public string Reason { get; }

    public bool Retriable { get; }

    public bool IsInputError { get; }

    /// <summary>Legacy error_code for the merr code (milvus pkg/util/merr/utils.go oldCode).</summary>
    public ErrorCode LegacyCode => LegacyFor(Code);

    public static ErrorCode LegacyFor(int code) => code switch
    {
        0 => ErrorCode.Success,
        1 => ErrorCode.NotReadyServe,
        100 => ErrorCode.CollectionNotExists,
        1100 => ErrorCode.IllegalArgument,
        904 => ErrorCode.NodeIdnotMatch,
        200 or 400 or 501 => ErrorCode.MetaFailed,
        401 or 503 or 905 => ErrorCode.NoReplicaAvailable,
        3 => ErrorCode.InsufficientMemoryToLoad,
        7 => ErrorCode.DiskQuotaExhausted,
        11 => ErrorCode.TimeTickLongDelay,
        8 => ErrorCode.RateLimit,
        9 => ErrorCode.ForceDeny,
        700 => ErrorCode.IndexNotExist,
        600 => ErrorCode.SegmentNotFound,
        _ => ErrorCode.UnexpectedError,
    };

    public Status ToStatus()
    {
        var status = new Status { Code = Code, ErrorCode = LegacyCode, Reason = Reason, Retriable = Retriable, Detail = Reason };
        if (IsInputError) status.ExtraInfo["is_input_error"] = "true";
        return status;
    }

    // Common constructors, messages as Milvus formats them: "<base>[k=v]" with optional "<context>: " prefix.

    /// <summary>code 1100: "&lt;message&gt;: invalid parameter".</summary>
    public static MilvusError InvalidParameter(string message) => new(1100, $"{message}: invalid parameter", isInputError: true);

    /// <summary>code 1100 with the merr expected/actual suffix.</summary>
    public static MilvusError InvalidParameter(string message, object expected, object actual) =>
        new(1100, $"{message}: invalid parameter[expected={expected}][actual={actual}]", isInputError: true);

    public static MilvusError MissingParameter(string message) => new(1101, message, isInputError: true);

    public static MilvusError CollectionNotFound(string database, string collection) =>
        new(100, $"collection not found[database={database}][collection={collection}]");

    public static MilvusError DatabaseNotFound(string database) => new(800, $"database not found[database={database}]");

    /// <summary>A plain (non-merr) server error: code 65535.</summary>
    public static MilvusError Unexpected(string message) => new(65535, message);

    /// <summary>The file system is full (Milvus's disk quota error, code 7); nothing of the request was written.</summary>
    public static MilvusError DiskFull(string detail) => new(7, $"disk limit exceeded[{detail}]");

    /// <summary>code 3000 / "unsupported operation" style, for features the local engine does not have.</summary>
    public static MilvusError NotSupported(string what) => new(3000, $"unsupported operation[{what}]: not supported by the Milvus local engine");
}
