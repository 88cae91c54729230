using Milvus.Client.Internal.Conversion;
using Milvus.Protocol.Api;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>use_database</c>: checks the database exists, then sends later calls to it.</summary>
    public Task UseDatabaseAsync(string dbName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => UseDatabaseCoreAsync(dbName, timeout, cancellationToken);

    /// <summary>pymilvus <c>using_database</c> (deprecated alias of use_database).</summary>
    [Obsolete("Use UseDatabaseAsync.")]
    public Task UsingDatabaseAsync(string dbName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => UseDatabaseAsync(dbName, timeout, cancellationToken);

    /// <summary>pymilvus <c>create_database(db_name, properties=None)</c>.</summary>
    public Task CreateDatabaseAsync(string dbName, IDictionary<string, object?>? properties = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("CreateDatabase", new CreateDatabaseRequest { DbName = dbName, Properties = { KeyValues.FromProperties(properties) } },
            (c, r, o) => c.CreateDatabaseAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>drop_database</c>.</summary>
    public Task DropDatabaseAsync(string dbName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => CallAsync("DropDatabase", new DropDatabaseRequest { DbName = dbName }, (c, r, o) => c.DropDatabaseAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>list_databases</c>.</summary>
    public Task<IReadOnlyList<string>> ListDatabasesAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("ListDatabases", new ListDatabasesRequest(), (c, r, o) => c.ListDatabasesAsync(r, o), timeout, cancellationToken),
            r => (IReadOnlyList<string>)r.DbNames.ToList());

    /// <summary>pymilvus <c>describe_database</c>.</summary>
    public Task<DatabaseDescription> DescribeDatabaseAsync(string dbName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => MapAsync(CallAsync("DescribeDatabase", new DescribeDatabaseRequest { DbName = dbName },
            (c, r, o) => c.DescribeDatabaseAsync(r, o), timeout, cancellationToken),
            r => new DatabaseDescription(r.DbName, KeyValues.ToDictionary(r.Properties), r.DbID, r.CreatedTimestamp));

    /// <summary>pymilvus <c>alter_database_properties</c>.</summary>
    public Task AlterDatabasePropertiesAsync(string dbName, IDictionary<string, object?> properties, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("AlterDatabase", new AlterDatabaseRequest { DbName = dbName, Properties = { KeyValues.FromProperties(properties) } },
            (c, r, o) => c.AlterDatabaseAsync(r, o), timeout, cancellationToken);

    /// <summary>pymilvus <c>drop_database_properties</c>.</summary>
    public Task DropDatabasePropertiesAsync(string dbName, IEnumerable<string> propertyKeys, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => CallAsync("AlterDatabase", new AlterDatabaseRequest { DbName = dbName, DeleteKeys = { propertyKeys } },
            (c, r, o) => c.AlterDatabaseAsync(r, o), timeout, cancellationToken);
}

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus 2.6: validate with DescribeDatabase, then switch this client's <c>dbname</c> header.</summary>
    private async Task UseDatabaseCoreAsync(string dbName, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        await CallAsync("DescribeDatabase", new DescribeDatabaseRequest { DbName = dbName }, (c, r, o) => c.DescribeDatabaseAsync(r, o), timeout,
            cancellationToken).ConfigureAwait(false);
        _dbName = dbName;
    }
}
