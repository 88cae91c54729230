namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>use_database</c>: checks the database exists, then sends later calls to it.</summary>
    public Task UseDatabaseAsync(string dbName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>using_database</c> (deprecated alias of use_database).</summary>
    [Obsolete("Use UseDatabaseAsync.")]
    public Task UsingDatabaseAsync(string dbName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => UseDatabaseAsync(dbName, timeout, cancellationToken);

    /// <summary>pymilvus <c>create_database(db_name, properties=None)</c>.</summary>
    public Task CreateDatabaseAsync(string dbName, IDictionary<string, object?>? properties = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>drop_database</c>.</summary>
    public Task DropDatabaseAsync(string dbName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>list_databases</c>.</summary>
    public Task<IReadOnlyList<string>> ListDatabasesAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => throw Pending();

    /// <summary>pymilvus <c>describe_database</c>.</summary>
    public Task<DatabaseDescription> DescribeDatabaseAsync(string dbName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>alter_database_properties</c>.</summary>
    public Task AlterDatabasePropertiesAsync(string dbName, IDictionary<string, object?> properties, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();

    /// <summary>pymilvus <c>drop_database_properties</c>.</summary>
    public Task DropDatabasePropertiesAsync(string dbName, IEnumerable<string> propertyKeys, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) => throw Pending();
}
