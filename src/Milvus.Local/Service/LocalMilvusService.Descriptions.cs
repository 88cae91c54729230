using Grpc.Core;
using Milvus.Local.Errors;
using Milvus.Local.Security;
using Milvus.Protocol.Api;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local;

// Milvus 3.0 descriptions on users and roles: AlterRole, and UpdateCredential's description-only form.
public sealed partial class LocalMilvusService
{
    public override Task<Status> AlterRole(AlterRoleRequest request, ServerCallContext context)
        => Security(context, rbac => { rbac.AlterRole(request.RoleName, request.Description); return Ok(); });

    /// <summary>
    /// UpdateCredential as Milvus 3.0's proxy does it: with both passwords empty only the description changes (no password check);
    /// with neither passwords nor a description there is nothing to update.
    /// </summary>
    private static void UpdateCredential(RbacCatalog rbac, UpdateCredentialRequest request)
    {
        var passwordGiven = request.OldPassword.Length > 0 || request.NewPassword.Length > 0;
        if (!passwordGiven && !request.HasDescription) throw MilvusError.InvalidParameter("must update either password or description");
        if (request.HasDescription) RbacCatalog.ValidateDescription(request.Description);
        if (passwordGiven) rbac.UpdatePassword(request.Username, request.OldPassword, request.NewPassword);
        if (request.HasDescription) rbac.SetUserDescription(request.Username, request.Description);
    }
}
