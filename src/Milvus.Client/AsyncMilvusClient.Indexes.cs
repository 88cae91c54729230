using Milvus.Client.Internal.Conversion;
using Milvus.Protocol.Api;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>create_index(collection_name, index_params)</c>: one CreateIndex per entry, each waiting for the build.</summary>
    public Task CreateIndexAsync(string collectionName, IndexParams indexParams, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CreateIndexCoreAsync(collectionName, indexParams, wait: true, timeout, cancellationToken);

    /// <summary>pymilvus <c>create_index(..., _async=True)</c> when <see cref="CreateIndexOptions.NoWait"/>: the same CreateIndex calls, no build wait.</summary>
    public Task CreateIndexAsync(string collectionName, IndexParams indexParams, CreateIndexOptions options, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateIndexCoreAsync(collectionName, indexParams, wait: !options.NoWait, timeout, cancellationToken, options.Progress);
    }

    /// <summary>pymilvus <c>list_indexes(collection_name, field_name="")</c>.</summary>
    public Task<IReadOnlyList<string>> ListIndexesAsync(string collectionName, string fieldName = "", TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => ListIndexesCoreAsync(collectionName, fieldName, timeout, cancellationToken);

    /// <summary>pymilvus <c>describe_index</c>; null when the index does not exist.</summary>
    public Task<IndexDescription?> DescribeIndexAsync(string collectionName, string indexName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => DescribeIndexCoreAsync(collectionName, indexName, timeout, cancellationToken);

    /// <summary>pymilvus <c>drop_index</c>.</summary>
    public Task DropIndexAsync(string collectionName, string indexName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("DropIndex", new DropIndexRequest { CollectionName = collectionName, IndexName = indexName },
            (c, r, o) => c.DropIndexAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>alter_index_properties</c>.</summary>
    public Task AlterIndexPropertiesAsync(string collectionName, string indexName, IDictionary<string, object?> properties,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => CallAsync("AlterIndex",
            new AlterIndexRequest { CollectionName = collectionName, IndexName = indexName, ExtraParams = { KeyValues.FromProperties(properties) } },
            (c, r, o) => c.AlterIndexAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>drop_index_properties</c>.</summary>
    public Task DropIndexPropertiesAsync(string collectionName, string indexName, IEnumerable<string> propertyKeys,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) => CallAsync("AlterIndex", new AlterIndexRequest { CollectionName = collectionName, IndexName = indexName, DeleteKeys = { propertyKeys } },
            (c, r, o) => c.AlterIndexAsync(r, o), timeout, cancellationToken);
}
