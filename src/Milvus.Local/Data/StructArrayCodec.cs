using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Data;

/// <summary>
/// An array-of-struct column on the wire (FieldData of type ArrayOfStruct whose struct_arrays hold one ARRAY or
/// ArrayOfVector FieldData per sub-field) to and from the engine's one column per sub-field.
/// </summary>
internal static class StructArrayCodec
{
    /// <summary>The sub-field columns of an incoming struct FieldData, keyed by sub-field id.</summary>
    public static IEnumerable<(FieldSchema Field, FieldData Data)> Split(StructArrayFieldSchema s, FieldData data)
    {
        if (data.FieldCase != FieldData.FieldOneofCase.StructArrays)
            throw MilvusError.InvalidParameter($"field {s.Name} is a struct array field, but the data is not struct arrays");
        var supplied = new Dictionary<long, FieldData>();
        foreach (var sub in data.StructArrays.Fields)
        {
            var field = s.Fields.FirstOrDefault(f => f.Name == sub.FieldName || StructArrays.PlainName(s.Name, f.Name) == sub.FieldName)
                ?? throw MilvusError.InvalidParameter($"fieldName {sub.FieldName} not exist in struct array field {s.Name}");
            if (!supplied.TryAdd(field.FieldID, sub)) throw MilvusError.InvalidParameter($"duplicated field name {sub.FieldName} found");
            // A struct's validity may come on the struct column alone; every sub-field shares it.
            if (sub.ValidData.Count == 0 && data.ValidData.Count > 0) sub.ValidData.Add(data.ValidData);
        }
        foreach (var field in s.Fields)
            if (!supplied.ContainsKey(field.FieldID))
                throw MilvusError.InvalidParameter($"fieldSchema({field.Name}) has no corresponding fieldData pass in");
        return s.Fields.Select(f => (f, supplied[f.FieldID]));
    }

    /// <summary>Every row's element count must agree across the sub-fields of a struct.</summary>
    public static void CheckElementCounts(StructArrayFieldSchema s, IReadOnlyDictionary<long, Column> columns, int rows)
    {
        for (var row = 0; row < rows; row++)
        {
            int? expected = null;
            foreach (var f in s.Fields)
            {
                var count = ElementCount(columns[f.FieldID], row);
                expected ??= count;
                if (count != expected)
                    throw MilvusError.InvalidParameter($"the element count of sub-fields in struct array field {s.Name} is not consistent, row: {row}, field {f.Name} has {count} elements, expected {expected}");
            }
        }
    }

    public static int ElementCount(Column column, int row) => column switch
    {
        ArrayColumn a => a.Values[row].Length,
        VectorArrayColumn v => v.Values[row].Length,
        _ => 0,
    };

    /// <summary>The reply column of a struct: its sub-fields' columns (plain names) inside one ArrayOfStruct FieldData.</summary>
    public static FieldData Join(StructArrayFieldSchema s, IEnumerable<FieldData> subColumns)
    {
        var data = new FieldData { Type = DataType.ArrayOfStruct, FieldName = s.Name, FieldId = s.FieldID, StructArrays = new StructArrayField() };
        foreach (var sub in subColumns)
        {
            sub.FieldName = StructArrays.PlainName(s.Name, sub.FieldName);
            data.StructArrays.Fields.Add(sub);
        }
        return data;
    }
}
