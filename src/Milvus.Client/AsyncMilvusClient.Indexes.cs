using System.Diagnostics;
using System.Text.Json;
using Milvus.Client.Internal.Conversion;
using Milvus.Protocol.Api;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;

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

    private async Task CreateIndexCoreAsync(string collectionName, IndexParams indexParams, bool wait, TimeSpan? timeout,
        CancellationToken cancellationToken, IProgress<IndexDescription>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(indexParams);
        if (indexParams.Count == 0) throw new ParamError("IndexParams is empty; add an index with AddIndex");
        var clock = Stopwatch.StartNew();
        foreach (var index in indexParams)
        {
            await CallAsync("CreateIndex", BuildCreateIndexRequest(collectionName, index), (c, r, o) => c.CreateIndexAsync(r, o),
                Remaining(timeout, clock), cancellationToken).ConfigureAwait(false);
            if (wait) await WaitForIndexAsync(collectionName, index, Remaining(timeout, clock), cancellationToken, progress).ConfigureAwait(false);
        }
    }

    /// <summary>extra_params: index_type, then every param (metric_type, M, ...) with <c>str()</c> values, None skipped.</summary>
    internal static CreateIndexRequest BuildCreateIndexRequest(string collectionName, IndexParam index)
    {
        var request = new CreateIndexRequest { CollectionName = collectionName, FieldName = index.FieldName, IndexName = index.IndexName ?? "" };
        if (!string.IsNullOrEmpty(index.IndexType)) request.ExtraParams.Add(new KeyValuePair { Key = "index_type", Value = index.IndexType });
        foreach (var (key, value) in index.Params)
            if (value is not null) request.ExtraParams.Add(new KeyValuePair { Key = key, Value = ValueCoercion.PythonStr(value) });
        return request;
    }

    /// <summary>pymilvus wait_for_creating_index: AllocTimestamp, then DescribeIndex polls (0.5 s) until Finished; Failed raises.</summary>
    private async Task WaitForIndexAsync(string collectionName, IndexParam index, TimeSpan? timeout, CancellationToken cancellationToken,
        IProgress<IndexDescription>? progress)
    {
        var clock = Stopwatch.StartNew();
        var ts = await CallAsync("AllocTimestamp", new AllocTimestampRequest(), (c, r, o) => c.AllocTimestampAsync(r, o), timeout, cancellationToken,
            checkStatus: false).ConfigureAwait(false);
        await PollAsync(async () =>
        {
            var reply = await CallAsync("DescribeIndex",
                new DescribeIndexRequest { CollectionName = collectionName, FieldName = index.FieldName, IndexName = index.IndexName ?? "", Timestamp = ts.Timestamp },
                (c, r, o) => c.DescribeIndexAsync(r, o), Remaining(timeout, clock), cancellationToken).ConfigureAwait(false);
            var description = reply.IndexDescriptions.FirstOrDefault(d =>
                string.IsNullOrEmpty(index.IndexName) ? d.FieldName == index.FieldName : d.IndexName == index.IndexName);
            if (description is null) return true;
            progress?.Report(ToIndexDescription(description));
            if (description.State == Milvus.Protocol.Common.IndexState.Failed)
                throw new MilvusException(MilvusErrorCode.UnexpectedError, description.IndexStateFailReason, 1, "DescribeIndex");
            return description.State == Milvus.Protocol.Common.IndexState.Finished;
        }, PollInterval(TimeSpan.FromMilliseconds(500)), timeout, $"index {index.IndexName} on {collectionName}", cancellationToken).ConfigureAwait(false);
    }

    private static bool IsIndexNotFound(MilvusException e)
        => e is not MilvusRpcException && (e.Code == MilvusErrorCode.IndexNotFound || e.CompatibleCode == MilvusErrorCode.LegacyIndexNotExist);

    private async Task<IReadOnlyList<string>> ListIndexesCoreAsync(string collectionName, string fieldName, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await CallAsync("DescribeIndex", new DescribeIndexRequest { CollectionName = collectionName },
                (c, r, o) => c.DescribeIndexAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
            return reply.IndexDescriptions.Where(d => string.IsNullOrEmpty(fieldName) || d.FieldName == fieldName).Select(d => d.IndexName).ToList();
        }
        catch (MilvusException e) when (IsIndexNotFound(e))
        {
            return Array.Empty<string>();
        }
    }

    private async Task<IndexDescription?> DescribeIndexCoreAsync(string collectionName, string indexName, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await CallAsync("DescribeIndex", new DescribeIndexRequest { CollectionName = collectionName, IndexName = indexName },
                (c, r, o) => c.DescribeIndexAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
            var d = reply.IndexDescriptions.FirstOrDefault(x => x.IndexName == indexName) ?? reply.IndexDescriptions.FirstOrDefault();
            return d is null ? null : ToIndexDescription(d);
        }
        catch (MilvusException e) when (IsIndexNotFound(e))
        {
            return null;
        }
    }

    /// <summary>Params flattened: each KV, with a nested "params" JSON object decoded into the same map.</summary>
    private static IndexDescription ToIndexDescription(Milvus.Protocol.Api.IndexDescription d)
    {
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in d.Params)
        {
            if (p.Key == "params" && TryParseObject(p.Value, out var nested))
                foreach (var (k, v) in nested) flat[k] = v;
            else
                flat[p.Key] = p.Value;
        }
        return new IndexDescription
        {
            IndexName = d.IndexName,
            FieldName = d.FieldName,
            IndexType = flat.TryGetValue("index_type", out var it) ? it : "",
            MetricType = flat.TryGetValue("metric_type", out var mt) ? mt : null,
            Params = flat,
            TotalRows = d.TotalRows,
            IndexedRows = d.IndexedRows,
            PendingIndexRows = d.PendingIndexRows,
            State = (IndexState)(int)d.State,
            FailReason = d.IndexStateFailReason,
            IndexId = d.IndexID,
        };
    }

    private static bool TryParseObject(string json, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return false;
            foreach (var p in doc.RootElement.EnumerateObject())
                values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
