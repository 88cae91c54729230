using System.Text;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;

namespace Milvus.Local.Tests.Security;

/// <summary>Request builders for the security RPCs, shaped as pymilvus sends them (base64 passwords, v2 grants).</summary>
internal static class SecurityTestKit
{
    public static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static Status CreateUser(this LocalEngineHarness h, string name, string password = "Secret-Pass-1")
        => h.Client.CreateCredential(new CreateCredentialRequest { Username = name, Password = B64(password) });

    public static Status CreateRole(this LocalEngineHarness h, string name)
        => h.Client.CreateRole(new CreateRoleRequest { Entity = new RoleEntity { Name = name } });

    public static Status Bind(this LocalEngineHarness h, string user, string role, OperateUserRoleType type = OperateUserRoleType.AddUserToRole)
        => h.Client.OperateUserRole(new OperateUserRoleRequest { Username = user, RoleName = role, Type = type });

    public static Status GrantV1(this LocalEngineHarness h, string role, string objectType, string objectName, string privilege,
        string dbName = "", OperatePrivilegeType type = OperatePrivilegeType.Grant)
        => h.Client.OperatePrivilege(new OperatePrivilegeRequest
        {
            Entity = new GrantEntity
            {
                Role = new RoleEntity { Name = role }, Object = new ObjectEntity { Name = objectType }, ObjectName = objectName, DbName = dbName,
                Grantor = new GrantorEntity { Privilege = new PrivilegeEntity { Name = privilege } },
            },
            Type = type,
        });

    public static Status GrantV2(this LocalEngineHarness h, string role, string privilege, string collection, string dbName = "",
        OperatePrivilegeType type = OperatePrivilegeType.Grant)
        => h.Client.OperatePrivilegeV2(new OperatePrivilegeV2Request
        {
            Role = new RoleEntity { Name = role }, Grantor = new GrantorEntity { Privilege = new PrivilegeEntity { Name = privilege } },
            Type = type, DbName = dbName, CollectionName = collection,
        });

    public static SelectGrantResponse Grants(this LocalEngineHarness h, string role, string dbName = "")
        => h.Client.SelectGrant(new SelectGrantRequest { Entity = new GrantEntity { Role = new RoleEntity { Name = role }, DbName = dbName } });

    /// <summary>"ObjectType/db/object/privilege by grantor" per grant, for compact exact assertions.</summary>
    public static string[] Describe(SelectGrantResponse reply)
        => reply.Entities.Select(g => $"{g.Object.Name}/{g.DbName}/{g.ObjectName}/{g.Grantor.Privilege.Name} by {g.Grantor.User.Name}").ToArray();

    public static Status GroupOp(this LocalEngineHarness h, string group, OperatePrivilegeGroupType type, params string[] privileges)
        => h.Client.OperatePrivilegeGroup(new OperatePrivilegeGroupRequest
        {
            GroupName = group, Type = type, Privileges = { privileges.Select(p => new PrivilegeEntity { Name = p }) },
        });

    public static void Fails(Status status, int code, ErrorCode legacy, string reason)
    {
        Assert.Equal(reason, status.Reason);
        Assert.Equal(code, status.Code);
        Assert.Equal(legacy, status.ErrorCode);
    }
}
