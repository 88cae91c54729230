using System.Globalization;
using System.Text.Json;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;
using Proto = Milvus.Protocol.Schema;

namespace Milvus.Client.Internal.Conversion;

/// <summary>CollectionSchema/FieldSchema/FunctionSchema ↔ their protocol messages (pymilvus <c>to_dict</c>/<c>construct_from_dict</c>).</summary>
internal static class SchemaConverter
{
    private static readonly string[] s_typeParamKeys = { "dim", "max_length", "max_capacity", "enable_match", "enable_analyzer", "analyzer_params", "multi_analyzer_params" };

    public static Proto.CollectionSchema ToProto(string collectionName, CollectionSchema schema)
    {
        var proto = new Proto.CollectionSchema
        {
            Name = collectionName,
            Description = schema.Description,
            AutoID = schema.AutoId,
            EnableDynamicField = schema.EnableDynamicField,
            EnableNamespace = schema.EnableNamespace,
        };
        foreach (var field in schema.Fields)
        {
            if (field.DataType == DataType.Array && field.ElementType == DataType.Struct && field.StructSchema is not null)
                proto.StructArrayFields.Add(ToStructProto(field));
            else
                proto.Fields.Add(ToProto(field));
        }
        foreach (var function in schema.Functions) proto.Functions.Add(ToProto(function));
        return proto;
    }

    public static Proto.FieldSchema ToProto(FieldSchema field)
    {
        var proto = new Proto.FieldSchema
        {
            FieldID = field.FieldId,
            Name = field.Name,
            DataType = (Proto.DataType)(int)field.DataType,
            Description = field.Description,
            IsPrimaryKey = field.IsPrimary,
            AutoID = field.AutoId,
            IsPartitionKey = field.IsPartitionKey,
            IsClusteringKey = field.IsClusteringKey,
            Nullable = field.Nullable,
            ElementType = (Proto.DataType)(int)field.ElementType,
            IsDynamic = field.IsDynamic,
            IsFunctionOutput = field.IsFunctionOutput,
        };
        AddTypeParams(proto.TypeParams, field);
        if (field.HasDefaultValue && field.DefaultValue is not null) proto.DefaultValue = ToValueField(field, field.DefaultValue);
        return proto;
    }

    private static void AddTypeParams(ICollection<KeyValuePair> target, FieldSchema field)
    {
        void Add(string key, object? value)
        {
            if (value is null) return;
            if (value is string s && (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("false", StringComparison.OrdinalIgnoreCase)))
                value = s.Equals("true", StringComparison.OrdinalIgnoreCase);
            target.Add(new KeyValuePair { Key = key, Value = ValueCoercion.JsonStr(value) });
        }
        Add("dim", field.Dim);
        Add("max_length", field.MaxLength);
        Add("max_capacity", field.MaxCapacity);
        Add("enable_match", field.EnableMatch);
        Add("enable_analyzer", field.EnableAnalyzer);
        Add("analyzer_params", field.AnalyzerParams);
        Add("multi_analyzer_params", field.MultiAnalyzerParams);
        Add("mmap.enabled", field.MmapEnabled);
        Add("warmup", field.Warmup);
        foreach (var (k, v) in field.TypeParams)
            if (!target.Any(p => p.Key == k)) target.Add(new KeyValuePair { Key = k, Value = v });
    }

    /// <summary>pymilvus <c>get_struct_array_field_schema</c>: sub-fields as ARRAY / ArrayOfVector of their type, each with the struct's max_capacity.</summary>
    public static Proto.StructArrayFieldSchema ToStructProto(FieldSchema field)
    {
        var structSchema = field.StructSchema!;
        if (field.MaxCapacity is null) throw new ParamError($"max_capacity not set for struct field: {field.Name}");
        structSchema.Check(field.Name);
        var proto = new Proto.StructArrayFieldSchema
        {
            FieldID = field.FieldId, Name = field.Name,
            Description = string.IsNullOrEmpty(structSchema.Description) ? field.Description : structSchema.Description,
        };
        if (field.MmapEnabled is { } mmap) proto.TypeParams.Add(new KeyValuePair { Key = "mmap.enabled", Value = mmap ? "true" : "false" });
        if (field.Warmup is { } warmup) proto.TypeParams.Add(new KeyValuePair { Key = "warmup", Value = warmup });
        foreach (var sub in structSchema.Fields)
        {
            var isVector = IsVector(sub.DataType);
            proto.Fields.Add(ToProto(new FieldSchema(sub.Name, isVector ? DataType.ArrayOfVector : DataType.Array, sub.Description)
            {
                FieldId = sub.FieldId, ElementType = sub.DataType, Dim = sub.Dim, MaxLength = sub.MaxLength, MaxCapacity = field.MaxCapacity,
                Nullable = structSchema.Nullable,
            }));
        }
        return proto;
    }

