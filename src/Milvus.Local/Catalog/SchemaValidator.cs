using Milvus.Local.Errors;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Catalog;

/// <summary>
/// CreateCollection's schema checks in Milvus's order (proxy createCollectionTask.PreExecute), and the
/// normalisation the server applies: field ids from 100, the dynamic field <c>$meta</c>, schema-level autoID off.
/// </summary>
internal static class SchemaValidator
{
    public const int MaxFields = 64;
    public const int MaxVectorFields = 4;
    public const int MaxShards = 16;
    public const int MaxDimension = 32768;
    public const int MaxVarCharLength = 65535;
    public const int MaxArrayCapacity = 4096;
    public const int MaxPartitions = 1024;
    public const int DefaultPartitionKeyPartitions = 16;
    public const string DynamicFieldName = "$meta";
    public const long FirstFieldId = 100;

    public static CollectionSchema Validate(string collectionName, CollectionSchema input, int shardsNum, long numPartitions,
        IEnumerable<KeyValuePair> properties)
    {
        var schema = input.Clone();
        schema.AutoID = false;
        FunctionRules.Validate(schema);
        if (shardsNum > MaxShards) throw MilvusError.Plain($"maximum shards's number should be limited to {MaxShards}");
        if (schema.Fields.Count > MaxFields) throw MilvusError.Plain($"maximum field's number should be limited to {MaxFields}");
        var vectorCount = schema.Fields.Count(f => VectorTypes.IsVector(f.DataType))
            + schema.StructArrayFields.Sum(s => s.Fields.Count(f => f.DataType == DataType.ArrayOfVector));
        if (vectorCount > MaxVectorFields) throw MilvusError.Plain($"maximum vector field's number should be limited to {MaxVectorFields}");
        if (vectorCount == 0) throw MilvusError.InvalidParameter("schema does not contain vector field");
        NameRules.CollectionName(collectionName);
        ValidatePrimaryKey(schema);
        if (schema.Fields.Any(f => f.IsDynamic)) throw MilvusError.InvalidParameter("cannot explicitly set a field as a dynamic field");
        foreach (var f in schema.Fields.Where(f => f.AutoID && !f.IsPrimaryKey))
            throw MilvusError.InvalidParameter($"only primary field can speficy AutoID with true, field name = {f.Name}");
        foreach (var f in schema.Fields) ValidateType(f);
        ValidatePartitionKey(schema, numPartitions);
        ValidateClusteringKey(collectionName, schema);
        ValidateProperties(properties);
        Data.TimeToLive.CheckOnCreate(schema, properties);
        if (schema.EnableNamespace) throw MilvusError.NotSupported("namespaces");
        var timezone = Data.TimestamptzValues.CollectionTimezone(properties);
        foreach (var f in schema.Fields) Data.TimestamptzValues.DefaultToMicros(f, timezone);
        foreach (var f in schema.Fields) ValidateField(collectionName, f);
        AnalyzerRules.Validate(schema);
        StructArrayRules.Validate(collectionName, schema);
        var duplicate = schema.Fields.Select(f => f.Name)
            .Concat(schema.StructArrayFields.SelectMany(s => s.Fields.Select(f => f.Name).Prepend(s.Name)))
            .GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw MilvusError.InvalidParameter($"duplicated field name {duplicate.Key} found");

        for (var i = 0; i < schema.Fields.Count; i++)
        {
            schema.Fields[i].FieldID = FirstFieldId + i;
            schema.Fields[i].State = FieldState.FieldCreated;
        }
        if (schema.EnableDynamicField)
            schema.Fields.Add(new FieldSchema
            {
                FieldID = FirstFieldId + schema.Fields.Count, Name = DynamicFieldName, DataType = DataType.Json, IsDynamic = true,
                Description = "dynamic schema", State = FieldState.FieldCreated,
            });
        StructArrayRules.AssignIds(schema, FirstFieldId + schema.Fields.Count);
        FunctionRules.AssignIds(schema);
        schema.Name = collectionName;
        return schema;
    }

    /// <summary>AddCollectionField: the new field must be nullable and cannot be a key.</summary>
    public static void ValidateAddedField(string collectionName, CollectionSchema schema, FieldSchema field)
    {
        if (!field.Nullable) throw MilvusError.InvalidParameter($"added field must be nullable, please check it, field name = {field.Name}");
        if (field.IsPrimaryKey || field.IsPartitionKey || field.AutoID || field.IsClusteringKey || field.IsDynamic)
            throw MilvusError.InvalidParameter($"not support to add pk field, partition key field, clustering key field or dynamic field, field name = {field.Name}");
        ValidateType(field);
        Data.TimestamptzValues.DefaultToMicros(field, Data.TimestamptzValues.CollectionTimezone(schema.Properties));
        ValidateField(collectionName, field);
        if (schema.Fields.Any(f => f.Name == field.Name)) throw MilvusError.InvalidParameter($"duplicate field name: {field.Name}");
        if (VectorTypes.IsVector(field.DataType) && schema.Fields.Count(f => VectorTypes.IsVector(f.DataType)) >= MaxVectorFields)
            throw MilvusError.Plain($"maximum vector field's number should be limited to {MaxVectorFields}");
        if (schema.Fields.Count(f => !f.IsDynamic) >= MaxFields) throw MilvusError.Plain($"maximum field's number should be limited to {MaxFields}");
    }

