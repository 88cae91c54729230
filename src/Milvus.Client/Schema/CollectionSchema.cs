namespace Milvus.Client;

/// <summary>
/// A collection schema (pymilvus <c>CollectionSchema</c>, built by <c>create_schema</c> and <c>add_field</c>).
/// Field checks happen when the collection is created, as in pymilvus.
/// </summary>
public sealed class CollectionSchema
{
    public bool AutoId { get; set; }
    public bool EnableDynamicField { get; set; }
    public string Description { get; set; } = "";
    public bool EnableNamespace { get; set; }
    /// <summary>Name of the primary field given to <c>create_schema</c> (marks that field primary when added).</summary>
    public string? PrimaryField { get; set; }
    public string? PartitionKeyField { get; set; }
    public string? ClusteringKeyField { get; set; }
    public List<FieldSchema> Fields { get; } = new();
    public List<FunctionSchema> Functions { get; } = new();

    /// <summary>Adds a field (pymilvus <c>CollectionSchema.add_field(field_name, datatype, **kw)</c>).</summary>
    public CollectionSchema AddField(
        string name,
        DataType dataType,
        bool isPrimary = false,
        bool autoId = false,
        int? maxLength = null,
        int? dim = null,
        DataType elementType = DataType.None,
        int? maxCapacity = null,
        bool nullable = false,
        object? defaultValue = null,
        bool isPartitionKey = false,
        bool isClusteringKey = false,
        bool? enableAnalyzer = null,
        bool? enableMatch = null,
        IDictionary<string, object?>? analyzerParams = null,
        IDictionary<string, object?>? multiAnalyzerParams = null,
        bool? mmapEnabled = null,
        string? warmup = null,
        StructFieldSchema? structSchema = null,
        string description = "")
    {
        var field = new FieldSchema(name, dataType, description)
        {
            IsPrimary = isPrimary || string.Equals(PrimaryField, name, StringComparison.Ordinal),
            AutoId = autoId,
            MaxLength = maxLength,
            Dim = dim,
            ElementType = elementType,
            MaxCapacity = maxCapacity,
            Nullable = nullable,
            DefaultValue = defaultValue,
            IsPartitionKey = isPartitionKey || string.Equals(PartitionKeyField, name, StringComparison.Ordinal),
            IsClusteringKey = isClusteringKey || string.Equals(ClusteringKeyField, name, StringComparison.Ordinal),
            EnableAnalyzer = enableAnalyzer,
            EnableMatch = enableMatch,
            AnalyzerParams = analyzerParams,
            MultiAnalyzerParams = multiAnalyzerParams,
            MmapEnabled = mmapEnabled,
            Warmup = warmup,
            StructSchema = structSchema,
        };
        return AddField(field);
    }

    /// <summary>Adds a prepared field.</summary>
    public CollectionSchema AddField(FieldSchema field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.IsPrimary && AutoId) field.AutoId = true;
        if (field.DataType == DataType.Array && field.ElementType == DataType.Struct)
        {
            // pymilvus add_field(datatype=ARRAY, element_type=STRUCT, struct_schema=..., max_capacity=...).
            if (field.StructSchema is null) throw new ParamError("Param struct_schema is required when datatype is STRUCT");
            if (field.MaxCapacity is null) throw new ParamError("Param max_capacity is required when datatype is STRUCT");
        }
        Fields.Add(field);
        return this;
    }

    /// <summary>Adds a function (pymilvus <c>CollectionSchema.add_function</c>).</summary>
    public CollectionSchema AddFunction(FunctionSchema function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Functions.Add(function);
        return this;
    }

    /// <summary>The primary field, if one is marked.</summary>
    public FieldSchema? PrimaryFieldSchema => Fields.FirstOrDefault(f => f.IsPrimary);
}
