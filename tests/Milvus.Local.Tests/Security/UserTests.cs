using Microsoft.Data.Sqlite;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using static Milvus.Local.Tests.Security.SecurityTestKit;

namespace Milvus.Local.Tests.Security;

/// <summary>Users (credentials) over both transports; see the derived classes at the end of the file.</summary>
public abstract class UserTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Root_exists_by_default_and_new_users_are_listed_in_name_order()
    {
        Assert.Equal(["root"], _h.Client.ListCredUsers(new ListCredUsersRequest()).Usernames);
        Ok(_h.CreateUser("zed"));
        Ok(_h.CreateUser("alice"));
        var reply = _h.Client.ListCredUsers(new ListCredUsersRequest());
        Ok(reply.Status);
        Assert.Equal(["alice", "root", "zed"], reply.Usernames);
    }

    [Fact]
    public void A_duplicate_user_fails_with_milvus_status()
        => Fails(_h.CreateUserTwice("alice"), 1100, ErrorCode.CreateCredentialFailure, "user already exists: alice: invalid parameter");

    [Theory]
    [InlineData("", "username must be not empty: invalid parameter")]
    [InlineData("1bob", "invalid user name 1bob, the first character must be a letter, but got 1: invalid parameter")]
    [InlineData("bo-b", "invalid user name bo-b, username must contain only numbers, letters and underscores, but got %!s(uint8=45): invalid parameter")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc",
        "invalid username abcdefghijabcdefghijabcdefghijabc with length 33, the length of username must be less than 32: invalid parameter")]
    public void Invalid_user_names_are_rejected(string name, string reason)
        => Fails(_h.CreateUser(name), 1100, ErrorCode.IllegalArgument, reason);

    [Theory]
    [InlineData("12345", 5)]
    [InlineData("", 0)]
    public void Passwords_must_have_6_to_256_bytes(string password, int length)
        => Fails(_h.CreateUser("bob", password), 1100, ErrorCode.IllegalArgument,
            $"invalid password length: invalid parameter[{length} out of range 6 <= value <= 256]");

    [Fact]
    public void A_password_that_is_not_base64_fails_without_echoing_it()
    {
        var status = _h.Client.CreateCredential(new CreateCredentialRequest { Username = "bob", Password = "not base64!" });
        Fails(status, 65535, ErrorCode.UnexpectedError, "decode password fail: illegal base64 data at input byte 3");
    }

    [Fact]
    public void Update_needs_the_old_password_and_then_accepts_the_new_one()
    {
        Ok(_h.CreateUser("bob", "first-pass"));
        Fails(Update("bob", "wrong-pass", "second-pass"), 1400, ErrorCode.UnexpectedError, "old password not correct for bob: not authenticated");
        Ok(Update("bob", "first-pass", "second-pass"));
        Fails(Update("bob", "first-pass", "third-pass"), 1400, ErrorCode.UnexpectedError, "old password not correct for bob: not authenticated");
        Ok(Update("bob", "second-pass", "third-pass"));
        Fails(Update("bob", "third-pass", "short"), 1100, ErrorCode.IllegalArgument,
            "invalid password length: invalid parameter[5 out of range 6 <= value <= 256]");
        Fails(Update("nobody", "x-x-x-x", "y-y-y-y"), 1400, ErrorCode.UnexpectedError, "old password not correct for nobody: not authenticated");
    }

    [Fact]
    public void Root_cannot_be_deleted_and_unknown_users_delete_quietly()
    {
        Fails(_h.Client.DeleteCredential(new DeleteCredentialRequest { Username = "root" }), 1401, ErrorCode.UnexpectedError,
            "root user cannot be deleted: privilege not permitted");
        Ok(_h.Client.DeleteCredential(new DeleteCredentialRequest { Username = "ghost" }));
        Ok(_h.CreateUser("bob"));
        Ok(_h.Client.DeleteCredential(new DeleteCredentialRequest { Username = "bob" }));
        Assert.Equal(["root"], _h.Client.ListCredUsers(new ListCredUsersRequest()).Usernames);
    }

    [Fact]
    public void Select_user_reports_roles_only_when_asked_and_nothing_for_an_unknown_user()
    {
        Ok(_h.CreateUser("bob"));
        Ok(_h.CreateRole("reader"));
        Ok(_h.Bind("bob", "reader"));
        Ok(_h.Bind("bob", "admin"));
        var with = _h.Client.SelectUser(new SelectUserRequest { User = new UserEntity { Name = "bob" }, IncludeRoleInfo = true });
        Ok(with.Status);
        Assert.Equal("bob", Assert.Single(with.Results).User.Name);
        Assert.Equal(["admin", "reader"], with.Results[0].Roles.Select(r => r.Name));
        var without = _h.Client.SelectUser(new SelectUserRequest { User = new UserEntity { Name = "bob" } });
        Assert.Empty(Assert.Single(without.Results).Roles);
        var unknown = _h.Client.SelectUser(new SelectUserRequest { User = new UserEntity { Name = "ghost" }, IncludeRoleInfo = true });
        Ok(unknown.Status);
        Assert.Empty(unknown.Results);
        var all = _h.Client.SelectUser(new SelectUserRequest { IncludeRoleInfo = true });
        Assert.Equal(["bob", "root"], all.Results.Select(r => r.User.Name));
        Fails(_h.Client.SelectUser(new SelectUserRequest { User = new UserEntity { Name = "b-b" } }).Status, 1100, ErrorCode.IllegalArgument,
            "invalid user name b-b, username must contain only numbers, letters and underscores, but got %!s(uint8=45): invalid parameter");
    }

    [Fact]
    public void Users_and_password_hashes_survive_a_reopen_and_the_file_holds_no_password()
    {
        Ok(_h.CreateUser("bob", "Secret-Pass-1"));
        _h.Reopen();
        Assert.Equal(["bob", "root"], _h.Client.ListCredUsers(new ListCredUsersRequest()).Usernames);
        Ok(Update("bob", "Secret-Pass-1", "Secret-Pass-2"));
        _h.Reopen();
        Ok(Update("bob", "Secret-Pass-2", "Secret-Pass-3"));
        _h.Engine.Dispose();
        using (var db = new SqliteConnection($"Data Source={_h.Path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT password_hash FROM rbac_users WHERE name = 'bob'";
            var hash = (string)cmd.ExecuteScalar()!;
            Assert.StartsWith("pbkdf2-sha256$100000$", hash);
            Assert.DoesNotContain("Secret-Pass", hash);
            Assert.DoesNotContain(B64("Secret-Pass-3"), hash);
        }
        _h.Reopen();
    }

    private Status Update(string user, string oldPassword, string newPassword)
        => _h.Client.UpdateCredential(new UpdateCredentialRequest { Username = user, OldPassword = B64(oldPassword), NewPassword = B64(newPassword) });
}

internal static class UserTestSteps
{
    public static Status CreateUserTwice(this LocalEngineHarness h, string name)
    {
        LocalEngineHarness.Ok(h.CreateUser(name));
        return h.CreateUser(name);
    }
}

/// <summary>The user limit, in-process only: 99 password hashes are the slow part.</summary>
public sealed class UserLimitTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void The_hundredth_user_fills_the_limit()
    {
        for (var i = 1; i < 100; i++) Ok(_h.CreateUser($"u{i}"));
        Fails(_h.CreateUser("one_more"), 65535, ErrorCode.CreateCredentialFailure,
            "failed to check if add credential: unable to add user because the number of users has reached the limit");
    }
}

public sealed class UserTestsInProcess() : UserTests(EngineTransport.InProcess);

public sealed class UserTestsOverKestrel() : UserTests(EngineTransport.Kestrel);
