using Google.Protobuf;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using static Milvus.Local.Tests.Security.SecurityTestKit;

namespace Milvus.Local.Tests.Milvus3;

/// <summary>Milvus 3.0 descriptions on users and roles (AlterRole, UpdateCredential's description-only form) and file resources.</summary>
public sealed class DescriptionAndFileResourceTests
{
    private static string RoleDescription(LocalEngineHarness h, string role)
        => h.Client.SelectRole(new SelectRoleRequest { Role = new RoleEntity { Name = role } }).Results.Single().Role.Description;

    private static string UserDescription(LocalEngineHarness h, string user)
        => h.Client.SelectUser(new SelectUserRequest { User = new UserEntity { Name = user } }).Results.Single().Description;

    [Theory]
    [InlineData(EngineTransport.InProcess)]
    [InlineData(EngineTransport.Kestrel)]
    public void Roles_keep_their_description_across_alter_and_reopen(EngineTransport transport)
    {
        using var h = new LocalEngineHarness(transport);
        Ok(h.Client.CreateRole(new CreateRoleRequest { Entity = new RoleEntity { Name = "reader", Description = "reads" } }));
        Assert.Equal("reads", RoleDescription(h, "reader"));
        Ok(h.Client.AlterRole(new AlterRoleRequest { RoleName = "reader", Description = "reads everything" }));
        Assert.Equal("reads everything", RoleDescription(h, "reader"));
        Assert.Equal("", RoleDescription(h, "admin"));
        h.Reopen();
        Assert.Equal("reads everything", RoleDescription(h, "reader"));
    }

    [Fact]
    public void Alter_role_needs_an_existing_role_and_a_short_description()
    {
        using var h = new LocalEngineHarness();
        Fails(h.Client.AlterRole(new AlterRoleRequest { RoleName = "ghost", Description = "x" }), 1100,
            "not found the role, maybe the role isn't existed or internal system error: invalid parameter");
        Ok(h.CreateRole("reader"));
        Fails(h.Client.AlterRole(new AlterRoleRequest { RoleName = "reader", Description = new string('x', 1025) }), 1100,
            "the length of description must be less than or equal to 1024 characters: invalid parameter");
        Ok(h.Client.DropRole(new DropRoleRequest { RoleName = "reader" }));
        Ok(h.CreateRole("reader"));
        Assert.Equal("", RoleDescription(h, "reader"));
    }

    [Fact]
    public void Users_take_a_description_at_create_and_from_a_description_only_update()
    {
        using var h = new LocalEngineHarness();
        Ok(h.Client.CreateCredential(new CreateCredentialRequest { Username = "alice", Password = B64("Secret-Pass-1"), Description = "analyst" }));
        Assert.Equal("analyst", UserDescription(h, "alice"));
        // pymilvus update_user: UpdateCredential with empty passwords and the description; no password check.
        Ok(h.Client.UpdateCredential(new UpdateCredentialRequest { Username = "alice", OldPassword = "", NewPassword = "", Description = "lead analyst" }));
        Assert.Equal("lead analyst", UserDescription(h, "alice"));
        Fails(h.Client.UpdateCredential(new UpdateCredentialRequest { Username = "alice" }), 1100, "must update either password or description: invalid parameter");
        Ok(h.Client.UpdateCredential(new UpdateCredentialRequest { Username = "alice", OldPassword = B64("Secret-Pass-1"), NewPassword = B64("Secret-Pass-2") }));
        Assert.Equal("lead analyst", UserDescription(h, "alice"));
        Ok(h.Client.DeleteCredential(new DeleteCredentialRequest { Username = "alice" }));
        Ok(h.CreateUser("alice"));
        Assert.Equal("", UserDescription(h, "alice"));
    }

