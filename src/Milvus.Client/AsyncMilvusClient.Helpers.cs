using System.Collections.Concurrent;
using Google.Protobuf.Collections;
using Milvus.Client.Internal.Conversion;
using Milvus.Protocol.Api;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;

namespace Milvus.Client;

public sealed partial class AsyncMilvusClient
{
    /// <summary>DescribeCollection answers cached per (db, collection), as pymilvus caches schemas per connection.</summary>
    private readonly ConcurrentDictionary<(string Db, string Collection), CollectionInfo> _schemaCache = new();

    /// <summary>Last mutation timestamp per (db, collection): the Session consistency guarantee.</summary>
    private readonly ConcurrentDictionary<(string Db, string Collection), ulong> _lastWrite = new();

    private TimeSpan PollInterval(TimeSpan pymilvusDefault) => _connection.Options.PollInterval ?? pymilvusDefault;

    private static async Task<TResult> MapAsync<TReply, TResult>(Task<TReply> call, Func<TReply, TResult> map)
        => map(await call.ConfigureAwait(false));

    private async Task InvalidateAfter<T>(string collectionName, Task<T> call)
    {
        await call.ConfigureAwait(false);
        InvalidateSchema(collectionName);
    }

    private void InvalidateSchema(string collectionName) => _schemaCache.TryRemove((_dbName, collectionName), out _);

    private static AlterCollectionRequest WithProperties(AlterCollectionRequest request, IDictionary<string, object?> properties)
    {
        request.Properties.AddRange(KeyValues.FromProperties(properties));
        return request;
    }

    private static CollectionStatistics ToStatistics(RepeatedField<KeyValuePair> stats)
    {
        var all = KeyValues.ToDictionary(stats);
        return new CollectionStatistics
        {
            RowCount = all.TryGetValue("row_count", out var rc) && long.TryParse(rc, out var n) ? n : 0,
            Stats = all,
        };
    }

    /// <summary>The collection's schema, from cache or DescribeCollection.</summary>
    private async Task<CollectionInfo> GetCollectionInfoAsync(string collectionName, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var key = (_dbName, collectionName);
        if (_schemaCache.TryGetValue(key, out var cached)) return cached;
        var reply = await CallAsync("DescribeCollection", new DescribeCollectionRequest { CollectionName = collectionName },
            (c, r, o) => c.DescribeCollectionAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        var info = new CollectionInfo(reply);
        _schemaCache[key] = info;
        return info;
    }

    /// <summary>Session consistency reads this client's last write to the collection.</summary>
    private (bool UseDefault, ulong GuaranteeTs, Milvus.Protocol.Common.ConsistencyLevel Level) ResolveConsistency(string collectionName,
        ConsistencyLevel? level, ulong? guaranteeTs)
        => Consistency.Resolve(level, guaranteeTs, _lastWrite.TryGetValue((_dbName, collectionName), out var last) ? last : 0);

    private void RecordWrite(string collectionName, ulong timestamp)
    {
        if (timestamp > 0) _lastWrite.AddOrUpdate((_dbName, collectionName), timestamp, (_, old) => Math.Max(old, timestamp));
    }

    /// <summary>Polls until <paramref name="done"/> says so; the budget is the call's timeout, if any.</summary>
    private static async Task PollAsync(Func<Task<bool>> done, TimeSpan interval, TimeSpan? timeout, string what, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await done().ConfigureAwait(false))
        {
            if (timeout is { } t && clock.Elapsed >= t)
                throw new MilvusException(MilvusErrorCode.UnexpectedError, $"wait for {what} timeout in {t.TotalSeconds:0.###}s");
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan? Remaining(TimeSpan? timeout, System.Diagnostics.Stopwatch clock)
        => timeout is { } t ? (t - clock.Elapsed > TimeSpan.Zero ? t - clock.Elapsed : TimeSpan.FromMilliseconds(1)) : null;
}
