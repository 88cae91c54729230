using Milvus.Client.Tests.Support;

namespace Milvus.Client.Tests.Local;

/// <summary>Collections, partitions, aliases, databases and indexes against the local engine.</summary>
public class CatalogTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Collection_lifecycle(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = setup.Client;
        Assert.Empty(await client.ListCollectionsAsync());
        await client.CreateCollectionAsync("books", dimension: 4);
        Assert.Equal(new[] { "books" }, await client.ListCollectionsAsync());

        var d = await client.DescribeCollectionAsync("books");
        Assert.Equal("books", d.CollectionName);
        Assert.True(d.EnableDynamicField);
        Assert.False(d.AutoId);
        Assert.Equal(ConsistencyLevel.Bounded, d.ConsistencyLevel);
        Assert.Equal(new[] { "id", "vector" }, d.Fields.Select(f => f.Name));
        Assert.Equal(DataType.Int64, d.Fields[0].DataType);
        Assert.True(d.Fields[0].IsPrimary);
        Assert.Equal(4, d.Fields[1].Dim);
        Assert.Equal(DataType.FloatVector, d.Fields[1].DataType);

        Assert.Equal(LoadState.Loaded, (await client.GetLoadStateAsync("books")).State);
        var index = await client.DescribeIndexAsync("books", "vector");
        Assert.NotNull(index);
        Assert.Equal("vector", index!.FieldName);
        Assert.Equal("AUTOINDEX", index.IndexType);
        Assert.Equal("COSINE", index.MetricType);
        Assert.Equal(new[] { "vector" }, await client.ListIndexesAsync("books"));

        await client.ReleaseCollectionAsync("books");
        Assert.Equal(LoadState.NotLoad, (await client.GetLoadStateAsync("books")).State);
        await client.RenameCollectionAsync("books", "novels");
        Assert.False(await client.HasCollectionAsync("books"));
        Assert.True(await client.HasCollectionAsync("novels"));
        await client.DropCollectionAsync("novels");
        Assert.Empty(await client.ListCollectionsAsync());
        var e = await Assert.ThrowsAsync<MilvusException>(() => client.GetLoadStateAsync("novels"));
        Assert.Equal(100, e.Code);
    }

    [Fact]
    public async Task Custom_schema_with_index_params_creates_indexes_and_loads()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        var schema = AsyncMilvusClient.CreateSchema(autoId: true, description: "docs");
        schema.AddField("pk", DataType.VarChar, isPrimary: true, maxLength: 64)
              .AddField("embedding", DataType.FloatVector, dim: 3)
              .AddField("year", DataType.Int32, nullable: true)
              .AddField("score", DataType.Double, defaultValue: 1.5)
              .AddField("tags", DataType.Array, elementType: DataType.VarChar, maxCapacity: 4, maxLength: 10);
        var indexes = AsyncMilvusClient.PrepareIndexParams("embedding", "FLAT", "emb_idx", MetricType.L2);
        await client.CreateCollectionAsync("docs", schema: schema, indexParams: indexes);

        var d = await client.DescribeCollectionAsync("docs");
        Assert.True(d.AutoId);
        Assert.Equal("docs", d.Description);
        var pk = d.Fields.Single(f => f.Name == "pk");
        Assert.Equal(64, pk.MaxLength);
        Assert.True(pk.AutoId);
        Assert.True(d.Fields.Single(f => f.Name == "year").Nullable);
        Assert.Equal(1.5, d.Fields.Single(f => f.Name == "score").DefaultValue);
        var tags = d.Fields.Single(f => f.Name == "tags");
        Assert.Equal(DataType.VarChar, tags.ElementType);
        Assert.Equal(4, tags.MaxCapacity);
        Assert.Equal(LoadState.Loaded, (await client.GetLoadStateAsync("docs")).State);
        var index = await client.DescribeIndexAsync("docs", "emb_idx");
        Assert.Equal("FLAT", index!.IndexType);
        Assert.Equal("L2", index.MetricType);
        Assert.Null(await client.DescribeIndexAsync("docs", "missing"));
    }

    [Fact]
    public async Task Client_side_schema_checks_raise_pymilvus_errors()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        var noPk = AsyncMilvusClient.CreateSchema();
        noPk.AddField("v", DataType.FloatVector, dim: 2);
        var e1 = await Assert.ThrowsAsync<PrimaryKeyException>(() => client.CreateCollectionAsync("x", schema: noPk));
        Assert.Equal("Schema must have a primary key field.", e1.Message);

        var twoPk = AsyncMilvusClient.CreateSchema();
        twoPk.AddField("a", DataType.Int64, isPrimary: true).AddField("b", DataType.Int64, isPrimary: true);
        var e2 = await Assert.ThrowsAsync<PrimaryKeyException>(() => client.CreateCollectionAsync("x", schema: twoPk));
        Assert.Equal("Expected only one primary key field, got [a, b, ...].", e2.Message);

        var floatPk = AsyncMilvusClient.CreateSchema();
        floatPk.AddField("a", DataType.Float, isPrimary: true);
        var e3 = await Assert.ThrowsAsync<PrimaryKeyException>(() => client.CreateCollectionAsync("x", schema: floatPk));
        Assert.Equal("Primary key type must be DataType.INT64 or DataType.VARCHAR.", e3.Message);

        var e4 = await Assert.ThrowsAsync<ParamError>(() => client.CreateCollectionAsync("x"));
        Assert.Equal("dimension is required when no schema is given (quick setup)", e4.Message);
        Assert.Empty(await client.ListCollectionsAsync());
    }

    [Fact]
    public async Task Server_errors_carry_milvus_code_and_rpc_name()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var e = await Assert.ThrowsAsync<DescribeCollectionException>(() => setup.Client.DescribeCollectionAsync("nope"));
        Assert.Equal(100, e.Code);
        Assert.Equal("DescribeCollection", e.RpcName);
        Assert.Contains("collection not found[database=default][collection=nope]", e.Message);
        Assert.False(await setup.Client.HasCollectionAsync("nope"));
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Partitions_and_aliases(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.CreatePartitionAsync("books", "p2024");
        Assert.True(await client.HasPartitionAsync("books", "p2024"));
        Assert.False(await client.HasPartitionAsync("books", "p1999"));
        Assert.Equal(new[] { "_default", "p2024" }, await client.ListPartitionsAsync("books"));
        await client.InsertAsync("books", Rows.Books(3), partitionName: "p2024");
        Assert.Equal(3, (await client.GetPartitionStatsAsync("books", "p2024")).RowCount);
        await client.ReleaseCollectionAsync("books");
        await client.LoadPartitionsAsync("books", new[] { "p2024" });
        Assert.Equal(LoadState.Loaded, (await client.GetLoadStateAsync("books", new[] { "p2024" })).State);
        await client.ReleasePartitionsAsync("books", new[] { "p2024" });
        await client.DropPartitionAsync("books", "p2024");
        Assert.Equal(new[] { "_default" }, await client.ListPartitionsAsync("books"));

        await client.CreateAliasAsync("books", "library");
        var alias = await client.DescribeAliasAsync("library");
        Assert.Equal(new AliasDescription("library", "books", "default"), alias);
        var list = await client.ListAliasesAsync("books");
        Assert.Equal(new[] { "library" }, list.Aliases);
        Assert.Equal(new[] { "library" }, (await client.DescribeCollectionAsync("books")).Aliases);
        await client.CreateCollectionAsync("films", dimension: 4);
        await client.AlterAliasAsync("films", "library");
        Assert.Equal("films", (await client.DescribeAliasAsync("library")).CollectionName);
        await client.DropAliasAsync("library");
        Assert.Empty((await client.ListAliasesAsync()).Aliases);
    }

    [Fact]
    public async Task Databases_and_use_database()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateDatabaseAsync("shop", new Dictionary<string, object?> { ["database.max.collections"] = 10 });
        Assert.Equal(new[] { "default", "shop" }, (await client.ListDatabasesAsync()).OrderBy(x => x));
        var d = await client.DescribeDatabaseAsync("shop");
        Assert.Equal("shop", d.Name);
        Assert.Equal("10", d.Properties["database.max.collections"]);
        await client.AlterDatabasePropertiesAsync("shop", new Dictionary<string, object?> { ["database.force.deny.writing"] = true });
        Assert.Equal("True", (await client.DescribeDatabaseAsync("shop")).Properties["database.force.deny.writing"]);
        await client.DropDatabasePropertiesAsync("shop", new[] { "database.force.deny.writing" });
        Assert.False((await client.DescribeDatabaseAsync("shop")).Properties.ContainsKey("database.force.deny.writing"));

        await client.UseDatabaseAsync("shop");
        Assert.Equal("shop", client.DbName);
        await client.CreateCollectionAsync("carts", dimension: 2);
        Assert.Equal(new[] { "carts" }, await client.ListCollectionsAsync());
        await client.UseDatabaseAsync("default");
        Assert.Empty(await client.ListCollectionsAsync());
        await Assert.ThrowsAsync<MilvusException>(() => client.UseDatabaseAsync("missing"));
        Assert.Equal("default", client.DbName);
    }

    [Fact]
    public async Task Collection_properties_and_stats()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        var client = setup.Client;
        await client.CreateCollectionAsync("books", dimension: 4);
        await client.AlterCollectionPropertiesAsync("books", new Dictionary<string, object?> { ["collection.ttl.seconds"] = 60 });
        Assert.Equal("60", (await client.DescribeCollectionAsync("books")).Properties["collection.ttl.seconds"]);
        await client.DropCollectionPropertiesAsync("books", new[] { "collection.ttl.seconds" });
        Assert.False((await client.DescribeCollectionAsync("books")).Properties.ContainsKey("collection.ttl.seconds"));
        await client.InsertAsync("books", Rows.Books(4));
        await client.FlushAsync("books");
        Assert.Equal(4, (await client.GetCollectionStatsAsync("books")).RowCount);
        await client.TruncateCollectionAsync("books");
        Assert.Equal(0, (await client.GetCollectionStatsAsync("books")).RowCount);
    }
}
