using System.Text.Json;
using Milvus.Local.Columns;

namespace Milvus.Local.Expressions;

/// <summary>
/// One evaluation over one row set: gives predicates their columns and parses each JSON column at most
/// once per row (several predicates on the same JSON field share the parsed documents).
/// </summary>
internal sealed class EvalContext(IRowSet rows) : IDisposable
{
    private readonly Dictionary<string, JsonDocument?[]> _json = new(StringComparer.Ordinal);

    public IRowSet Rows { get; } = rows;

    public int RowCount { get; } = rows.RowCount;

    public Column? Column(string name) => Rows.GetColumn(name);

    /// <summary>Parsed JSON per row (null for null rows, empty or malformed JSON); null when the column is absent.</summary>
    public JsonDocument?[]? Json(string name)
    {
        if (_json.TryGetValue(name, out var docs)) return docs;
        if (Column(name) is not JsonColumn column) return null;
        docs = new JsonDocument?[RowCount];
        for (var i = 0; i < docs.Length; i++)
        {
            var bytes = column.Values[i];
            if (column.IsNull(i) || bytes is null || bytes.Length == 0) continue;
            try { docs[i] = JsonDocument.Parse(bytes); }
            catch (JsonException) { docs[i] = null; }
        }
        _json[name] = docs;
        return docs;
    }

    public void Dispose()
    {
        foreach (var docs in _json.Values)
            foreach (var doc in docs) doc?.Dispose();
        _json.Clear();
    }
}
