using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>
/// A Milvus collection as a MEVD <see cref="VectorStoreCollection{TKey, TRecord}"/>, over <see cref="AsyncMilvusClient"/>.
/// Keys are long (INT64), string (VARCHAR) or Guid (VARCHAR, "D" text); each property is the Milvus field named by its
/// storage name. Reads use the options' consistency level (Strong by default), so a record is visible right after its upsert.
/// </summary>
public class MilvusCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>, IKeywordHybridSearchable<TRecord>
    where TKey : notnull
    where TRecord : class
{
    private readonly AsyncMilvusClient _client;
    private readonly CollectionModel _model;
    private readonly MilvusRecordMapper _mapper;
    private readonly ConsistencyLevel _consistencyLevel;
    private readonly MilvusOperation _operation;
    private readonly VectorStoreCollectionMetadata _metadata;

    /// <summary>A collection of <typeparamref name="TRecord"/> (attribute-annotated, or described by the options' definition).</summary>
    [RequiresDynamicCode("This constructor is incompatible with NativeAOT. For dynamic mapping via Dictionary<string, object?>, use MilvusDynamicCollection.")]
    [RequiresUnreferencedCode("This constructor is incompatible with trimming. For dynamic mapping via Dictionary<string, object?>, use MilvusDynamicCollection.")]
    public MilvusCollection(AsyncMilvusClient client, string name, MilvusCollectionOptions? options = null)
        : this(client, name, options, static o => typeof(TRecord) == typeof(Dictionary<string, object?>)
            ? throw new NotSupportedException(VectorDataStrings.NonDynamicCollectionWithDictionaryNotSupported(typeof(MilvusDynamicCollection)))
            : new MilvusModelBuilder().Build(typeof(TRecord), typeof(TKey), o.Definition, o.EmbeddingGenerator))
    {
    }

    internal MilvusCollection(AsyncMilvusClient client, string name, MilvusCollectionOptions? options, Func<MilvusCollectionOptions, CollectionModel> modelFactory)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (typeof(TKey) != typeof(object) && !MilvusFieldTypes.IsKeyType(typeof(TKey)))
            throw new NotSupportedException($"Key type '{typeof(TKey).Name}' is not supported; Milvus keys must be one of: {MilvusFieldTypes.SupportedKeyTypes}.");
        options ??= new MilvusCollectionOptions();
        _client = client;
        Name = name;
        _model = modelFactory(options);
        _mapper = new MilvusRecordMapper(_model);
        _consistencyLevel = options.ConsistencyLevel;
        var databaseName = client.DbName.Length > 0 ? client.DbName : null;
        _operation = new MilvusOperation(databaseName, name);
        _metadata = new VectorStoreCollectionMetadata
        {
            VectorStoreSystemName = MilvusOperation.SystemName,
            VectorStoreName = databaseName,
            CollectionName = name,
        };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
        => _operation.RunAsync("CollectionExists", () => _client.HasCollectionAsync(Name, cancellationToken: cancellationToken));

    /// <summary>Creates the collection (schema, one index per vector and per indexed data property, loaded) unless it exists.</summary>
    public override async Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        if (await CollectionExistsAsync(cancellationToken).ConfigureAwait(false)) return;
        var schema = MilvusSchemaMapping.Schema(_model);
        var indexes = MilvusSchemaMapping.Indexes(_model);
        await _operation.RunAsync("EnsureCollectionExists", () => _client.CreateCollectionAsync(Name, schema: schema, indexParams: indexes,
            options: new CreateCollectionOptions { ConsistencyLevel = _consistencyLevel }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        if (!await CollectionExistsAsync(cancellationToken).ConfigureAwait(false)) return;
        await _operation.RunAsync("EnsureCollectionDeleted", () => _client.DropCollectionAsync(Name, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await foreach (var record in GetAsync([key], options, cancellationToken).ConfigureAwait(false)) return record;
        return null;
    }

    /// <summary>Gets the records with these keys in one query; missing keys are skipped.</summary>
    public override async IAsyncEnumerable<TRecord> GetAsync(IEnumerable<TKey> keys, RecordRetrievalOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = StorageKeys(keys);
        if (ids.Count == 0) yield break;
        var includeVectors = IncludeVectors(options?.IncludeVectors ?? false);
        var rows = await _operation.RunAsync("Get", () => _client.QueryAsync(Name, outputFields: _mapper.OutputFields(includeVectors), ids: ids,
            options: new QueryOptions { ConsistencyLevel = _consistencyLevel }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var row in rows) yield return _mapper.FromRow<TRecord>(row, includeVectors);
    }

    /// <summary>
    /// Gets up to <paramref name="top"/> records matching the filter (a Milvus query with limit and offset). Milvus queries
    /// have no ORDER BY, so OrderBy sorts here: all matching rows are read (in pages), sorted, then skipped and taken.
    /// </summary>
    public override async IAsyncEnumerable<TRecord> GetAsync(Expression<Func<TRecord, bool>> filter, int top,
        FilteredRecordRetrievalOptions<TRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<TRecord>();
        var includeVectors = IncludeVectors(options.IncludeVectors);
        var expression = MilvusFilterTranslator.Translate(filter, _model);
        var orderBy = options.OrderBy?.Invoke(new FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition()).Values;
        if (orderBy is { Count: > 0 })
        {
            var sorted = await MilvusOrdering.QuerySortedAsync(_client, Name, expression, _mapper.OutputFields(includeVectors), orderBy, _model,
                _consistencyLevel, _operation, cancellationToken).ConfigureAwait(false);
            foreach (var row in sorted.Skip(options.Skip).Take(top)) yield return _mapper.FromRow<TRecord>(row, includeVectors);
            yield break;
        }
        var rows = await _operation.RunAsync("Query", () => _client.QueryAsync(Name, expression, _mapper.OutputFields(includeVectors),
            options: new QueryOptions { Limit = top, Offset = options.Skip, ConsistencyLevel = _consistencyLevel },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var row in rows) yield return _mapper.FromRow<TRecord>(row, includeVectors);
    }

    /// <inheritdoc />
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return DeleteAsync([key], cancellationToken);
    }

    /// <summary>Deletes the records with these keys in one request; missing keys are ignored.</summary>
    public override Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = StorageKeys(keys);
        return ids.Count == 0 ? Task.CompletedTask
            : _operation.RunAsync("Delete", () => _client.DeleteAsync(Name, ids: ids, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }

    /// <summary>
    /// Upserts the records in one request. Vector properties fed by an embedding generator are generated once per property for
    /// the whole batch; auto-generated Guid keys left empty get a new Guid (set on the record).
    /// </summary>
    public override async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var batch = records as IReadOnlyList<TRecord> ?? records.ToList();
        if (batch.Count == 0) return;
        var embeddings = await GenerateEmbeddingsAsync(batch, cancellationToken).ConfigureAwait(false);
        var key = _model.KeyProperty;
        var rows = new List<IReadOnlyDictionary<string, object?>>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(batch[i], nameof(records));
            if (key.IsAutoGenerated && Equals(key.GetValueAsObject(batch[i]) ?? Guid.Empty, Guid.Empty)) key.SetValueAsObject(batch[i], Guid.NewGuid());
            rows.Add(_mapper.ToRow(batch[i], i, embeddings));
        }
        await _operation.RunAsync("Upsert", () => _client.UpsertAsync(Name, rows, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Vector search on one vector property (the only one, or options.VectorProperty): the value is a vector (ReadOnlyMemory,
    /// array or Embedding of float or Half) or any input of the property's embedding generator. Scores follow the property's
    /// distance function; ScoreThreshold keeps hits at least that close.
    /// </summary>
    public override async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(TInput searchValue, int top,
        VectorSearchOptions<TRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<TRecord>();
        var includeVectors = IncludeVectors(options.IncludeVectors);
        var vectorProperty = _model.GetVectorPropertyOrSingle(options);
        var vector = await MilvusSearchVector.ResolveAsync(searchValue, vectorProperty, cancellationToken).ConfigureAwait(false);
        var filter = options.Filter is null ? "" : MilvusFilterTranslator.Translate(options.Filter, _model);
        var results = await _operation.RunAsync("Search", () => _client.SearchAsync(Name, [vector], filter, top, _mapper.OutputFields(includeVectors),
            annsField: vectorProperty.StorageName, options: new SearchOptions { Offset = options.Skip, ConsistencyLevel = _consistencyLevel },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var keyField = _model.KeyProperty.StorageName;
        foreach (var hit in results.Count == 0 ? Enumerable.Empty<SearchHit>() : results[0])
        {
            var score = MilvusDistance.Score(vectorProperty.DistanceFunction, hit.Distance);
            if (options.ScoreThreshold is { } threshold && !MilvusDistance.WithinThreshold(vectorProperty.DistanceFunction, score, threshold)) continue;
            var row = new Dictionary<string, object?>(hit.Entity, StringComparer.Ordinal) { [keyField] = hit.Id };
            yield return new VectorSearchResult<TRecord>(_mapper.FromRow<TRecord>(row, includeVectors), score);
        }
    }

    /// <summary>
    /// MEVD keyword hybrid search: a vector search on the vector property and a BM25 full-text search of the keywords
    /// (joined by spaces) on the full-text property (options.AdditionalProperty, or the only one), fused by Milvus with
    /// RRF (k 60). Scores are the fused RRF scores; the filter applies to both searches.
    /// </summary>
    public async IAsyncEnumerable<VectorSearchResult<TRecord>> HybridSearchAsync<TInput>(TInput searchValue, ICollection<string> keywords, int top,
        HybridSearchOptions<TRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new HybridSearchOptions<TRecord>();
        var includeVectors = IncludeVectors(options.IncludeVectors);
        var vectorProperty = _model.GetVectorPropertyOrSingle(new VectorSearchOptions<TRecord> { VectorProperty = options.VectorProperty });
        var textProperty = _model.GetFullTextDataPropertyOrSingle(options.AdditionalProperty);
        var vector = await MilvusSearchVector.ResolveAsync(searchValue, vectorProperty, cancellationToken).ConfigureAwait(false);
        var filter = options.Filter is null ? null : MilvusFilterTranslator.Translate(options.Filter, _model);
        var window = top + options.Skip;
        AnnSearchRequest[] requests =
        [
            new([vector], vectorProperty.StorageName, null, window, filter),
            new([string.Join(' ', keywords)], MilvusFullText.SparseField(textProperty), null, window, filter),
        ];
        // The fused window is skipped here: the client (like pymilvus) would also apply an offset to each sub-search.
        var results = await _operation.RunAsync("HybridSearch", () => _client.HybridSearchAsync(Name, requests, new RrfRanker(), window,
            _mapper.OutputFields(includeVectors), options: new SearchOptions { ConsistencyLevel = _consistencyLevel },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var keyField = _model.KeyProperty.StorageName;
        foreach (var hit in results.Count == 0 ? Enumerable.Empty<SearchHit>() : results[0].Skip(options.Skip))
        {
            if (options.ScoreThreshold is { } threshold && hit.Distance < threshold) continue;
            var row = new Dictionary<string, object?>(hit.Entity, StringComparer.Ordinal) { [keyField] = hit.Id };
            yield return new VectorSearchResult<TRecord>(_mapper.FromRow<TRecord>(row, includeVectors), hit.Distance);
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => MilvusServiceLookup.Get(serviceType, serviceKey, this, _metadata, _client);

    private bool IncludeVectors(bool requested)
    {
        if (requested && _model.EmbeddingGenerationRequired) throw new NotSupportedException(VectorDataStrings.IncludeVectorsNotSupportedWithEmbeddingGeneration);
        return requested;
    }

    private List<object> StorageKeys(IEnumerable<TKey> keys) => keys.Select(k => MilvusKeys.ToStorage(k, _model.KeyProperty)).ToList();

    /// <summary>Embeddings for the vector properties whose values are generator inputs (null where the property holds vectors).</summary>
    private async Task<IReadOnlyList<Embedding>?[]?> GenerateEmbeddingsAsync(IReadOnlyList<TRecord> batch, CancellationToken cancellationToken)
    {
        if (!_model.EmbeddingGenerationRequired) return null;
        var embeddings = new IReadOnlyList<Embedding>?[_model.VectorProperties.Count];
        for (var i = 0; i < embeddings.Length; i++)
        {
            var property = _model.VectorProperties[i];
            if (property.EmbeddingType == property.Type) continue;
            embeddings[i] = await property.GenerateEmbeddingsAsync(batch.Select(r => property.GetValueAsObject(r)), cancellationToken).ConfigureAwait(false);
        }
        return embeddings;
    }
}
