using Milvus.Protocol.Schema;

namespace Milvus.Local.Catalog;

/// <summary>
/// Array-of-struct fields as Milvus stores them: each sub-field is its own column (ARRAY for scalars, ArrayOfVector
/// for vectors) with its own field id and the storage name <c>struct[sub]</c> (typeutil.ConcatStructFieldName);
/// describe shows the plain sub-field names again (restoreStructFieldNames).
/// </summary>
internal static class StructArrays
{
    public static string StorageName(string structName, string subName) => $"{structName}[{subName}]";

    /// <summary>The plain name of a sub-field stored as <c>struct[sub]</c> (unchanged when not in that form).</summary>
    public static string PlainName(string structName, string storageName)
        => storageName.StartsWith(structName + "[", StringComparison.Ordinal) && storageName.EndsWith(']')
            ? storageName[(structName.Length + 1)..^1]
            : storageName;

    /// <summary>Every stored column's field: the top-level fields, then each struct's sub-fields.</summary>
    public static IEnumerable<FieldSchema> StorageFields(this CollectionSchema schema)
        => schema.Fields.Concat(schema.StructArrayFields.SelectMany(s => s.Fields));

    /// <summary>The largest field id in use, struct fields and their sub-fields included.</summary>
    public static long MaxFieldId(CollectionSchema schema)
        => schema.StorageFields().Select(f => f.FieldID).Concat(schema.StructArrayFields.Select(s => s.FieldID)).Max();

    public static StructArrayFieldSchema? FindStruct(this CollectionSchema schema, string name)
        => schema.StructArrayFields.FirstOrDefault(s => s.Name == name);

    /// <summary>A struct sub-field by its storage name <c>struct[sub]</c>.</summary>
    public static FieldSchema? FindSubField(this CollectionSchema schema, string storageName)
        => schema.StructArrayFields.SelectMany(s => s.Fields).FirstOrDefault(f => f.Name == storageName);

    public static IEnumerable<FieldSchema> FindSubFields(this CollectionSchema schema, DataType dataType)
        => schema.StructArrayFields.SelectMany(s => s.Fields).Where(f => f.DataType == dataType);

    public static StructArrayFieldSchema? StructOf(this CollectionSchema schema, long subFieldId)
        => schema.StructArrayFields.FirstOrDefault(s => s.Fields.Any(f => f.FieldID == subFieldId));

    /// <summary>The schema as clients see it: sub-fields under their plain names.</summary>
    public static CollectionSchema WithPlainSubFieldNames(CollectionSchema schema)
    {
        var copy = schema.Clone();
        foreach (var s in copy.StructArrayFields)
            foreach (var f in s.Fields) f.Name = PlainName(s.Name, f.Name);
        return copy;
    }
}
