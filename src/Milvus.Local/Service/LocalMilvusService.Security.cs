using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Milvus.Local.Rpc;
using Milvus.Local.Security;
using Milvus.Protocol.Api;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local;

// Security catalog RPCs: users, roles, grants, privilege groups. Milvus stores these even with authorization off;
// enforcement (authentication, privilege checks) happens before the handlers, in Rpc/AccessInterceptor.
public sealed partial class LocalMilvusService
{
    public override Task<Status> CreateCredential(CreateCredentialRequest request, ServerCallContext context) => Security(context, rbac =>
    {
        if (request.HasDescription) RbacCatalog.ValidateDescription(request.Description);
        rbac.CreateUser(request.Username, request.Password);
        if (request.HasDescription) rbac.SetUserDescription(request.Username.Trim(), request.Description);
        return Ok();
    });

    public override Task<Status> UpdateCredential(UpdateCredentialRequest request, ServerCallContext context)
        => Security(context, rbac => { UpdateCredential(rbac, request); return Ok(); });

    public override Task<Status> DeleteCredential(DeleteCredentialRequest request, ServerCallContext context) => Security(context, rbac =>
    {
        rbac.DeleteUser(request.Username);
        rbac.ForgetDescription(RbacDescriptionStore.User, request.Username.Trim());
        return Ok();
    });

    public override Task<ListCredUsersResponse> ListCredUsers(ListCredUsersRequest request, ServerCallContext context)
        => Security(context, rbac => new ListCredUsersResponse { Status = Ok(), Usernames = { rbac.UserNames() } });

    public override Task<SelectUserResponse> SelectUser(SelectUserRequest request, ServerCallContext context) => Security(context, rbac =>
    {
        var reply = new SelectUserResponse { Status = Ok() };
        foreach (var (user, roles) in rbac.SelectUsers(request.User?.Name))
        {
            var result = new UserResult { User = new UserEntity { Name = user }, Description = rbac.UserDescription(user) };
            if (request.IncludeRoleInfo) result.Roles.Add(roles.Select(r => new RoleEntity { Name = r }));
            reply.Results.Add(result);
        }
        return reply;
    });

    public override Task<Status> CreateRole(CreateRoleRequest request, ServerCallContext context) => Security(context, rbac =>
    {
        var description = request.Entity?.Description ?? "";
        RbacCatalog.ValidateDescription(description);
        rbac.CreateRole(request.Entity?.Name ?? "");
        if (description.Length > 0) rbac.SetRoleDescription(request.Entity!.Name, description);
        return Ok();
    });

    public override Task<Status> DropRole(DropRoleRequest request, ServerCallContext context) => Security(context, rbac =>
    {
        rbac.DropRole(request.RoleName, request.ForceDrop);
        rbac.ForgetDescription(RbacDescriptionStore.Role, request.RoleName);
        return Ok();
    });

    public override Task<Status> OperateUserRole(OperateUserRoleRequest request, ServerCallContext context)
        => Security(context, rbac => { rbac.OperateUserRole(request.Username, request.RoleName, request.Type); return Ok(); });

    public override Task<SelectRoleResponse> SelectRole(SelectRoleRequest request, ServerCallContext context) => Security(context, rbac =>
    {
        var reply = new SelectRoleResponse { Status = Ok() };
        foreach (var (role, users) in rbac.SelectRoles(request.Role?.Name))
        {
            var result = new RoleResult { Role = new RoleEntity { Name = role, Description = rbac.RoleDescription(role) } };
            if (request.IncludeUserInfo) result.Users.Add(users.Select(u => new UserEntity { Name = u }));
            reply.Results.Add(result);
        }
        return reply;
    });

    public override Task<Status> OperatePrivilege(OperatePrivilegeRequest request, ServerCallContext context) => Security(context, rbac =>
    {
        rbac.OperatePrivilege(request.Entity, request.Type, DbName(request.Entity?.DbName ?? "", context), CurrentUser(context));
        return Ok();
    });

    public override Task<Status> OperatePrivilegeV2(OperatePrivilegeV2Request request, ServerCallContext context) => Security(context, rbac =>
    {
        rbac.OperatePrivilegeV2(request, DbName(request.DbName, context), CurrentUser(context));
        return Ok();
    });

