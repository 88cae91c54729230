using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using static Milvus.Local.Tests.Security.SecurityTestKit;

namespace Milvus.Local.Tests.Security;

public sealed class RoleTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Admin_and_public_exist_and_new_roles_are_listed_in_name_order()
    {
        Ok(_h.CreateRole("writer"));
        Ok(_h.CreateRole("reader"));
        var reply = _h.Client.SelectRole(new SelectRoleRequest());
        Ok(reply.Status);
        Assert.Equal(["admin", "public", "reader", "writer"], reply.Results.Select(r => r.Role.Name));
    }

    [Fact]
    public void A_duplicate_role_fails_with_milvus_status()
    {
        Ok(_h.CreateRole("reader"));
        Fails(_h.CreateRole("reader"), 1100, ErrorCode.CreateRoleFailure, "role [name:\"reader\"] already exists: invalid parameter");
        Fails(_h.CreateRole("admin"), 1100, ErrorCode.CreateRoleFailure, "role [name:\"admin\"] already exists: invalid parameter");
    }

    [Theory]
    [InlineData("", "role name should be not empty: invalid parameter[expected=not empty][actual=]")]
    [InlineData("1r", "the first character of role name must be an underscore or letter: invalid parameter[expected=95][actual=49]")]
    [InlineData("r-1", "role name can only contain numbers, letters, dollars and underscores, found - at 1: invalid parameter")]
    public void Invalid_role_names_are_rejected(string name, string reason)
        => Fails(_h.CreateRole(name), 1100, ErrorCode.IllegalArgument, reason);

    [Fact]
    public void Ten_roles_including_admin_and_public_fill_the_limit()
    {
        for (var i = 0; i < 8; i++) Ok(_h.CreateRole($"r{i}"));
        Fails(_h.CreateRole("r8"), 9, ErrorCode.CreateRoleFailure,
            "quota exceeded[reason=unable to create role because the number of roles has reached the limit]");
    }

    [Fact]
    public void Default_roles_cannot_be_dropped_and_unknown_roles_fail()
    {
        Fails(_h.Client.DropRole(new DropRoleRequest { RoleName = "admin" }), 1401, ErrorCode.UnexpectedError,
            "the role[admin] is a default role, which can't be dropped: privilege not permitted");
        Fails(_h.Client.DropRole(new DropRoleRequest { RoleName = "public", ForceDrop = true }), 1401, ErrorCode.UnexpectedError,
            "the role[public] is a default role, which can't be dropped: privilege not permitted");
        Fails(_h.Client.DropRole(new DropRoleRequest { RoleName = "ghost" }), 1100, ErrorCode.DropRoleFailure,
            "not found the role, maybe the role isn't existed or internal system error: invalid parameter");
    }

    [Fact]
    public void A_role_with_grants_drops_only_with_force_which_removes_grants_and_members()
    {
        Ok(_h.CreateUser("bob"));
        Ok(_h.CreateRole("reader"));
        Ok(_h.Bind("bob", "reader"));
        Ok(_h.GrantV2("reader", "Search", "docs", "default"));
        Fails(_h.Client.DropRole(new DropRoleRequest { RoleName = "reader" }), 65535, ErrorCode.DropRoleFailure,
            "fail to drop the role that it has privileges. Use REVOKE API to revoke privileges");
        Ok(_h.Client.DropRole(new DropRoleRequest { RoleName = "reader", ForceDrop = true }));
        Assert.Empty(_h.Client.SelectRole(new SelectRoleRequest { Role = new RoleEntity { Name = "reader" } }).Results);
        var bob = _h.Client.SelectUser(new SelectUserRequest { User = new UserEntity { Name = "bob" }, IncludeRoleInfo = true });
        Assert.Empty(bob.Results[0].Roles);
        Ok(_h.CreateRole("reader"));
        Assert.Empty(_h.Grants("reader").Entities);
    }

    [Fact]
    public void A_role_without_grants_drops_without_force()
    {
        Ok(_h.CreateRole("reader"));
        Ok(_h.Client.DropRole(new DropRoleRequest { RoleName = "reader" }));
        Assert.Equal(["admin", "public"], _h.Client.SelectRole(new SelectRoleRequest()).Results.Select(r => r.Role.Name));
    }

    [Fact]
    public void Binding_needs_an_existing_role_and_user_and_repeats_are_harmless()
    {
        Ok(_h.CreateUser("bob"));
        Ok(_h.CreateRole("reader"));
        Fails(_h.Bind("bob", "ghost"), 1100, ErrorCode.OperateUserRoleFailure,
            "not found the role, maybe the role isn't existed or internal system error: invalid parameter");
        Fails(_h.Bind("ghost", "reader"), 65535, ErrorCode.OperateUserRoleFailure,
            "not found the user, maybe the user isn't existed or internal system error");
        Ok(_h.Bind("bob", "reader"));
        Ok(_h.Bind("bob", "reader"));
        Ok(_h.Bind("ghost", "reader", OperateUserRoleType.RemoveUserFromRole));
        var reader = _h.Client.SelectRole(new SelectRoleRequest { Role = new RoleEntity { Name = "reader" }, IncludeUserInfo = true });
        Assert.Equal(["bob"], Assert.Single(reader.Results).Users.Select(u => u.Name));
        Ok(_h.Bind("bob", "reader", OperateUserRoleType.RemoveUserFromRole));
        Ok(_h.Bind("bob", "reader", OperateUserRoleType.RemoveUserFromRole));
        reader = _h.Client.SelectRole(new SelectRoleRequest { Role = new RoleEntity { Name = "reader" }, IncludeUserInfo = true });
        Assert.Empty(reader.Results[0].Users);
    }

    [Fact]
    public void Select_role_lists_users_only_when_asked_and_nothing_for_an_unknown_role()
    {
        Ok(_h.CreateUser("bob"));
        Ok(_h.CreateUser("amy"));
        Ok(_h.Bind("bob", "admin"));
        Ok(_h.Bind("amy", "admin"));
        var all = _h.Client.SelectRole(new SelectRoleRequest { IncludeUserInfo = true });
        Assert.Equal(["amy", "bob"], all.Results.Single(r => r.Role.Name == "admin").Users.Select(u => u.Name));
        Assert.Empty(_h.Client.SelectRole(new SelectRoleRequest()).Results.Single(r => r.Role.Name == "admin").Users);
        var unknown = _h.Client.SelectRole(new SelectRoleRequest { Role = new RoleEntity { Name = "ghost" } });
        Ok(unknown.Status);
        Assert.Empty(unknown.Results);
    }

    [Fact]
    public void Deleting_a_user_removes_its_memberships()
    {
        Ok(_h.CreateUser("bob"));
        Ok(_h.Bind("bob", "admin"));
        Ok(_h.Client.DeleteCredential(new DeleteCredentialRequest { Username = "bob" }));
        Ok(_h.CreateUser("bob"));
        var bob = _h.Client.SelectUser(new SelectUserRequest { User = new UserEntity { Name = "bob" }, IncludeRoleInfo = true });
        Assert.Empty(bob.Results[0].Roles);
    }

    [Fact]
    public void Roles_and_memberships_survive_a_reopen()
    {
        Ok(_h.CreateUser("bob"));
        Ok(_h.CreateRole("reader"));
        Ok(_h.Bind("bob", "reader"));
        _h.Reopen();
        var reader = _h.Client.SelectRole(new SelectRoleRequest { Role = new RoleEntity { Name = "reader" }, IncludeUserInfo = true });
        Assert.Equal(["bob"], Assert.Single(reader.Results).Users.Select(u => u.Name));
    }
}
