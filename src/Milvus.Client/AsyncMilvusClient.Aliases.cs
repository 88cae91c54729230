namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>create_alias</c>.</summary>
    public Task CreateAliasAsync(string collectionName, string alias, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>alter_alias</c>.</summary>
    public Task AlterAliasAsync(string collectionName, string alias, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>drop_alias</c>.</summary>
    public Task DropAliasAsync(string alias, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>describe_alias</c>.</summary>
    public Task<AliasDescription> DescribeAliasAsync(string alias, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>list_aliases(collection_name="")</c>.</summary>
    public Task<AliasList> ListAliasesAsync(string collectionName = "", TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();
}