    public static void ValidateProperties(IEnumerable<KeyValuePair> properties)
    {
        foreach (var p in properties)
        {
            if (p.Key == Time.Timestamptz.TimezoneKey) Time.Timestamptz.CheckZone(p.Value);
            if (p.Key != Data.TimeToLive.PropertyKey) continue;
            if (!long.TryParse(p.Value, out var ttl)) throw MilvusError.InvalidParameter("collection TTL is not a valid positive integer");
            if (ttl < -1 || ttl > 3155760000)
                throw MilvusError.InvalidParameter($"collection TTL is out of range, expect [-1, 3155760000], got {ttl}");
        }
    }

    public static int? IntParam(FieldSchema field, string key)
        => field.TypeParams.FirstOrDefault(p => p.Key == key)?.Value is { } text && long.TryParse(text, out var v) ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;

    private static void ValidatePrimaryKey(CollectionSchema schema)
    {
        var pks = schema.Fields.Where(f => f.IsPrimaryKey).ToList();
        if (pks.Count == 0) throw new MilvusError(1101, "primary key is not specified: missing parameter", isInputError: true);
        if (pks.Count > 1)
            throw MilvusError.InvalidParameter($"there are more than one primary key, field name = {string.Join(", ", pks.Select(p => p.Name))}");
        if (pks[0].DataType is not (DataType.Int64 or DataType.VarChar))
            throw MilvusError.InvalidParameter("the data type of primary key should be Int64 or VarChar");
        if (pks[0].Nullable) throw MilvusError.InvalidParameter("primary field not support null");
    }

    private static void ValidateType(FieldSchema f)
    {
        switch (f.DataType)
        {
            case DataType.String: throw MilvusError.InvalidParameter("string data type not supported yet, please use VarChar type instead");
            case DataType.None: throw MilvusError.InvalidParameter("data type None is not valid");
            case DataType.ArrayOfVector or DataType.ArrayOfStruct or DataType.Struct or DataType.Mol or DataType.Date or DataType.Time
                or DataType.Decimal:
                throw MilvusError.NotSupported($"field type {MilvusTypeNames.Of(f.DataType)}");
            case DataType.Array when f.ElementType is not (DataType.Bool or DataType.Int8 or DataType.Int16 or DataType.Int32
                or DataType.Int64 or DataType.Float or DataType.Double or DataType.VarChar):
                throw MilvusError.InvalidParameter($"element type {MilvusTypeNames.Of(f.ElementType)} is not supported");
        }
    }

    private static void ValidatePartitionKey(CollectionSchema schema, long numPartitions)
    {
        var keys = schema.Fields.Where(f => f.IsPartitionKey).ToList();
        if (keys.Count > 1) throw MilvusError.Plain($"there are more than one partition key, field name = {string.Join(", ", keys.Select(k => k.Name))}");
        if (keys.Count == 0)
        {
            if (numPartitions > 0) throw MilvusError.Plain("num_partitions should only be specified with partition key field enabled");
            return;
        }
        var key = keys[0];
        if (key.IsPrimaryKey) throw MilvusError.Plain("the partition key field must not be primary field");
        if (key.DataType is not (DataType.Int64 or DataType.VarChar)) throw MilvusError.Plain("the data type of partition key should be Int64 or VarChar");
        if (key.Nullable) throw MilvusError.InvalidParameter("partition key field not support nullable");
        if (numPartitions > MaxPartitions)
            throw MilvusError.InvalidParameter($"partition number ({numPartitions}) exceeds max configuration ({MaxPartitions})");
    }

    private static void ValidateClusteringKey(string collection, CollectionSchema schema)
    {
        var keys = schema.Fields.Where(f => f.IsClusteringKey).ToList();
        if (keys.Count > 1)
            throw MilvusError.IllegalSchema(collection, $"there are more than one clustering key, field name = {string.Join(", ", keys.Select(k => k.Name))}");
        if (keys.Count == 1 && VectorTypes.IsVector(keys[0].DataType))
            throw new MilvusError(107, $"vector clustering key not allowed[collection={collection}]", isInputError: true);
    }

    internal static void ValidateField(string collection, FieldSchema f)
    {
        NameRules.FieldName(f.Name);
        if (VectorTypes.IsVector(f.DataType)) ValidateDimension(f);
        if (f.DataType == DataType.VarChar) ValidateMaxLength(collection, f);
        if (f.DataType == DataType.Array)
        {
            if (f.ElementType == DataType.VarChar) ValidateMaxLength(collection, f);
            var capacity = f.TypeParams.FirstOrDefault(p => p.Key == "max_capacity")?.Value
                ?? throw new MilvusError(1101, $"type param(max_capacity) should be specified for array field {f.Name} of collection {collection}: missing parameter", isInputError: true);
            if (!long.TryParse(capacity, out var cap))
                throw MilvusError.InvalidParameter($"the value for max_capacity of field {f.Name} must be an integer");
            if (cap <= 0 || cap > MaxArrayCapacity)
                throw MilvusError.InvalidParameter($"the maximum capacity specified for a Array should be in (0, {MaxArrayCapacity}]");
        }
        if (f.DefaultValue is not null) ValidateDefault(f);
    }

