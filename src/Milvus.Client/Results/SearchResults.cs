using System.Collections;

namespace Milvus.Client;

/// <summary>One hit of a search (pymilvus <c>Hit</c>): id, distance and the requested output fields.</summary>
public sealed class SearchHit
{
    public SearchHit(object id, float distance, IReadOnlyDictionary<string, object?> entity, string primaryFieldName = "id")
    {
        Id = id;
        Distance = distance;
        Entity = entity;
        PrimaryFieldName = primaryFieldName;
    }

    /// <summary>Primary key (long or string).</summary>
    public object Id { get; }
    /// <summary>Distance or score.</summary>
    public float Distance { get; }
    /// <summary>Same as <see cref="Distance"/> (pymilvus <c>score</c>).</summary>
    public float Score => Distance;
    /// <summary>Output fields; dynamic fields appear as top-level keys.</summary>
    public IReadOnlyDictionary<string, object?> Entity { get; }
    public string PrimaryFieldName { get; }
    /// <summary>Element index for struct-array searches (pymilvus <c>offset</c>).</summary>
    public long? Offset { get; init; }
    /// <summary>Highlight fragments per field (pymilvus <c>highlight</c>).</summary>
    public IReadOnlyDictionary<string, HighlightInfo>? Highlight { get; init; }

    /// <summary>Key lookup as in pymilvus: the pk name, "distance"/"score", "id", then entity fields.</summary>
    public object? this[string key]
    {
        get
        {
            if (key == PrimaryFieldName || key == "id" || key == "pk") return Id;
            if (key == "distance" || key == "score") return Distance;
            if (key == "entity") return Entity;
            return Entity.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"'{key}' is not a field of this hit");
        }
    }

    public override string ToString() => $"id: {Id}, distance: {Distance}";
}

/// <summary>Highlight fragments of one field.</summary>
public sealed record HighlightInfo(IReadOnlyList<string> Fragments, IReadOnlyList<float> Scores);

/// <summary>The hits of one query vector (pymilvus <c>Hits</c>).</summary>
public sealed class SearchHits : IReadOnlyList<SearchHit>
{
    private readonly IReadOnlyList<SearchHit> _hits;

    public SearchHits(IReadOnlyList<SearchHit> hits) => _hits = hits;

    public IReadOnlyList<object> Ids => _hits.Select(h => h.Id).ToList();
    public IReadOnlyList<float> Distances => _hits.Select(h => h.Distance).ToList();
    public int Count => _hits.Count;
    public SearchHit this[int index] => _hits[index];
    public IEnumerator<SearchHit> GetEnumerator() => _hits.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Search or hybrid-search results: one <see cref="SearchHits"/> per query (pymilvus <c>SearchResult</c>).</summary>
public sealed class SearchResults : IReadOnlyList<SearchHits>
{
    private readonly IReadOnlyList<SearchHits> _queries;

    public SearchResults(IReadOnlyList<SearchHits> queries, IReadOnlyDictionary<string, object?>? extra = null,
        IReadOnlyList<float>? recalls = null, ulong sessionTimestamp = 0)
    {
        _queries = queries;
        Extra = extra ?? new Dictionary<string, object?>();
        Recalls = recalls ?? Array.Empty<float>();
        SessionTimestamp = sessionTimestamp;
    }

    /// <summary>cost, scanned_remote_bytes, scanned_total_bytes, cache_hit_ratio when reported.</summary>
    public IReadOnlyDictionary<string, object?> Extra { get; }
    public IReadOnlyList<float> Recalls { get; }
    public ulong SessionTimestamp { get; }
    public int Count => _queries.Count;
    public SearchHits this[int index] => _queries[index];
    public IEnumerator<SearchHits> GetEnumerator() => _queries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
