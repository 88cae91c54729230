using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>
/// Milvus as a MEVD <see cref="VectorStore"/>: the collections of the client's database, on a Milvus server, a local
/// <c>.db</c> file (in-process engine) or Milvus.Local.Server alike.
/// </summary>
public sealed class MilvusVectorStore : VectorStore
{
    private readonly AsyncMilvusClient _client;
    private readonly bool _ownsClient;
    private readonly MilvusVectorStoreOptions _options;
    private readonly MilvusOperation _operation;
    private readonly VectorStoreMetadata _metadata;

    /// <param name="client">The client; the store disposes it only when <paramref name="ownsClient"/> is true.</param>
    /// <param name="options">Default embedding generator and consistency level of the store's collections.</param>
    /// <param name="ownsClient">Whether disposing the store disposes the client.</param>
    public MilvusVectorStore(AsyncMilvusClient client, MilvusVectorStoreOptions? options = null, bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ownsClient = ownsClient;
        _options = options ?? new MilvusVectorStoreOptions();
        var databaseName = client.DbName.Length > 0 ? client.DbName : null;
        _operation = new MilvusOperation(databaseName, null);
        _metadata = new VectorStoreMetadata { VectorStoreSystemName = MilvusOperation.SystemName, VectorStoreName = databaseName };
    }

    /// <inheritdoc />
    [RequiresDynamicCode("This API is not compatible with NativeAOT. For dynamic mapping via Dictionary<string, object?>, use GetDynamicCollection() instead.")]
    [RequiresUnreferencedCode("This API is not compatible with trimming. For dynamic mapping via Dictionary<string, object?>, use GetDynamicCollection() instead.")]
    public override MilvusCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
        => typeof(TRecord) == typeof(Dictionary<string, object?>)
            ? throw new NotSupportedException(VectorDataStrings.GetCollectionWithDictionaryNotSupported)
            : new MilvusCollection<TKey, TRecord>(_client, name, CollectionOptions(definition));

    /// <inheritdoc />
    public override MilvusDynamicCollection GetDynamicCollection(string name, VectorStoreCollectionDefinition definition)
        => new(_client, name, CollectionOptions(definition ?? throw new ArgumentNullException(nameof(definition))));

    /// <inheritdoc />
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var names = await _operation.RunAsync("ListCollectionNames", () => _client.ListCollectionsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var name in names) yield return name;
    }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
        => _operation.RunAsync("CollectionExists", () => _client.HasCollectionAsync(name, cancellationToken: cancellationToken));

    /// <inheritdoc />
    public override async Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!await CollectionExistsAsync(name, cancellationToken).ConfigureAwait(false)) return;
        await _operation.RunAsync("EnsureCollectionDeleted", () => _client.DropCollectionAsync(name, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => MilvusServiceLookup.Get(serviceType, serviceKey, this, _metadata, _client);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsClient) _client.Dispose();
        base.Dispose(disposing);
    }

    private MilvusCollectionOptions CollectionOptions(VectorStoreCollectionDefinition? definition) => new()
    {
        Definition = definition,
        EmbeddingGenerator = _options.EmbeddingGenerator,
        ConsistencyLevel = _options.ConsistencyLevel,
    };
}