    internal static void ValidateDimension(FieldSchema f)
    {
        var text = f.TypeParams.FirstOrDefault(p => p.Key == "dim")?.Value;
        if (f.DataType == DataType.SparseFloatVector)
        {
            if (text is not null) throw MilvusError.InvalidParameter($"dim should not be specified for sparse vector field {f.Name}({f.FieldID})");
            return;
        }
        if (text is null)
            throw MilvusError.InvalidParameter($"dimension is not defined in field type params of field {f.Name}, check type param `dim` for vector field");
        if (!long.TryParse(text, out var dim)) throw MilvusError.InvalidParameter($"invalid dimension: {text} of field {f.Name}");
        if (dim <= 1) throw MilvusError.InvalidParameter($"invalid dimension: {dim}. should be in range 2 ~ {MaxDimension}");
        if (f.DataType == DataType.BinaryVector)
        {
            if (dim % 8 != 0)
                throw MilvusError.InvalidParameter($"invalid dimension: {dim} of field {f.Name}. binary vector dimension should be multiple of 8. ");
            if (dim > MaxDimension * 8L)
                throw MilvusError.InvalidParameter($"invalid dimension: {dim} of field {f.Name}. binary vector dimension should be in range 2 ~ {MaxDimension * 8}");
        }
        else if (dim > MaxDimension)
            throw MilvusError.InvalidParameter($"invalid dimension: {dim} of field {f.Name}. float vector dimension should be in range 2 ~ {MaxDimension}");
    }

    private static void ValidateMaxLength(string collection, FieldSchema f)
    {
        var text = f.TypeParams.FirstOrDefault(p => p.Key == "max_length")?.Value
            ?? throw new MilvusError(1101, $"type param(max_length) should be specified for the field({f.Name}) of collection {collection}: missing parameter", isInputError: true);
        if (!long.TryParse(text, out var length)) throw MilvusError.InvalidParameter($"the value for max_length of field {f.Name} must be an integer");
        if (length <= 0 || length > MaxVarCharLength)
            throw MilvusError.InvalidParameter($"the maximum length specified for the field({f.Name}) should be in (0, {MaxVarCharLength}], but got {length} instead");
    }

    private static void ValidateDefault(FieldSchema f)
    {
        if (f.IsPrimaryKey) throw MilvusError.InvalidParameter($"primary field not support default_value, field name = {f.Name}");
        if (f.DataType is DataType.Json or DataType.Array || VectorTypes.IsVector(f.DataType))
            throw MilvusError.InvalidParameter($"{MilvusTypeNames.Of(f.DataType)} field not support default_value, field name = {f.Name}");
        var expected = f.DataType switch
        {
            DataType.Bool => ValueField.DataOneofCase.BoolData,
            DataType.Int8 or DataType.Int16 or DataType.Int32 => ValueField.DataOneofCase.IntData,
            DataType.Int64 => ValueField.DataOneofCase.LongData,
            DataType.Float => ValueField.DataOneofCase.FloatData,
            DataType.Double => ValueField.DataOneofCase.DoubleData,
            DataType.Timestamptz => ValueField.DataOneofCase.TimestamptzData,
            _ => ValueField.DataOneofCase.StringData,
        };
        if (f.DefaultValue.DataCase != expected)
            throw MilvusError.InvalidParameter($"type ({MilvusTypeNames.Of(f.DataType)}) of field ({f.Name}) is not equal to the type({f.DefaultValue.DataCase}) of default_value");
        var intRange = f.DataType switch { DataType.Int8 => (sbyte.MinValue, sbyte.MaxValue), DataType.Int16 => (short.MinValue, short.MaxValue), _ => (int.MinValue, int.MaxValue) };
        if (expected == ValueField.DataOneofCase.IntData && (f.DefaultValue.IntData < intRange.Item1 || f.DefaultValue.IntData > intRange.Item2))
            throw MilvusError.InvalidParameter($"{f.DefaultValue.IntData} out of range {intRange.Item1} <= value <= {intRange.Item2}");
        if (f.DataType == DataType.Geometry) f.DefaultValue.StringData = Spatial.WktGeometry.NormalizeInsert(f.DefaultValue.StringData);
        if (expected == ValueField.DataOneofCase.StringData)
        {
            var max = IntParam(f, "max_length") ?? MaxVarCharLength;
            var length = System.Text.Encoding.UTF8.GetByteCount(f.DefaultValue.StringData);
            if (length > max) throw MilvusError.InvalidParameter($"the length ({length}) of string exceeds max length ({max})");
        }
    }
}
