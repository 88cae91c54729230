using System.Text;
using System.Text.Json.Nodes;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Data;

/// <summary>
/// Which fields a query or search returns: schema fields by name, <c>*</c> for all of them, <c>$meta</c> for the
/// whole dynamic field, and (on dynamic collections) any other name as a key of <c>$meta</c>.
/// </summary>
internal sealed class OutputPlan
{
    private readonly List<FieldSchema> _fields = [];
    private readonly List<(StructArrayFieldSchema Struct, List<FieldSchema> SubFields)> _structs = [];
    private readonly HashSet<string> _dynamicKeys = new(StringComparer.Ordinal);
    private bool _wholeDynamic;

    /// <summary>The names echoed in the reply's output_fields.</summary>
    public List<string> Names { get; } = [];

    public IReadOnlyList<FieldSchema> Fields => _fields;

    public static OutputPlan Resolve(CollectionMeta c, IEnumerable<string> requested, bool includePrimaryKey)
    {
        var plan = new OutputPlan();
        var dynamicField = c.Schema.Fields.FirstOrDefault(f => f.IsDynamic);
        foreach (var raw in requested)
        {
            var name = raw.Trim();
            if (name.Length == 0) continue;
            if (name == "*")
            {
                // A function's output (BM25 sparse vectors) is never returned (Milvus's CanRetrieveRawFieldData).
                foreach (var f in c.Schema.Fields.Where(f => !f.IsFunctionOutput)) plan.Add(f, wholeDynamic: true);
                foreach (var s in c.Schema.StructArrayFields) plan.AddStruct(s, s.Fields);
                continue;
            }
            var field = c.FindField(name);
            if (field is { IsFunctionOutput: true }) throw MilvusError.Plain($"not allowed to retrieve raw data of field {name}");
            if (field is not null) plan.Add(field, wholeDynamic: true);
            else if (c.Schema.FindStruct(name) is { } structField) plan.AddStruct(structField, structField.Fields);
            else if (c.Schema.FindSubField(name) is { } subField) plan.AddStruct(c.Schema.StructOf(subField.FieldID)!, [subField]);
            else if (dynamicField is not null && IsDynamicKey(name))
            {
                plan.Add(dynamicField, wholeDynamic: false);
                plan._dynamicKeys.Add(name);
                if (!plan.Names.Contains(name)) plan.Names.Add(name);
            }
            else throw MilvusError.InvalidParameter($"field {name} not exist");
        }
        if (includePrimaryKey && !plan._fields.Contains(c.PrimaryField))
        {
            plan._fields.Insert(0, c.PrimaryField);
            plan.Names.Insert(0, c.PrimaryField.Name);
        }
        return plan;
    }

    private static bool IsDynamicKey(string name) => name.All(ch => ch == '_' || char.IsAsciiLetterOrDigit(ch)) && !char.IsAsciiDigit(name[0]);

    private void Add(FieldSchema field, bool wholeDynamic)
    {
        if (field.IsDynamic && wholeDynamic) _wholeDynamic = true;
        if (_fields.Contains(field)) return;
        _fields.Add(field);
        if (!field.IsDynamic || wholeDynamic) Names.Add(field.Name);
    }

    /// <summary>A struct's output, or more of its sub-fields (<c>struct[sub]</c> asks for one).</summary>
    private void AddStruct(StructArrayFieldSchema s, IEnumerable<FieldSchema> subFields)
    {
        var entry = _structs.FirstOrDefault(e => e.Struct == s);
        if (entry.Struct is null)
        {
            entry = (s, []);
            _structs.Add(entry);
            Names.Add(s.Name);
        }
        foreach (var f in subFields.Where(f => !entry.SubFields.Contains(f))) entry.SubFields.Add(f);
        entry.SubFields.Sort((a, b) => a.FieldID.CompareTo(b.FieldID));
    }

    /// <summary>The reply columns for these rows, in plan order.</summary>
    public List<FieldData> Build(IReadOnlyList<(IRowSet Rows, int Row)> rows)
    {
        var result = new List<FieldData>();
        foreach (var field in _fields)
        {
            var cells = rows.Select(r => (r.Rows.GetColumn(field.Name), r.Row)).ToList();
            if (field.IsDynamic && !_wholeDynamic)
                cells = [.. cells.Select(c => ((Column?)new JsonColumn([FilterKeys(c.Item1, c.Row)]), 0))];
            result.Add(ColumnCodec.Encode(field, cells));
        }
        foreach (var (s, subFields) in _structs)
            result.Add(StructArrayCodec.Join(s, subFields.Select(f => ColumnCodec.Encode(f, rows.Select(r => (r.Rows.GetColumn(f.Name), r.Row)).ToList()))));
        return result;
    }

    private byte[] FilterKeys(Column? column, int row)
    {
        var selected = new JsonObject();
        if (column is JsonColumn json && JsonNode.Parse(json.Values[row]) is JsonObject all)
            foreach (var key in _dynamicKeys)
                if (all.TryGetPropertyValue(key, out var value)) selected[key] = value?.DeepClone();
        return Encoding.UTF8.GetBytes(selected.ToJsonString());
    }
}