    public static Proto.FunctionSchema ToProto(FunctionSchema function)
    {
        var proto = new Proto.FunctionSchema
        {
            Name = function.Name,
            Id = function.Id,
            Description = function.Description,
            Type = (Proto.FunctionType)(int)function.FunctionType,
        };
        proto.InputFieldNames.AddRange(function.InputFieldNames);
        proto.OutputFieldNames.AddRange(function.OutputFieldNames);
        foreach (var (k, v) in function.Params)
            proto.Params.Add(new KeyValuePair { Key = k, Value = FunctionParamText(v) });
        return proto;
    }

    /// <summary>Function params: scalars <c>str()</c>, dicts and lists JSON.</summary>
    public static string FunctionParamText(object? value) => value is System.Collections.IDictionary or System.Collections.IList
        ? ValueCoercion.JsonStr(value)
        : ValueCoercion.PythonStr(value);

    public static Proto.ValueField ToValueField(FieldSchema field, object value)
    {
        var name = field.Name;
        DataNotMatchException Bad() => new(ExceptionMessages.FieldDataInconsistent(name, ExceptionMessages.TypeName(field.DataType), value));
        switch (field.DataType)
        {
            case DataType.Bool:
                return ValueCoercion.TryBool(value, out var b) ? new Proto.ValueField { BoolData = b } : throw Bad();
            case DataType.Int8 or DataType.Int16 or DataType.Int32:
                return ValueCoercion.TryLong(value, out var i) ? new Proto.ValueField { IntData = checked((int)i) } : throw Bad();
            case DataType.Int64:
                return ValueCoercion.TryLong(value, out var l) ? new Proto.ValueField { LongData = l } : throw Bad();
            case DataType.Float:
                return ValueCoercion.TryDouble(value, out var f) ? new Proto.ValueField { FloatData = (float)f } : throw Bad();
            case DataType.Double:
                return ValueCoercion.TryDouble(value, out var d) ? new Proto.ValueField { DoubleData = d } : throw Bad();
            case DataType.Timestamptz:
                return ValueCoercion.TryTimestamptz(value, out var t) ? new Proto.ValueField { StringData = t } : throw Bad();
            case DataType.VarChar or DataType.String or DataType.Text or DataType.Geometry:
                return ValueCoercion.TryString(value, out var s) ? new Proto.ValueField { StringData = s } : throw Bad();
            case DataType.Json:
                return new Proto.ValueField { BytesData = Google.Protobuf.ByteString.CopyFrom(ValueCoercion.ToJsonBytes(value, name)) };
            default:
                throw new ParamError($"Default value is not supported for field {name} of type {field.DataType}");
        }
    }

    public static object? FromValueField(Proto.ValueField value) => value.DataCase switch
    {
        Proto.ValueField.DataOneofCase.BoolData => value.BoolData,
        Proto.ValueField.DataOneofCase.IntData => value.IntData,
        Proto.ValueField.DataOneofCase.LongData => value.LongData,
        Proto.ValueField.DataOneofCase.FloatData => value.FloatData,
        Proto.ValueField.DataOneofCase.DoubleData => value.DoubleData,
        Proto.ValueField.DataOneofCase.StringData => value.StringData,
        Proto.ValueField.DataOneofCase.BytesData => value.BytesData.ToByteArray(),
        Proto.ValueField.DataOneofCase.TimestamptzData => value.TimestamptzData,
        _ => null,
    };

