using Google.Protobuf;
using Grpc.Core;
using Milvus.Local.Engine;

namespace Milvus.Local.Security;

/// <summary>
/// Milvus's two proxy interceptors for one call: authentication (<see cref="CallerAuthenticator"/>), then the privilege
/// check (privilege_interceptor.go): root passes; otherwise one of the caller's roles (public included) must permit the
/// request's privilege on its object in the request's database, with aliases resolved to their collection first.
/// Denials are gRPC PERMISSION_DENIED with Milvus's text. Does nothing while authorization is off.
/// </summary>
internal sealed class AccessCheck(EngineCore core, EngineSecurity security)
{
    private readonly CallerAuthenticator _authenticator = new(core, security);

    public void Check(object request, ServerCallContext context)
    {
        if (!security.AuthorizationEnabled) return;
        var caller = _authenticator.Authenticate(context.RequestHeaders);
        if (caller.IsRoot || request is not IMessage message || PrivilegeRequirement.Of(message) is not { } required) return;
        var dbName = DatabaseOf(message, context);
        lock (core.Gate)
        {
            if (!Permitted(caller, message, required, dbName)) throw Denied(required, caller, dbName);
        }
    }

    /// <summary>
    /// Streaming RPCs have no request message to read a privilege from; Milvus declares theirs by method name
    /// (streamMethodPrivileges) and denies any stream it does not list.
    /// </summary>
    public void CheckStream(ServerCallContext context)
    {
        if (!security.AuthorizationEnabled) return;
        var caller = _authenticator.Authenticate(context.RequestHeaders);
        if (caller.IsRoot) return;
        var method = context.Method.Split('/').LastOrDefault() ?? "";
        if (method is not ("CreateReplicateStream" or "DumpMessages"))
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"streaming method {context.Method} is not authorized"));
        var required = new PrivilegeRequirement(PrivilegeCatalog.Global, "PrivilegeUpdateReplicateConfiguration", -1, 0);
        var dbName = DatabaseOf(null, context);
        lock (core.Gate)
        {
            var catalog = security.Catalog;
            if (!catalog.EffectiveRolesOf(caller.User).Any(r => catalog.Permits(r, required.ObjectType, dbName, RbacNames.AnyWord, required.ApiName)))
                throw Denied(required, caller, dbName);
        }
    }

    private bool Permitted(CallerIdentity caller, IMessage request, PrivilegeRequirement required, string dbName)
    {
        var catalog = security.Catalog;
        var roles = catalog.EffectiveRolesOf(caller.User);
        var objectName = Resolve(required, dbName, required.ObjectName(request));
        // A user may read and change its own user object, and read the grants of its own roles.
        if (required.ObjectType == PrivilegeCatalog.User && objectName == caller.User) return true;
        if (request is Protocol.Api.SelectGrantRequest select && roles.Contains(select.Entity?.Role?.Name ?? "")) return true;
        var objectNames = required.ObjectNames(request).Select(n => Resolve(required, dbName, n)).ToList();
        return roles.Any(role =>
            (required.ObjectNameIndex != 0 && catalog.Permits(role, required.ObjectType, dbName, objectName, required.ApiName))
            || (required.ObjectNamesIndex != 0 && objectNames.Count > 0
                && objectNames.All(n => catalog.Permits(role, required.ObjectType, dbName, n, required.ApiName))));
    }

    /// <summary>An alias of a collection is checked as the collection (proxy.resolveAliasForPrivilege).</summary>
    private string Resolve(PrivilegeRequirement required, string dbName, string name)
    {
        if (required.ObjectType != PrivilegeCatalog.Collection || name is RbacNames.AnyWord or "") return name;
        return core.FindDatabase(dbName) is { } db ? core.AliasTarget(db.Id, name) ?? name : name;
    }

    /// <summary>The request's db_name when it has one, else the <c>dbname</c> header, else "default".</summary>
    private static string DatabaseOf(IMessage? request, ServerCallContext context)
    {
        if (request?.Descriptor.FindFieldByName("db_name")?.Accessor.GetValue(request) is string { Length: > 0 } db) return db;
        var header = context.RequestHeaders.GetValue("dbname");
        return string.IsNullOrEmpty(header) ? EngineCore.DefaultDatabase : header;
    }

    private static RpcException Denied(PrivilegeRequirement required, CallerIdentity caller, string dbName)
        => new(new Status(StatusCode.PermissionDenied,
            $"{required.MetastoreName}: permission deny to {caller.User} in the `{dbName}` database"));
}
