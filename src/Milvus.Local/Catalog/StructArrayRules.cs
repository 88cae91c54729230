using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Catalog;

/// <summary>
/// CreateCollection's checks of array-of-struct fields (proxy ValidateStructArrayField / ValidateFieldsInStruct),
/// and rootcoord's field ids: each struct after the top-level fields, its sub-fields right after it.
/// </summary>
internal static class StructArrayRules
{
    public static void Validate(string collectionName, CollectionSchema schema)
    {
        foreach (var s in schema.StructArrayFields) ValidateSubFieldKinds(s);
        foreach (var s in schema.StructArrayFields) ValidateStruct(collectionName, s);
    }

    /// <summary>
    /// AddCollectionStructField: the create-time rules, plus the struct must be nullable (rows already stored have no
    /// value for it) and its name must be new.
    /// </summary>
    public static void ValidateAdded(string collectionName, CollectionSchema schema, StructArrayFieldSchema s)
    {
        ValidateSubFieldKinds(s);
        ValidateStruct(collectionName, s);
        if (!s.Nullable) throw MilvusError.InvalidParameter($"added struct field must be nullable, please check it, field name = {s.Name}");
        var names = schema.Fields.Select(f => f.Name).Concat(schema.StructArrayFields.Select(x => x.Name));
        if (names.Contains(s.Name)) throw MilvusError.InvalidParameter($"duplicate field name: {s.Name}");
    }

    private static void ValidateSubFieldKinds(StructArrayFieldSchema s)
    {
        foreach (var f in s.Fields)
            {
                if (f.DataType is not (DataType.Array or DataType.ArrayOfVector))
                    throw MilvusError.InvalidParameter($"fields in StructArrayField must be Array or ArrayOfVector, field name = {f.Name}, field type = {MilvusTypeNames.Of(f.DataType)}");
                if (f.IsPrimaryKey) throw MilvusError.InvalidParameter($"primary key is not supported for struct field, field name = {f.Name}");
                if (f.AutoID) throw MilvusError.InvalidParameter($"autoID is not supported for struct field, field name = {f.Name}");
            }
    }

    private static void ValidateStruct(string collectionName, StructArrayFieldSchema s)
    {
        NameRules.FieldName(s.Name);
        if (s.Fields.Count == 0) throw MilvusError.InvalidParameter($"struct array field {s.Name} has no sub-fields");
        foreach (var f in s.Fields) ValidateSubField(collectionName, f);
        long? expected = null;
        foreach (var f in s.Fields)
        {
            var capacity = SchemaValidator.IntParam(f, "max_capacity")!.Value;
            expected ??= capacity;
            if (capacity != expected)
                throw MilvusError.InvalidParameter($"all sub-fields in struct array field must have the same max_capacity: structName={s.Name}, subFieldName={f.Name}, max_capacity={capacity}, expected={expected}");
        }
        foreach (var f in s.Fields)
            if (f.Nullable && !s.Nullable)
                throw MilvusError.InvalidParameter($"sub-field in non-nullable struct cannot be nullable individually, set nullable on the struct instead: structName={s.Name}, subFieldName={f.Name}");
    }

    private static void ValidateSubField(string collectionName, FieldSchema f)
    {
        switch (f.ElementType)
        {
            case DataType.ArrayOfVector: throw MilvusError.InvalidParameter($"nested ArrayOfVector is not supported for field {f.Name}");
            case DataType.ArrayOfStruct: throw MilvusError.InvalidParameter($"nested ArrayOfStruct is not supported for field {f.Name}");
        }
        if (f.DefaultValue is not null)
            throw MilvusError.InvalidParameter($"{MilvusTypeNames.Of(f.DataType)} field not support default_value, field name = {f.Name}");
        if (f.DataType == DataType.Array)
        {
            if (f.ElementType is not (DataType.Bool or DataType.Int8 or DataType.Int16 or DataType.Int32
                or DataType.Int64 or DataType.Float or DataType.Double or DataType.VarChar))
                throw MilvusError.InvalidParameter($"element type {MilvusTypeNames.Of(f.ElementType)} is not supported");
            SchemaValidator.ValidateField(collectionName, f);
            return;
        }
        NameRules.FieldName(f.Name);
        if (f.ElementType is not (DataType.FloatVector or DataType.Float16Vector or DataType.Bfloat16Vector or DataType.Int8Vector or DataType.BinaryVector))
            throw MilvusError.InvalidParameter($"Unsupported element type {MilvusTypeNames.Of(f.ElementType)} of ArrayOfVector field {f.Name}, only fixed dimension vector types are supported");
        var asVector = f.Clone();
        asVector.DataType = f.ElementType;
        SchemaValidator.ValidateDimension(asVector);
        // ValidateField's array branch checks max_capacity the same way for ArrayOfVector.
        var asArray = f.Clone();
        asArray.DataType = DataType.Array;
        asArray.ElementType = DataType.Int64;
        SchemaValidator.ValidateField(collectionName, asArray);
    }

    /// <summary>Numbers each struct and then its sub-fields from <paramref name="nextId"/>, and stores sub-fields as <c>struct[sub]</c>.</summary>
    public static void AssignIds(CollectionSchema schema, long nextId)
    {
        foreach (var s in schema.StructArrayFields) nextId = AssignIds(s, nextId);
    }

    /// <summary>Numbers one struct and its sub-fields from <paramref name="nextId"/>; returns the next free id.
    /// A nullable struct's sub-fields are nullable too (the struct is null as a whole).</summary>
    public static long AssignIds(StructArrayFieldSchema s, long nextId)
    {
        s.FieldID = nextId++;
        foreach (var f in s.Fields)
        {
            f.FieldID = nextId++;
            f.Name = StructArrays.StorageName(s.Name, f.Name);
            f.State = FieldState.FieldCreated;
            if (s.Nullable) f.Nullable = true;
        }
        return nextId;
    }
}
