using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using static Milvus.Local.Tests.Security.SecurityTestKit;

namespace Milvus.Local.Tests.Security;

public sealed class BackupTests : IDisposable
{
    private readonly LocalEngineHarness _source = new();
    private readonly LocalEngineHarness _target = new();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    [Fact]
    public void A_backup_restores_users_roles_grants_and_groups_into_another_database()
    {
        Ok(_source.CreateUser("bob", "bob-password"));
        Ok(_source.CreateRole("reader"));
        Ok(_source.Bind("bob", "reader"));
        Ok(_source.GrantV2("reader", "Search", "docs", "default"));
        Ok(_source.Client.CreatePrivilegeGroup(new CreatePrivilegeGroupRequest { GroupName = "g1" }));
        Ok(_source.GroupOp("g1", OperatePrivilegeGroupType.AddPrivilegesToGroup, "Query"));
        Ok(_source.GrantV2("reader", "g1", "news", "default"));

        var backup = _source.Client.BackupRBAC(new BackupRBACMetaRequest());
        Ok(backup.Status);
        var meta = backup.RBACMeta;
        Assert.Equal(["bob"], meta.Users.Select(u => u.User));
        Assert.Equal(["reader"], meta.Users[0].Roles.Select(r => r.Name));
        Assert.StartsWith("pbkdf2-sha256$", meta.Users[0].Password);
        Assert.Equal(["reader"], meta.Roles.Select(r => r.Name));
        Assert.Equal(["g1"], meta.PrivilegeGroups.Select(g => g.GroupName));
        Assert.Equal(2, meta.Grants.Count);

        Ok(_target.Client.RestoreRBAC(new RestoreRBACMetaRequest { RBACMeta = meta }));
        Assert.Equal(["bob", "root"], _target.Client.ListCredUsers(new ListCredUsersRequest()).Usernames);
        Assert.Equal(["Collection/default/docs/Search by root", "Global/default/news/g1 by root"], Describe(_target.Grants("reader")));
        var bob = _target.Client.SelectUser(new SelectUserRequest { User = new UserEntity { Name = "bob" }, IncludeRoleInfo = true });
        Assert.Equal(["reader"], bob.Results[0].Roles.Select(r => r.Name));
        Ok(_target.Client.UpdateCredential(new UpdateCredentialRequest
        {
            Username = "bob", OldPassword = B64("bob-password"), NewPassword = B64("new-password"),
        }));
        Fails(_target.Client.RestoreRBAC(new RestoreRBACMetaRequest { RBACMeta = meta }), 65535, ErrorCode.OperatePrivilegeFailure,
            "role [reader] already exists");
    }

    [Fact]
    public void Restore_checks_grants_and_memberships_and_an_empty_backup_is_a_no_op()
    {
        Ok(_target.Client.RestoreRBAC(new RestoreRBACMetaRequest { RBACMeta = new RBACMeta() }));
        var badGrant = new RBACMeta
        {
            Roles = { new RoleEntity { Name = "r1" } },
            Grants =
            {
                new GrantEntity
                {
                    Role = new RoleEntity { Name = "r1" }, Object = new ObjectEntity { Name = "Collection" }, ObjectName = "c", DbName = "default",
                    Grantor = new GrantorEntity { User = new UserEntity { Name = "root" }, Privilege = new PrivilegeEntity { Name = "Fly" } },
                },
            },
        };
        Fails(_target.Client.RestoreRBAC(new RestoreRBACMetaRequest { RBACMeta = badGrant }), 65535, ErrorCode.OperatePrivilegeFailure,
            "privilege [Fly] does not exist");
        var badUser = new RBACMeta { Users = { new UserInfo { User = "amy", Password = "x", Roles = { new RoleEntity { Name = "ghost" } } } } };
        Fails(_target.Client.RestoreRBAC(new RestoreRBACMetaRequest { RBACMeta = badUser }), 65535, ErrorCode.OperatePrivilegeFailure,
            "role [ghost] does not exist");
        Assert.Equal(["admin", "public"], _target.Client.SelectRole(new SelectRoleRequest()).Results.Select(r => r.Role.Name));
        Assert.Equal(["root"], _target.Client.ListCredUsers(new ListCredUsersRequest()).Usernames);
    }
}
