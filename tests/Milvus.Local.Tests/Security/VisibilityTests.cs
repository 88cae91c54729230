using Google.Protobuf;
using Grpc.Core;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using static Milvus.Local.Tests.Security.SecurityTestKit;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local.Tests.Security;

/// <summary>
/// ListDatabases and ShowCollections list only what the caller's bound roles are granted, as rootcoord's
/// listDatabaseTask / showCollectionTask filter them: root and admin see all, Collection grants and collection-level
/// built-in groups name their collection, a Global All grant or a "*" covers everything, the public role counts for
/// nothing, and a user without a role sees no database at all. Both transports.
/// </summary>
public sealed class VisibilityTests
{
    private const string Password = "Visible-Pass-1";

    public static TheoryData<EngineTransport> Transports() => new() { EngineTransport.InProcess, EngineTransport.Kestrel };

    /// <summary>default: docs, other, notes; db2: t1, t2; db3: u1. One user per grant shape.</summary>
    private static LocalEngineHarness Arrange(EngineTransport transport)
    {
        var h = new LocalEngineHarness(transport, new LocalEngineOptions { AuthorizationEnabled = true });
        Ok(h.Client.CreateDatabase(new CreateDatabaseRequest { DbName = "db2" }));
        Ok(h.Client.CreateDatabase(new CreateDatabaseRequest { DbName = "db3" }));
        foreach (var (db, name) in new[] { ("default", "docs"), ("default", "other"), ("default", "notes"), ("db2", "t1"), ("db2", "t2"), ("db3", "u1") })
            Ok(h.Client.CreateCollection(new CreateCollectionRequest
            {
                DbName = db, CollectionName = name,
                Schema = new CollectionSchema { Name = name, Fields = { Int64Pk(), Vector("vec", DataType.FloatVector, 2) } }.ToByteString(),
            }));

        void UserWithRole(string user, string? role, params Func<Status>[] grants)
        {
            Ok(h.CreateUser(user, Password));
            if (role is null) return;
            if (role != "admin") Ok(h.CreateRole(role));
            foreach (var grant in grants) Ok(grant());
            Ok(h.Bind(user, role));
        }

        UserWithRole("nobody", null);
        UserWithRole("admin_user", "admin");
        UserWithRole("scoped", "docs_rw", () => h.GrantV2("docs_rw", "CollectionReadWrite", "docs", "default"));
        UserWithRole("v1_query", "v1_other", () => h.GrantV1("v1_other", "Collection", "other", "Query"));
        UserWithRole("db2_reader", "db2_ro", () => h.GrantV2("db2_ro", "CollectionReadOnly", "*", "db2"));
        UserWithRole("db_level", "db3_ro", () => h.GrantV2("db3_ro", "DatabaseReadOnly", "*", "db3"));
        UserWithRole("global_all", "all_default", () => h.GrantV1("all_default", "Global", "*", "All"));
        UserWithRole("everywhere", "any_db", () => h.GrantV2("any_db", "Search", "notes", "*"));
        // public's grants let its members call RPCs but do not make anything visible.
        Ok(h.GrantV1("public", "Collection", "notes", "Query"));
        return h;
    }

    private static string[] Databases(LocalEngineHarness h, string user)
        => Listing(() => Client(h, user).ListDatabases(new ListDatabasesRequest()).DbNames);

    private static string[] Collections(LocalEngineHarness h, string user, string db)
        => Listing(() => Client(h, user).ShowCollections(new ShowCollectionsRequest { DbName = db }).CollectionNames);

    private static string[] Listing(Func<IEnumerable<string>> call) => call().Order(StringComparer.Ordinal).ToArray();

    private static MilvusService.MilvusServiceClient Client(LocalEngineHarness h, string user)
        => h.ClientAs(user == "root" ? RootAuthorization : B64($"{user}:{Password}"));

    [Theory]
    [MemberData(nameof(Transports))]
    public void ListDatabases_shows_the_databases_a_role_of_the_user_is_granted_in(EngineTransport transport)
    {
        using var h = Arrange(transport);
        string[] all = ["db2", "db3", "default"];
        Assert.Equal(all, Databases(h, "root"));
        Assert.Equal(all, Databases(h, "admin_user"));
        Assert.Equal(all, Databases(h, "everywhere"));
        Assert.Empty(Databases(h, "nobody"));
        Assert.Equal(["default"], Databases(h, "scoped"));
        Assert.Equal(["default"], Databases(h, "v1_query"));
        Assert.Equal(["db2"], Databases(h, "db2_reader"));
        Assert.Equal(["db3"], Databases(h, "db_level"));
        Assert.Equal(["default"], Databases(h, "global_all"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void ShowCollections_shows_the_collections_a_role_of_the_user_is_granted(EngineTransport transport)
    {
        using var h = Arrange(transport);
        Assert.Equal(["docs", "notes", "other"], Collections(h, "root", "default"));
        Assert.Equal(["docs", "notes", "other"], Collections(h, "admin_user", "default"));
        Assert.Equal(["docs", "notes", "other"], Collections(h, "global_all", "default"));
        Assert.Empty(Collections(h, "global_all", "db2"));
        Assert.Empty(Collections(h, "nobody", "default"));
        Assert.Equal(["docs"], Collections(h, "scoped", "default"));
        Assert.Empty(Collections(h, "scoped", "db2"));
        Assert.Equal(["other"], Collections(h, "v1_query", "default"));
        Assert.Equal(["t1", "t2"], Collections(h, "db2_reader", "db2"));
        Assert.Empty(Collections(h, "db2_reader", "default"));
        // A database-level group is a Global grant: it lets the user list (ShowCollections) but names no collection.
        Assert.Empty(Collections(h, "db_level", "db3"));
        Assert.Equal(["notes"], Collections(h, "everywhere", "default"));
        Assert.Empty(Collections(h, "everywhere", "db2"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Visibility_follows_grants_and_bindings_as_they_change(EngineTransport transport)
    {
        using var h = Arrange(transport);
        Ok(h.GrantV2("docs_rw", "CollectionReadOnly", "t2", "db2"));
        Assert.Equal(["db2", "default"], Databases(h, "scoped"));
        Assert.Equal(["t2"], Collections(h, "scoped", "db2"));
        Ok(h.GrantV1("docs_rw", "Collection", "*", "Search", "default"));
        Assert.Equal(["docs", "notes", "other"], Collections(h, "scoped", "default"));
        Ok(h.Bind("scoped", "docs_rw", OperateUserRoleType.RemoveUserFromRole));
        Assert.Empty(Databases(h, "scoped"));
        Assert.Empty(Collections(h, "scoped", "default"));
    }

    [Fact]
    public void Without_authorization_every_caller_sees_everything()
    {
        using var h = new LocalEngineHarness();
        Ok(h.Client.CreateDatabase(new CreateDatabaseRequest { DbName = "db2" }));
        Ok(h.CreateCollection("docs", Int64Pk(), Vector("vec", DataType.FloatVector, 2)));
        var anonymous = h.ClientAs(null);
        Assert.Equal(["db2", "default"], anonymous.ListDatabases(new ListDatabasesRequest()).DbNames.Order(StringComparer.Ordinal));
        Assert.Equal(["docs"], anonymous.ShowCollections(new ShowCollectionsRequest()).CollectionNames);
    }

    [Fact]
    public void Unauthenticated_listing_is_refused_before_any_filtering()
    {
        using var h = new LocalEngineHarness(options: new LocalEngineOptions { AuthorizationEnabled = true });
        var e = Assert.Throws<RpcException>(() => h.ClientAs(null).ListDatabases(new ListDatabasesRequest()));
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }
}
