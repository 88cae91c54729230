using Microsoft.Extensions.VectorData;
using Milvus.Client;
using Milvus.VectorData.Tests.Support;

namespace Milvus.VectorData.Tests;

/// <summary>MEVD record conformance: upsert, get (key, keys, include vectors), update, delete, for long, string and Guid keys.</summary>
public class RecordTests
{
    private static Product<TKey> NewProduct<TKey>(TKey key, int n) => new()
    {
        Key = key,
        Name = $"product {n}",
        Description = n % 2 == 0 ? null : $"described {n} with \"quotes\" and \\ backslash",
        InStock = n % 2 == 1,
        Rating = (sbyte)(n - 3),
        Shelf = (short)(100 + n),
        Quantity = n * 10,
        Sold = 5_000_000_000L + n,
        Weight = 1.5f * n,
        Price = 9.99 * n,
        Discount = n % 2 == 0 ? n : null,
        Supplier = new Guid($"00000000-0000-0000-0000-00000000000{n}"),
        Tags = [$"t{n}", "all"],
        Sizes = [n, n + 1],
        Ratings = [0.5 * n],
        Embedding = new float[] { n, 1, 0 },
    };

    private static void AssertSame<TKey>(Product<TKey> expected, Product<TKey>? actual, bool withVector)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.InStock, actual.InStock);
        Assert.Equal(expected.Rating, actual.Rating);
        Assert.Equal(expected.Shelf, actual.Shelf);
        Assert.Equal(expected.Quantity, actual.Quantity);
        Assert.Equal(expected.Sold, actual.Sold);
        Assert.Equal(expected.Weight, actual.Weight);
        Assert.Equal(expected.Price, actual.Price);
        Assert.Equal(expected.Discount, actual.Discount);
        Assert.Equal(expected.Supplier, actual.Supplier);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Sizes, actual.Sizes);
        Assert.Equal(expected.Ratings, actual.Ratings);
        Assert.Equal(withVector ? expected.Embedding.ToArray() : [], actual.Embedding.ToArray());
    }

    public static TheoryData<Transport> Transports => new() { Transport.InProcess, Transport.Kestrel };

    [Theory]
    [MemberData(nameof(Transports))]
    public Task Long_keys(Transport transport) => CrudAsync(transport, [1L, 2L, 3L]);

    [Theory]
    [MemberData(nameof(Transports))]
    public Task String_keys(Transport transport) => CrudAsync(transport, ["alpha", "beta", "gamma \"q\""]);

    [Theory]
    [MemberData(nameof(Transports))]
    public Task Guid_keys(Transport transport)
        => CrudAsync(transport, [new Guid("11111111-1111-1111-1111-111111111111"), new Guid("22222222-2222-2222-2222-222222222222"), Guid.Parse("33333333-3333-3333-3333-333333333333")]);

    private static async Task CrudAsync<TKey>(Transport transport, TKey[] keys) where TKey : notnull
    {
        await using var setup = await StartAsync(transport);
        var collection = setup.Store.GetCollection<TKey, Product<TKey>>("products");
        await collection.EnsureCollectionExistsAsync();
        var products = keys.Select((k, i) => NewProduct(k, i + 1)).ToList();

        await collection.UpsertAsync(products[0]);
        await collection.UpsertAsync(products.Skip(1));

        AssertSame(products[1], await collection.GetAsync(keys[1]), withVector: false);
        AssertSame(products[2], await collection.GetAsync(keys[2], new RecordRetrievalOptions { IncludeVectors = true }), withVector: true);
        var some = await collection.GetAsync([keys[0], keys[2]], new RecordRetrievalOptions { IncludeVectors = true }).ToListAsync();
        Assert.Equal(new[] { keys[0], keys[2] }.Order(), some.Select(p => p.Key).Order());
        foreach (var p in some) AssertSame(products.Single(x => x.Key.Equals(p.Key)), p, withVector: true);

        // Upsert replaces the whole record.
        var updated = NewProduct(keys[0], 4);
        await collection.UpsertAsync(updated);
        AssertSame(updated, await collection.GetAsync(keys[0], new RecordRetrievalOptions { IncludeVectors = true }), withVector: true);

        await collection.DeleteAsync(keys[0]);
        Assert.Null(await collection.GetAsync(keys[0]));
        await collection.DeleteAsync([keys[1], keys[2]]);
        Assert.Empty(await collection.GetAsync(keys).ToListAsync());
        await collection.DeleteAsync(keys[1]); // deleting a missing record is not an error
        Assert.Equal(0L, (await setup.Client.QueryAsync("products", outputFields: ["count(*)"]))[0]["count(*)"]);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Storage_names_and_types_are_the_Milvus_schema(Transport transport)
    {
        await using var setup = await StartAsync(transport);
        var collection = setup.Store.GetCollection<long, Product<long>>("products");
        await collection.EnsureCollectionExistsAsync();
        await collection.EnsureCollectionExistsAsync(); // idempotent

        var described = await setup.Client.DescribeCollectionAsync("products");
        var fields = described.Fields.ToDictionary(f => f.Name);
        Assert.Equal(["product_id", "product_name", "Description", "InStock", "Rating", "Shelf", "Quantity", "Sold", "Weight", "Price",
            "Discount", "Supplier", "Tags", "Sizes", "Ratings", "Embedding"], described.Fields.Select(f => f.Name));
        Assert.True(fields["product_id"].IsPrimary);
        Assert.Equal(DataType.Int64, fields["product_id"].DataType);
        Assert.Equal(DataType.VarChar, fields["product_name"].DataType);
        Assert.False(fields["product_name"].Nullable);
        Assert.True(fields["Description"].Nullable);
        Assert.Equal(DataType.Int8, fields["Rating"].DataType);
        Assert.Equal(DataType.Int16, fields["Shelf"].DataType);
        Assert.Equal(DataType.Int32, fields["Quantity"].DataType);
        Assert.Equal(DataType.Float, fields["Weight"].DataType);
        Assert.Equal(DataType.Double, fields["Price"].DataType);
        Assert.True(fields["Discount"].Nullable);
        Assert.Equal(DataType.VarChar, fields["Supplier"].DataType);
        Assert.Equal(36, fields["Supplier"].MaxLength);
        Assert.Equal((DataType.Array, DataType.VarChar), (fields["Tags"].DataType, fields["Tags"].ElementType));
        Assert.Equal((DataType.Array, DataType.Int32), (fields["Sizes"].DataType, fields["Sizes"].ElementType));
        Assert.Equal((DataType.FloatVector, 3), (fields["Embedding"].DataType, fields["Embedding"].Dim));
        Assert.False(described.EnableDynamicField);
        Assert.Equal(ConsistencyLevel.Strong, described.ConsistencyLevel);

        var vectorIndex = await setup.Client.DescribeIndexAsync("products", "Embedding");
        Assert.Equal(("HNSW", "COSINE"), (vectorIndex!.IndexType, vectorIndex.MetricType));
        Assert.Equal(["Embedding", "Quantity", "product_name"], (await setup.Client.ListIndexesAsync("products")).Order(StringComparer.Ordinal));
        Assert.Equal(LoadState.Loaded, (await setup.Client.GetLoadStateAsync("products")).State);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Guid_keys_left_empty_are_generated(Transport transport)
    {
        await using var setup = await StartAsync(transport);
        var collection = setup.Store.GetCollection<Guid, Product<Guid>>("products");
        await collection.EnsureCollectionExistsAsync();
        var product = NewProduct(Guid.Empty, 1);
        await collection.UpsertAsync(product);
        Assert.NotEqual(Guid.Empty, product.Key);
        AssertSame(product, await collection.GetAsync(product.Key), withVector: false);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Collections_are_listed_checked_and_deleted(Transport transport)
    {
        await using var setup = await StartAsync(transport);
        var first = setup.Store.GetCollection<long, Product<long>>("first");
        var second = setup.Store.GetCollection<string, Product<string>>("second");
        Assert.False(await first.CollectionExistsAsync());
        await first.EnsureCollectionExistsAsync();
        await second.EnsureCollectionExistsAsync();

        Assert.Equal(["first", "second"], (await setup.Store.ListCollectionNamesAsync().ToListAsync()).Order());
        Assert.True(await setup.Store.CollectionExistsAsync("second"));
        await setup.Store.EnsureCollectionDeletedAsync("second");
        await setup.Store.EnsureCollectionDeletedAsync("second");
        await first.EnsureCollectionDeletedAsync();
        await first.EnsureCollectionDeletedAsync();
        Assert.Empty(await setup.Store.ListCollectionNamesAsync().ToListAsync());
        Assert.False(await second.CollectionExistsAsync());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Milvus_errors_are_VectorStoreExceptions_with_the_server_message(Transport transport)
    {
        await using var setup = await StartAsync(transport);
        var collection = setup.Store.GetCollection<long, Product<long>>("missing");
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => collection.UpsertAsync(NewProduct(1L, 1)));
        Assert.Equal("milvus", error.VectorStoreSystemName);
        Assert.Equal("missing", error.CollectionName);
        Assert.Equal("Upsert", error.OperationName);
        var inner = Assert.IsAssignableFrom<MilvusException>(error.InnerException);
        Assert.Equal(100, inner.Code);
        Assert.Equal(inner.Message, error.Message);
        Assert.Equal("collection not found[database=default][collection=missing]", error.Message);
    }

    [Fact]
    public async Task Metadata_and_services()
    {
        await using var setup = await StartAsync(Transport.InProcess);
        var metadata = (VectorStoreMetadata)setup.Store.GetService(typeof(VectorStoreMetadata))!;
        Assert.Equal("milvus", metadata.VectorStoreSystemName);
        Assert.Same(setup.Client, setup.Store.GetService(typeof(AsyncMilvusClient)));
        var collection = setup.Store.GetCollection<long, Product<long>>("products");
        var collectionMetadata = (VectorStoreCollectionMetadata)collection.GetService(typeof(VectorStoreCollectionMetadata))!;
        Assert.Equal(("milvus", "products"), (collectionMetadata.VectorStoreSystemName, collectionMetadata.CollectionName));
        Assert.Same(collection, collection.GetService(typeof(VectorStoreCollection<long, Product<long>>)));
        Assert.Null(collection.GetService(typeof(string)));
    }

    internal static Task<StoreSetup> StartAsync(Transport transport, MilvusVectorStoreOptions? options = null) => StoreSetup.StartAsync(transport, options);
}