    public static FieldSchema FromProto(Proto.FieldSchema proto)
    {
        var field = new FieldSchema(proto.Name, (DataType)(int)proto.DataType, proto.Description)
        {
            FieldId = proto.FieldID,
            IsPrimary = proto.IsPrimaryKey,
            AutoId = proto.AutoID,
            IsPartitionKey = proto.IsPartitionKey,
            IsClusteringKey = proto.IsClusteringKey,
            Nullable = proto.Nullable,
            ElementType = (DataType)(int)proto.ElementType,
            IsDynamic = proto.IsDynamic,
            IsFunctionOutput = proto.IsFunctionOutput,
        };
        if (proto.DefaultValue is { } dv && dv.DataCase != Proto.ValueField.DataOneofCase.None) field.DefaultValue = FromValueField(dv);
        foreach (var p in proto.TypeParams) ApplyTypeParam(field, p.Key, p.Value);
        return field;
    }

    private static void ApplyTypeParam(FieldSchema field, string key, string value)
    {
        switch (key)
        {
            case "dim" when int.TryParse(value, out var dim): field.Dim = dim; break;
            case "max_length" when int.TryParse(value, out var ml): field.MaxLength = ml; break;
            case "max_capacity" when int.TryParse(value, out var mc): field.MaxCapacity = mc; break;
            case "enable_match" when bool.TryParse(value, out var em): field.EnableMatch = em; break;
            case "enable_analyzer" when bool.TryParse(value, out var ea): field.EnableAnalyzer = ea; break;
            case "mmap.enabled" when bool.TryParse(value, out var mm): field.MmapEnabled = mm; break;
            case "analyzer_params": field.AnalyzerParams = ParseObject(value); break;
            case "multi_analyzer_params": field.MultiAnalyzerParams = ParseObject(value); break;
            case "warmup": field.Warmup = value; break;
            default: field.TypeParams[key] = value; break;
        }
    }

    private static IDictionary<string, object?>? ParseObject(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
                : null;
        }
        catch (JsonException) { return null; }
    }

    public static FieldSchema FromStructProto(Proto.StructArrayFieldSchema proto)
    {
        var structSchema = new StructFieldSchema(description: proto.Description);
        int? capacity = null;
        foreach (var p in proto.TypeParams)
            if (p.Key == "max_capacity" && int.TryParse(p.Value, out var c)) capacity = c;
        foreach (var sub in proto.Fields)
        {
            var converted = FromProto(sub);
            capacity ??= converted.MaxCapacity;
            structSchema.Fields.Add(new FieldSchema(sub.Name, converted.ElementType, sub.Description)
            {
                FieldId = sub.FieldID, Dim = converted.Dim, MaxLength = converted.MaxLength,
            });
        }
        return new FieldSchema(proto.Name, DataType.Array, proto.Description)
        {
            FieldId = proto.FieldID, ElementType = DataType.Struct, MaxCapacity = capacity, StructSchema = structSchema,
            Nullable = proto.Nullable,
        };
    }

    public static FunctionSchema FromProto(Proto.FunctionSchema proto)
    {
        var function = new FunctionSchema(proto.Name, (FunctionType)(int)proto.Type, proto.InputFieldNames, proto.OutputFieldNames, proto.Description)
        {
            Id = proto.Id,
        };
        foreach (var p in proto.Params) function.Params[p.Key] = p.Value;
        return function;
    }

    public static CollectionSchema FromProto(Proto.CollectionSchema proto)
    {
        var schema = new CollectionSchema
        {
            Description = proto.Description,
            EnableDynamicField = proto.EnableDynamicField,
            EnableNamespace = proto.EnableNamespace,
        };
        // The server lists the dynamic "$meta" field; pymilvus's schema view leaves it out (enable_dynamic_field says it).
        foreach (var f in proto.Fields.Where(f => !f.IsDynamic)) schema.Fields.Add(FromProto(f));
        foreach (var s in proto.StructArrayFields) schema.Fields.Add(FromStructProto(s));
        foreach (var fn in proto.Functions) schema.Functions.Add(FromProto(fn));
        schema.AutoId = schema.PrimaryFieldSchema?.AutoId ?? proto.AutoID;
        return schema;
    }

    public static bool IsVector(DataType type) => type is DataType.FloatVector or DataType.BinaryVector or DataType.Float16Vector
        or DataType.BFloat16Vector or DataType.SparseFloatVector or DataType.Int8Vector;
}