    public override Task<SelectGrantResponse> SelectGrant(SelectGrantRequest request, ServerCallContext context) => Security(context, rbac =>
    {
        var grants = rbac.SelectGrants(request.Entity, DbName(request.Entity?.DbName ?? "", context));
        return new SelectGrantResponse { Status = Ok(), Entities = { grants.Select(RbacCatalog.ToEntity) } };
    });

    public override Task<BackupRBACMetaResponse> BackupRBAC(BackupRBACMetaRequest request, ServerCallContext context)
        => Security(context, rbac => new BackupRBACMetaResponse { Status = Ok(), RBACMeta = rbac.Backup() });

    public override Task<Status> RestoreRBAC(RestoreRBACMetaRequest request, ServerCallContext context)
        => Security(context, rbac => { rbac.Restore(request.RBACMeta); return Ok(); });

    public override Task<Status> CreatePrivilegeGroup(CreatePrivilegeGroupRequest request, ServerCallContext context)
        => Security(context, rbac => { rbac.CreatePrivilegeGroup(request.GroupName); return Ok(); });

    public override Task<Status> DropPrivilegeGroup(DropPrivilegeGroupRequest request, ServerCallContext context)
        => Security(context, rbac => { rbac.DropPrivilegeGroup(request.GroupName); return Ok(); });

    public override Task<ListPrivilegeGroupsResponse> ListPrivilegeGroups(ListPrivilegeGroupsRequest request, ServerCallContext context)
        => Security(context, rbac =>
        {
            var reply = new ListPrivilegeGroupsResponse { Status = Ok() };
            foreach (var (name, privileges) in rbac.PrivilegeGroups())
                reply.PrivilegeGroups.Add(new PrivilegeGroupInfo { GroupName = name, Privileges = { privileges.Select(p => new PrivilegeEntity { Name = p }) } });
            return reply;
        });

    public override Task<Status> OperatePrivilegeGroup(OperatePrivilegeGroupRequest request, ServerCallContext context) => Security(context, rbac =>
    {
        rbac.OperatePrivilegeGroup(request.GroupName, request.Privileges.Select(p => p.Name).ToList(), request.Type);
        return Ok();
    });

    /// <summary>
    /// Runs a security handler under the engine lock. The catalog is created on first use (its tables live in the same
    /// file). A rootcoord-stage failure keeps its merr code but reports the RPC's legacy error code, as Milvus does.
    /// </summary>
    private Task<T> Security<T>(ServerCallContext context, Func<RbacCatalog, T> handler) where T : class, IMessage<T>, new()
        => Locked(context, () =>
        {
            try
            {
                return handler(_security.Catalog);
            }
            catch (RbacFailure failure)
            {
                var reply = RpcBoundary.Failure<T>(failure.Error);
                var status = reply as Status ?? (Status)reply.Descriptor.FindFieldByName("status").Accessor.GetValue(reply);
                status.ErrorCode = failure.LegacyCode;
                return reply;
            }
        });

    /// <summary>
    /// What the caller may see of a listing ("*": all), as rootcoord filters ListDatabases and ShowCollections: everything
    /// while authorization is off. Runs under the engine lock.
    /// </summary>
    private IReadOnlySet<string> Visible(ServerCallContext context, Func<RbacCatalog, string, IReadOnlySet<string>> visibleTo)
        => _security.AuthorizationEnabled ? visibleTo(_security.Catalog, CurrentUser(context)) : AllVisible;

    private static readonly IReadOnlySet<string> AllVisible = new HashSet<string> { RbacNames.AnyWord };

    /// <summary>The user named by the authorization header (base64 "user:password"); root when there is none.</summary>
    private static string CurrentUser(ServerCallContext context)
    {
        var header = context.RequestHeaders?.GetValue("authorization");
        if (string.IsNullOrEmpty(header)) return RbacCatalog.Root;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header));
            var colon = text.IndexOf(':');
            return colon > 0 ? text[..colon] : RbacCatalog.Root;
        }
        catch (FormatException)
        {
            return RbacCatalog.Root;
        }
    }
}
