using Milvus.Client.Internal.Conversion;
using Milvus.Protocol.Api;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>create_alias</c>.</summary>
    public Task CreateAliasAsync(string collectionName, string alias, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("CreateAlias", new CreateAliasRequest { CollectionName = collectionName, Alias = alias },
            (c, r, o) => c.CreateAliasAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>alter_alias</c>.</summary>
    public Task AlterAliasAsync(string collectionName, string alias, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("AlterAlias", new AlterAliasRequest { CollectionName = collectionName, Alias = alias },
            (c, r, o) => c.AlterAliasAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>drop_alias</c>.</summary>
    public Task DropAliasAsync(string alias, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => CallAsync("DropAlias", new DropAliasRequest { Alias = alias }, (c, r, o) => c.DropAliasAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>describe_alias</c>.</summary>
    public Task<AliasDescription> DescribeAliasAsync(string alias, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("DescribeAlias", new DescribeAliasRequest { Alias = alias }, (c, r, o) => c.DescribeAliasAsync(r, o), timeout, cancellationToken),
            r => new AliasDescription(r.Alias, r.Collection, r.DbName));

    /// <summary>pymilvus <c>list_aliases(collection_name="")</c>.</summary>
    public Task<AliasList> ListAliasesAsync(string collectionName = "", TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => MapAsync(CallAsync("ListAliases", new ListAliasesRequest { CollectionName = collectionName ?? "" },
            (c, r, o) => c.ListAliasesAsync(r, o), timeout, cancellationToken),
            r => new AliasList(r.Aliases.ToList(), r.CollectionName, r.DbName));
}
