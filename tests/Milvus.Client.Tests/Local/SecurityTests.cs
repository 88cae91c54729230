using Milvus.Client.Tests.Support;

namespace Milvus.Client.Tests.Local;

/// <summary>Users and roles against the local engine.</summary>
public class SecurityTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Role_users_follow_grant_and_revoke(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = setup.Client;
        await client.CreateUserAsync("alice", "Alice-Pass-1");
        await client.CreateUserAsync("bob", "Bob-Pass-1");
        await client.CreateRoleAsync("reader");
        await client.GrantRoleAsync("alice", "reader");
        await client.GrantRoleAsync("bob", "reader");
        await client.GrantRoleAsync("bob", "admin");

        var roles = await client.ListRoleUsersAsync();
        Assert.Equal(await client.ListRolesAsync(), roles.Keys.ToList());
        Assert.Equal(["alice", "bob"], roles["reader"].Order(StringComparer.Ordinal));
        Assert.Equal(["bob"], roles["admin"]);
        Assert.Empty(roles["public"]);

        await client.RevokeRoleAsync("alice", "reader");
        Assert.Equal(["bob"], (await client.ListRoleUsersAsync())["reader"]);
    }
}
