using System.Management.Automation;
using Milvus.Client;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Builds the PSObjects written for entities (type name Milvus.Entity) and search hits (Milvus.SearchHit): one
/// NoteProperty per field, and a default display without vector fields so tables stay readable while
/// <c>Select-Object vector</c> still works. The display set is type data registered once per distinct set of shown
/// names (a second type name such as <c>Milvus.Entity#1a2b3c4d</c>); a PSMemberSet per object would cost about
/// ten times more than everything else per row.
/// </summary>
internal sealed class EntityOutput
{
    public const string EntityTypeName = "Milvus.Entity";
    public const string HitTypeName = "Milvus.SearchHit";

    private readonly HashSet<string> _vectorFields;
    private readonly Dictionary<string, DataType> _retypedFields;
    private readonly Action<string, IReadOnlyList<string>> _registerDisplay;
    private readonly Dictionary<string, string> _displayTypeNames = new(StringComparer.Ordinal);

    /// <param name="collection">The schema (vector fields are hidden).</param>
    /// <param name="registerDisplay">Registers a DefaultDisplayPropertySet for a type name (Update-TypeData).</param>
    public EntityOutput(CollectionDescription? collection, Action<string, IReadOnlyList<string>> registerDisplay)
    {
        _vectorFields = new HashSet<string>(
            collection?.Fields.Where(f => IsVector(f.DataType)).Select(f => f.Name) ?? Enumerable.Empty<string>(),
            StringComparer.OrdinalIgnoreCase);
        _retypedFields = (collection?.Fields ?? Enumerable.Empty<FieldSchema>())
            .Where(f => VectorOutput.Reshapes(f.DataType))
            .ToDictionary(f => f.Name, f => f.DataType, StringComparer.OrdinalIgnoreCase);
        _registerDisplay = registerDisplay;
    }

    public static bool IsVector(DataType type) => type is DataType.FloatVector or DataType.BinaryVector or DataType.Float16Vector
        or DataType.BFloat16Vector or DataType.SparseFloatVector or DataType.Int8Vector or DataType.ArrayOfVector;

    public PSObject Entity(IReadOnlyDictionary<string, object?> row)
    {
        var result = new PSObject();
        var names = new List<string>(row.Count);
        AddFields(result, names, row);
        SetTypeNames(result, EntityTypeName, names);
        return result;
    }

    /// <param name="hit">The hit.</param>
    /// <param name="rank">Its 1-based rank in its query's results (after -Offset: offset + 1 for the first).</param>
    /// <param name="queryIndex">The 0-based position of its query in the input.</param>
    /// <param name="showQueryIndex">False when there is one query: QueryIndex stays on the object but out of the default view.</param>
    /// <param name="scoreName">Distance for a search; Score for a hybrid search, whose RRF or weighted value is no distance.</param>
    public PSObject Hit(SearchHit hit, int rank, int queryIndex, bool showQueryIndex = true, string scoreName = "Distance")
    {
        var result = new PSObject();
        var names = new List<string>(hit.Entity.Count + 4) { "Rank", "Id", scoreName, "QueryIndex" };
        result.Properties.Add(new PSNoteProperty("Rank", rank));
        result.Properties.Add(new PSNoteProperty("Id", hit.Id));
        result.Properties.Add(new PSNoteProperty(scoreName, hit.Distance));
        result.Properties.Add(new PSNoteProperty("QueryIndex", queryIndex));
        if (hit.Offset is { } element)
        {
            // An element-level search hit names its struct element (pymilvus's "offset").
            result.Properties.Add(new PSNoteProperty("Offset", element));
            names.Add("Offset");
        }
        if (hit.Highlight is { } highlight)
        {
            var fragments = new System.Collections.Specialized.OrderedDictionary(StringComparer.Ordinal);
            foreach (var pair in highlight) fragments[pair.Key] = pair.Value.Fragments.ToArray();
            result.Properties.Add(new PSNoteProperty("Highlight", fragments));
            names.Add("Highlight");
        }
        AddFields(result, names, hit.Entity);
        if (!showQueryIndex)
        {
            names.Remove("QueryIndex");
        }

        SetTypeNames(result, HitTypeName, names);
        return result;
    }

    /// <summary>Adds a NoteProperty per field; names already taken (a pk named "id" is the hit's Id) are skipped.</summary>
    private void AddFields(PSObject target, List<string> names, IReadOnlyDictionary<string, object?> fields)
    {
        // Tracked in a set: looking names up through PSObject.Properties walks the adapters and costs far more per row.
        var taken = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        foreach (var pair in fields)
        {
            if (taken.Add(pair.Key))
            {
                object? value = _retypedFields.TryGetValue(pair.Key, out DataType type) ? VectorOutput.ToOutput(pair.Value, type) : JsonValues.ToOutput(pair.Value);
                target.Properties.Add(new PSNoteProperty(pair.Key, value));
                names.Add(pair.Key);
            }
        }
    }

    private void SetTypeNames(PSObject target, string typeName, List<string> names)
    {
        var shown = names.Where(n => !_vectorFields.Contains(n)).ToList();
        string key = typeName + "\u001f" + string.Join("\u001f", shown);
        if (!_displayTypeNames.TryGetValue(key, out string? displayType))
        {
            displayType = $"{typeName}#{StableHash(key):x8}";
            _registerDisplay(displayType, shown);
            _displayTypeNames[key] = displayType;
        }

        target.TypeNames.Insert(0, displayType);
        target.TypeNames.Insert(0, typeName);
    }

    /// <summary>FNV-1a: the same names give the same type name in every process (string.GetHashCode is randomized).</summary>
    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
