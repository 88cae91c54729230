namespace Milvus.Client;

/// <summary>
/// One field of a collection schema (pymilvus <c>FieldSchema</c>; <c>create_field_schema</c> /
/// <c>CollectionSchema.add_field</c>). Properties map one-to-one to pymilvus's keyword options.
/// </summary>
public sealed class FieldSchema
{
    public FieldSchema(string name, DataType dataType, string description = "")
    {
        Name = name;
        DataType = dataType;
        Description = description;
    }

    public string Name { get; set; }
    public DataType DataType { get; set; }
    public string Description { get; set; }
    /// <summary>Server-assigned field id (0 until described).</summary>
    public long FieldId { get; set; }
    public bool IsPrimary { get; set; }
    public bool AutoId { get; set; }
    /// <summary>VARCHAR maximum length in characters.</summary>
    public int? MaxLength { get; set; }
    /// <summary>Vector dimension.</summary>
    public int? Dim { get; set; }
    /// <summary>Element type of an ARRAY field.</summary>
    public DataType ElementType { get; set; }
    /// <summary>Maximum element count of an ARRAY field.</summary>
    public int? MaxCapacity { get; set; }
    public bool Nullable { get; set; }
    /// <summary>Default value; <see cref="HasDefaultValue"/> tells whether one is set.</summary>
    public object? DefaultValue { get => _defaultValue; set { _defaultValue = value; HasDefaultValue = value is not null; } }
    public bool HasDefaultValue { get; set; }
    public bool IsPartitionKey { get; set; }
    public bool IsClusteringKey { get; set; }
    public bool IsDynamic { get; set; }
    public bool IsFunctionOutput { get; set; }
    public bool? EnableAnalyzer { get; set; }
    public bool? EnableMatch { get; set; }
    /// <summary>Analyzer settings (sent as JSON).</summary>
    public IDictionary<string, object?>? AnalyzerParams { get; set; }
    /// <summary>Multi-language analyzer settings (sent as JSON).</summary>
    public IDictionary<string, object?>? MultiAnalyzerParams { get; set; }
    /// <summary>Sent as type param <c>mmap.enabled</c>.</summary>
    public bool? MmapEnabled { get; set; }
    public string? Warmup { get; set; }
    /// <summary>Sub-fields of an ARRAY of STRUCT field.</summary>
    public StructFieldSchema? StructSchema { get; set; }
    /// <summary>Any other type params reported by the server or to be sent as-is.</summary>
    public IDictionary<string, string> TypeParams { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    private object? _defaultValue;

    public override string ToString() => $"{Name} ({DataType})";
}

/// <summary>Sub-fields of an array-of-struct field (pymilvus <c>StructFieldSchema</c>, <c>create_struct_field_schema</c>).</summary>
public sealed class StructFieldSchema
{
    public StructFieldSchema(bool nullable = false, string description = "")
    {
        Nullable = nullable;
        Description = description;
    }

    public List<FieldSchema> Fields { get; } = new();

    /// <summary>A nullable struct field takes null rows (Milvus 3.0; the flag covers every sub-field).</summary>
    public bool Nullable { get; set; }

    public string Description { get; set; }

    /// <summary>Adds a sub-field (pymilvus <c>StructFieldSchema.add_field</c>): a scalar or a fixed-dimension vector.</summary>
    public StructFieldSchema AddField(string name, DataType dataType, int? dim = null, int? maxLength = null, string description = "")
        => AddField(new FieldSchema(name, dataType, description) { Dim = dim, MaxLength = maxLength });

    /// <summary>Adds a prepared sub-field.</summary>
    public StructFieldSchema AddField(FieldSchema field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.DataType is DataType.Array or DataType.ArrayOfVector or DataType.Struct or DataType.ArrayOfStruct)
            throw new ParamError("Struct field schema does not support Array, ArrayOfVector or Struct");
        Fields.Add(field);
        return this;
    }

    /// <summary>pymilvus <c>_check_fields</c>, run when the schema is sent.</summary>
    internal void Check(string structName)
    {
        if (Fields.Count == 0) throw new ParamError("Struct field must have at least one field");
        foreach (var f in Fields)
        {
            var problem = f.IsPrimary ? "cannot be primary key"
                : f.IsPartitionKey ? "cannot be partition key"
                : f.IsClusteringKey ? "cannot be clustering key"
                : f.IsDynamic ? "cannot be dynamic field"
                : f.Nullable ? "cannot be nullable individually, set nullable on the struct instead"
                : f.AutoId ? "cannot have auto_id"
                : f.HasDefaultValue && f.DefaultValue is not null ? "cannot have default value"
                : null;
            if (problem is not null) throw new ParamError($"Field '{f.Name}' in struct '{structName}' {problem}");
        }
        var duplicates = Fields.GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").ToList();
        if (duplicates.Count > 0) throw new ParamError($"Duplicate field names in struct '{structName}': {{{string.Join(", ", duplicates)}}}");
    }
}

/// <summary>A schema function (pymilvus <c>Function</c>): BM25, text embedding, rerank or MinHash.</summary>
public sealed class FunctionSchema
{
    public FunctionSchema(string name, FunctionType functionType, IEnumerable<string> inputFieldNames,
        IEnumerable<string>? outputFieldNames = null, string description = "", IDictionary<string, object?>? parameters = null)
    {
        Name = name;
        FunctionType = functionType;
        InputFieldNames = inputFieldNames.ToList();
        OutputFieldNames = outputFieldNames?.ToList() ?? new List<string>();
        Description = description;
        Params = parameters is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(parameters);
    }

    public string Name { get; set; }
    public FunctionType FunctionType { get; set; }
    public List<string> InputFieldNames { get; }
    public List<string> OutputFieldNames { get; }
    public string Description { get; set; }
    public Dictionary<string, object?> Params { get; }
    /// <summary>Server-assigned id (0 until described).</summary>
    public long Id { get; set; }

    public override string ToString() => $"{Name} ({FunctionType})";
}
