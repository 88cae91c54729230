using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Internal;

/// <summary>Builds the module's output objects from the client's results, and client schemas from the module's objects.</summary>
internal static class ModelMapper
{
    public static MilvusFieldInfo ToFieldInfo(FieldSchema field, string collectionName) => new()
    {
        CollectionName = collectionName,
        Name = field.Name,
        FieldType = field.DataType,
        IsPrimaryKey = field.IsPrimary,
        AutoId = field.AutoId,
        Dimension = field.Dim,
        MaxLength = field.MaxLength,
        ElementFieldType = field.ElementType == DataType.None ? null : field.ElementType,
        MaxCapacity = field.MaxCapacity,
        Nullable = field.Nullable,
        DefaultValue = field.DefaultValue,
        IsPartitionKey = field.IsPartitionKey,
        IsClusteringKey = field.IsClusteringKey,
        IsDynamic = field.IsDynamic,
        IsFunctionOutput = field.IsFunctionOutput,
        EnableAnalyzer = field.EnableAnalyzer,
        EnableMatch = field.EnableMatch,
        AnalyzerParams = field.AnalyzerParams is null ? null : PropertyConversion.ToHashtable(field.AnalyzerParams),
        MmapEnabled = field.MmapEnabled,
        Description = field.Description,
        Id = field.FieldId,
        StructFields = field.StructSchema?.Fields.Select(f => ToFieldInfo(f, collectionName)).ToArray(),
    };

    public static FieldSchema ToFieldSchema(MilvusFieldInfo field) => new(field.Name, field.FieldType, field.Description ?? string.Empty)
    {
        IsPrimary = field.IsPrimaryKey,
        AutoId = field.AutoId,
        Dim = field.Dimension,
        MaxLength = field.MaxLength,
        ElementType = field.ElementFieldType ?? DataType.None,
        MaxCapacity = field.MaxCapacity,
        Nullable = field.Nullable,
        DefaultValue = PropertyConversion.Unwrap(field.DefaultValue),
        IsPartitionKey = field.IsPartitionKey,
        IsClusteringKey = field.IsClusteringKey,
        EnableAnalyzer = field.EnableAnalyzer,
        EnableMatch = field.EnableMatch,
        AnalyzerParams = field.AnalyzerParams is null ? null : PropertyConversion.ToDictionary(field.AnalyzerParams),
        MmapEnabled = field.MmapEnabled,
        StructSchema = ToStructSchema(field),
    };

    private static StructFieldSchema? ToStructSchema(MilvusFieldInfo field)
    {
        if (field.StructFields is null) return null;
        var structSchema = AsyncMilvusClient.CreateStructFieldSchema();
        foreach (MilvusFieldInfo sub in field.StructFields) structSchema.AddField(ToFieldSchema(sub));
        return structSchema;
    }

    public static CollectionSchema ToCollectionSchema(IEnumerable<MilvusFieldInfo> fields, IEnumerable<MilvusFunctionInfo>? functions,
        bool autoId, bool enableDynamicField, string description)
    {
        CollectionSchema schema = AsyncMilvusClient.CreateSchema(autoId, enableDynamicField, description);
        foreach (MilvusFieldInfo field in fields)
        {
            schema.AddField(ToFieldSchema(field));
        }

        foreach (MilvusFunctionInfo function in functions ?? [])
        {
            schema.AddFunction(ToFunctionSchema(function));
        }

        return schema;
    }

    public static FunctionSchema ToFunctionSchema(MilvusFunctionInfo function) => new(function.Name, function.Kind,
        function.InputField, function.OutputField, function.Description ?? string.Empty, PropertyConversion.ToDictionary(function.Parameters));

    public static MilvusFunctionInfo ToFunctionInfo(FunctionSchema function, string collectionName) => new()
    {
        CollectionName = collectionName,
        Name = function.Name,
        Kind = function.FunctionType,
        InputField = function.InputFieldNames.ToArray(),
        OutputField = function.OutputFieldNames.ToArray(),
        Parameters = PropertyConversion.ToHashtable(function.Params),
        Description = function.Description,
    };

    public static MilvusCollectionInfo ToCollectionInfo(CollectionDescription description, LoadStateInfo? loadState)
    {
        // The dynamic field ($meta) is an implementation detail; EnableDynamicField reports it, as pymilvus does.
        MilvusFieldInfo[] fields = description.Fields.Where(f => !f.IsDynamic).Select(f => ToFieldInfo(f, description.CollectionName)).ToArray();
        return new MilvusCollectionInfo
        {
            Name = description.CollectionName,
            DatabaseName = description.DbName,
            Id = description.CollectionId,
            Description = description.Description,
            Fields = fields,
            Functions = description.Functions.Select(f => ToFunctionInfo(f, description.CollectionName)).ToArray(),
            PrimaryField = fields.FirstOrDefault(f => f.IsPrimaryKey)?.Name,
            VectorFields = fields.Where(f => f.IsVector).Select(f => f.Name).ToArray(),
            AutoId = description.AutoId,
            EnableDynamicField = description.EnableDynamicField,
            ShardsNum = description.NumShards,
            PartitionsNum = description.NumPartitions,
            ConsistencyLevel = description.ConsistencyLevel.ToString(),
            Aliases = description.Aliases.ToArray(),
            Properties = PropertyConversion.ToHashtable(description.Properties),
            LoadState = (loadState?.State ?? LoadState.NotExist).ToString(),
            LoadProgress = loadState?.Progress,
            CreatedAt = PropertyConversion.FromHybridTimestamp(description.CreatedTimestamp),
        };
    }

    public static MilvusIndexInfo ToIndexInfo(IndexDescription index, string collectionName)
    {
        var parameters = PropertyConversion.ToHashtable(index.Params);
        return new MilvusIndexInfo
        {
            CollectionName = collectionName,
            IndexName = index.IndexName,
            FieldName = index.FieldName,
            IndexType = index.IndexType,
            MetricType = index.MetricType,
            Parameters = parameters,
            State = index.State.ToString(),
            TotalRows = index.TotalRows,
            IndexedRows = index.IndexedRows,
            PendingIndexRows = index.PendingIndexRows,
            FailReason = index.FailReason,
            Id = index.IndexId,
        };
    }

    public static MilvusDatabaseInfo ToDatabaseInfo(DatabaseDescription database) => new()
    {
        Name = database.Name,
        DatabaseName = database.Name,
        Id = database.DbId,
        Properties = PropertyConversion.ToHashtable(database.Properties),
        CreatedAt = PropertyConversion.FromHybridTimestamp(database.CreatedTimestamp),
    };
}
