using Milvus.Local.Catalog;
using Milvus.Protocol.Common;

namespace Milvus.Local.Search;

/// <summary>
/// The search parameters a thread parsed last, reused when the same thread searches the same collection snapshot
/// with equal search_params, as a client repeating one kind of search does: the parse (a JSON document, two
/// dictionaries) was a tenth of a search call's allocations. Kept per thread, so concurrent callers share nothing;
/// the parameters are immutable and depend on the snapshot and the key/value list alone. Iterator pages are never
/// reused (each carries its own token and bound).
/// </summary>
internal static class LastSearchParameters
{
    [ThreadStatic] private static Entry? _last;

    private sealed record Entry(CollectionMeta Collection, string[] Pairs, SearchParameters Parameters);

    public static SearchParameters Parse(CollectionMeta c, IReadOnlyList<KeyValuePair> kv)
    {
        if (_last is { } last && ReferenceEquals(last.Collection, c) && Same(last.Pairs, kv)) return last.Parameters;
        var parameters = SearchParameters.Parse(c, kv);
        _last = parameters.Iterator is null ? new Entry(c, Flatten(kv), parameters) : null;
        return parameters;
    }

    private static bool Same(string[] pairs, IReadOnlyList<KeyValuePair> kv)
    {
        if (pairs.Length != 2 * kv.Count) return false;
        for (var i = 0; i < kv.Count; i++)
            if (!string.Equals(pairs[2 * i], kv[i].Key, StringComparison.Ordinal) || !string.Equals(pairs[2 * i + 1], kv[i].Value, StringComparison.Ordinal))
                return false;
        return true;
    }

    private static string[] Flatten(IReadOnlyList<KeyValuePair> kv)
    {
        var pairs = new string[2 * kv.Count];
        for (var i = 0; i < kv.Count; i++) (pairs[2 * i], pairs[2 * i + 1]) = (kv[i].Key, kv[i].Value);
        return pairs;
    }
}
