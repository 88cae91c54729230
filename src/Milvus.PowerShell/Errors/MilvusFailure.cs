namespace Milvus.PowerShell.Errors;

/// <summary>
/// What went wrong in a call, reduced to what error mapping needs: the Milvus status code (merr code, 0 when
/// unknown), the gRPC status name when the failure came from the transport, and the server's reason text.
/// </summary>
internal readonly record struct MilvusFailure(int Code, string? GrpcStatus, string Message);
