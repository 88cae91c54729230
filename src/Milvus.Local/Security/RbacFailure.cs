using Milvus.Local.Errors;
using Milvus.Protocol.Common;

namespace Milvus.Local.Security;

/// <summary>
/// A failure raised by the RBAC catalog (Milvus's rootcoord stage). Rootcoord reports these with
/// <c>merr.StatusWithErrorCode</c>: the merr code and reason of <see cref="Error"/>, but a fixed legacy
/// <see cref="ErrorCode"/> per RPC (CreateCredentialFailure, DropRoleFailure, ...) instead of the derived one.
/// </summary>
internal sealed class RbacFailure(MilvusError error, ErrorCode legacyCode) : Exception(error.Reason, error)
{
    public MilvusError Error { get; } = error;

    public ErrorCode LegacyCode { get; } = legacyCode;
}
