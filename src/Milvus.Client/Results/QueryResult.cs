using System.Collections;

namespace Milvus.Client;

/// <summary>
/// Rows returned by query and get (pymilvus list of dicts with <c>.extra</c>): each row maps field names to values
/// (long, int, short, sbyte, bool, float, double, string, JSON as <see cref="System.Text.Json.JsonElement"/>, arrays as
/// object lists, float vectors as float[], byte vectors as byte[], sparse vectors as Dictionary&lt;uint, float&gt;, null for nulls).
/// </summary>
public sealed class QueryResult : IReadOnlyList<IReadOnlyDictionary<string, object?>>
{
    private readonly IReadOnlyList<IReadOnlyDictionary<string, object?>> _rows;

    public QueryResult(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, IReadOnlyDictionary<string, object?>? extra = null)
    {
        _rows = rows;
        Extra = extra ?? new Dictionary<string, object?>();
    }

    /// <summary>Extra information (<c>cost</c>, <c>iterator_session_ts</c>).</summary>
    public IReadOnlyDictionary<string, object?> Extra { get; }

    public int Count => _rows.Count;
    public IReadOnlyDictionary<string, object?> this[int index] => _rows[index];
    public IEnumerator<IReadOnlyDictionary<string, object?>> GetEnumerator() => _rows.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
