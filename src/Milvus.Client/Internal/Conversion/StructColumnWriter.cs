using System.Collections;
using Milvus.Protocol.Schema;

namespace Milvus.Client.Internal.Conversion;

/// <summary>
/// Accumulates an ARRAY of STRUCT field's rows (each a list of dictionaries) into one ArrayOfStruct FieldData whose
/// struct_arrays hold an ARRAY column per scalar sub-field and an ArrayOfVector column per vector sub-field
/// (pymilvus <c>Prepare._process_struct_values</c>).
/// </summary>
internal sealed class StructColumnWriter
{
    private readonly FieldSchema _field;
    private readonly List<FieldSchema> _subFields;
    private readonly Dictionary<string, ColumnWriter> _scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VectorArray> _vectors = new(StringComparer.Ordinal);
    private readonly bool _nullable;
    private readonly List<bool> _valid = new();

    public StructColumnWriter(FieldSchema field)
    {
        _field = field;
        _subFields = field.StructSchema!.Fields;
        _nullable = field.Nullable || field.StructSchema.Nullable;
        foreach (var sub in _subFields)
        {
            if (SchemaConverter.IsVector(sub.DataType))
                _vectors[sub.Name] = new VectorArray { Dim = sub.Dim ?? 0, ElementType = (Milvus.Protocol.Schema.DataType)(int)sub.DataType };
            else
                _scalars[sub.Name] = new ColumnWriter(new FieldSchema(sub.Name, DataType.Array)
                {
                    ElementType = sub.DataType, MaxLength = sub.MaxLength, MaxCapacity = field.MaxCapacity, Nullable = _nullable,
                });
        }
    }

    public string Name => _field.Name;

    /// <summary>
    /// Adds one row: a list of dictionaries with exactly the struct's sub-fields, none of them null. A nullable struct
    /// (Milvus 3.0, e.g. one added by add_collection_struct_field) takes a null or missing row as valid_data=false on
    /// every sub-field with no values, as pymilvus's <c>_add_empty_struct_data(valid=False)</c>.
    /// </summary>
    public void Add(object? value, bool present)
    {
        if (value is null && _nullable)
        {
            _valid.Add(false);
            foreach (var scalar in _scalars.Values) scalar.Add(null, present);
            return;
        }
        if (value is null)
            throw new DataNotMatchException(present
                ? $"Field '{_field.Name}': Expected list, got NoneType"
                : ExceptionMessages.InsertMissedField(_field.Name));
        if (value is string or IDictionary || value is not IEnumerable items)
            throw new DataNotMatchException($"Field '{_field.Name}': Expected list, got {value.GetType().Name}");
        var elements = items.Cast<object?>().Select((item, index) => Element(item, index)).ToList();
        _valid.Add(true);
        if (_field.MaxCapacity is { } cap && elements.Count > cap)
            throw new ParamError($"invalid input of field ({_field.Name}), array length exceeds max capacity. length: {elements.Count}, max capacity: {cap}");
        foreach (var sub in _subFields)
        {
            var values = elements.Select(e => e[sub.Name]).ToList();
            if (_scalars.TryGetValue(sub.Name, out var scalar)) scalar.Add(values, true);
            else _vectors[sub.Name].Data.Add(VectorRow(sub, values));
        }
    }

    private Dictionary<string, object?> Element(object? item, int index)
    {
        var element = PropertyValues(item)
            ?? throw new DataNotMatchException($"Field '{_field.Name}': Element at index {index} must be dict, got {item?.GetType().Name ?? "NoneType"}");
        var expected = _subFields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(n => !element.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new DataNotMatchException($"Field '{_field.Name}': Element at index {index} missing required fields: {PythonSet(missing)}");
        var extra = element.Keys.Where(k => !expected.Contains(k)).ToList();
        if (extra.Count > 0)
            throw new DataNotMatchException($"Field '{_field.Name}': Element at index {index} has unexpected fields: {PythonSet(extra)}");
        foreach (var (key, v) in element)
            if (v is null) throw new DataNotMatchException($"Field '{_field.Name}': Field '{key}' in element at index {index} cannot be None");
        return element;
    }

    private static Dictionary<string, object?>? PropertyValues(object? item) => item switch
    {
        IReadOnlyDictionary<string, object?> d => d.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        IDictionary d => d.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => d[k], StringComparer.Ordinal),
        _ => null,
    };

    private static string PythonSet(IEnumerable<string> names) => "{" + string.Join(", ", names.Select(n => $"'{n}'")) + "}";

    /// <summary>One row's vectors of a vector sub-field, written as that vector type's column.</summary>
    private static VectorField VectorRow(FieldSchema sub, List<object?> vectors)
    {
        var writer = new ColumnWriter(new FieldSchema(sub.Name, sub.DataType) { Dim = sub.Dim });
        foreach (var vector in vectors) writer.Add(vector, true);
        var row = writer.Build().Vectors;
        if (sub.Dim is { } dim) row.Dim = dim;
        return row;
    }

    public FieldData Build()
    {
        var data = new FieldData { FieldName = _field.Name, Type = Milvus.Protocol.Schema.DataType.ArrayOfStruct, StructArrays = new StructArrayField() };
        foreach (var sub in _subFields)
        {
            if (_scalars.TryGetValue(sub.Name, out var scalar))
            {
                data.StructArrays.Fields.Add(scalar.Build());
                continue;
            }
            var array = _vectors[sub.Name];
            var vectors = new FieldData
            {
                FieldName = sub.Name, Type = Milvus.Protocol.Schema.DataType.ArrayOfVector,
                Vectors = new VectorField { Dim = array.Dim, VectorArray = array },
            };
            if (_nullable) vectors.ValidData.Add(_valid);
            data.StructArrays.Fields.Add(vectors);
        }
        return data;
    }
}