    [Theory]
    [InlineData(EngineTransport.InProcess)]
    [InlineData(EngineTransport.Kestrel)]
    public void File_resources_are_stored_in_the_database_file(EngineTransport transport)
    {
        using var h = new LocalEngineHarness(transport);
        Ok(h.Client.AddFileResource(new AddFileResourceRequest { Name = "stopwords", Path = "s3://bucket/stopwords.txt" }));
        Ok(h.Client.AddFileResource(new AddFileResourceRequest { Name = "synonyms", Path = "s3://bucket/synonyms.txt" }));
        Ok(h.Client.AddFileResource(new AddFileResourceRequest { Name = "stopwords", Path = "s3://bucket/stopwords.txt" }));
        Fails(h.Client.AddFileResource(new AddFileResourceRequest { Name = "stopwords", Path = "s3://other.txt" }), 1100,
            "file resource stopwords already exists with path s3://bucket/stopwords.txt: invalid parameter");
        h.Reopen();
        var listed = h.Client.ListFileResources(new ListFileResourcesRequest());
        Ok(listed.Status);
        Assert.Equal(["stopwords=s3://bucket/stopwords.txt", "synonyms=s3://bucket/synonyms.txt"], listed.Resources.Select(r => $"{r.Name}={r.Path}"));
        Assert.True(listed.Resources[0].Id > 0 && listed.Resources[1].Id > listed.Resources[0].Id);
        Ok(h.Client.RemoveFileResource(new RemoveFileResourceRequest { Name = "stopwords" }));
        Ok(h.Client.RemoveFileResource(new RemoveFileResourceRequest { Name = "stopwords" }));
        Assert.Equal(["synonyms"], h.Client.ListFileResources(new ListFileResourcesRequest()).Resources.Select(r => r.Name));
        Fails(h.Client.AddFileResource(new AddFileResourceRequest { Name = "", Path = "x" }), 1100, "file resource name is empty: invalid parameter");
    }

    [Fact]
    public void External_collections_answer_not_supported_and_the_version_is_3_0()
    {
        using var h = new LocalEngineHarness();
        Fails(h.Client.RefreshExternalCollection(new RefreshExternalCollectionRequest { CollectionName = "c" }).Status, 3000,
            "unsupported operation[RefreshExternalCollection]: not supported by the Milvus local engine");
        Fails(h.Client.GetRefreshExternalCollectionProgress(new GetRefreshExternalCollectionProgressRequest { JobId = 1 }).Status, 3000,
            "unsupported operation[GetRefreshExternalCollectionProgress]: not supported by the Milvus local engine");
        Fails(h.Client.ListRefreshExternalCollectionJobs(new ListRefreshExternalCollectionJobsRequest()).Status, 3000,
            "unsupported operation[ListRefreshExternalCollectionJobs]: not supported by the Milvus local engine");
        Assert.Equal("v3.0.3", h.Client.GetVersion(new GetVersionRequest()).Version);
    }

    [Fact]
    public void Namespace_collections_prewarm_and_compaction_target_size_answer_not_supported()
    {
        using var h = new LocalEngineHarness();
        const string suffix = ": not supported by the Milvus local engine";
        Fails(h.Client.Prewarm(new PrewarmRequest { CollectionName = "c" }).Status, 3000, "unsupported operation[Prewarm]" + suffix);
        Fails(h.Client.DescribePrewarmTask(new DescribePrewarmTaskRequest { TaskID = "1" }).Status, 3000, "unsupported operation[DescribePrewarmTask]" + suffix);
        var schema = new CollectionSchema { Name = "c", EnableNamespace = true, Fields = { Int64Pk(), Vector("v", DataType.FloatVector, 2) } };
        Fails(h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "c", Schema = schema.ToByteString() }), 3000, "unsupported operation[namespaces]" + suffix);
        Ok(h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Fails(h.Client.ManualCompaction(new ManualCompactionRequest { CollectionName = "c", TargetSize = 1 << 20 }).Status, 3000,
            "unsupported operation[compaction target_size]" + suffix);
        Ok(h.Client.ManualCompaction(new ManualCompactionRequest { CollectionName = "c" }).Status);
    }
}

/// <summary>Milvus 3.0 search features the engine does not offer answer "unsupported operation".</summary>
public sealed class Milvus3SearchFeatureTests
{
    [Fact]
    public void Function_chains_and_search_aggregation_are_not_supported()
    {
        using var h = new LocalEngineHarness();
        Ok(h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        h.IndexAndLoad("c", "v", "L2");
        var search = new SearchRequest
        {
            CollectionName = "c", PlaceholderGroup = FloatPlaceholder([1, 0]), DslType = DslType.BoolExprV1,
            SearchParams = { new KeyValuePair { Key = "topk", Value = "1" } }, SearchAggregation = new SearchAggregationSpec { Fields = { "v" }, Size = 2 },
        };
        Fails(h.Client.Search(search).Status, 3000, "unsupported operation[search aggregation]: not supported by the Milvus local engine");
        search.SearchAggregation = null;
        search.FunctionChains.Add(new Milvus.Protocol.Schema.FunctionChain { Name = "chain" });
        Fails(h.Client.Search(search).Status, 3000, "unsupported operation[function chains]: not supported by the Milvus local engine");
    }
}
