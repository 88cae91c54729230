namespace Milvus.Client.Internal.Conversion;

/// <summary>pymilvus's client-side schema checks before CreateCollection.</summary>
internal static class SchemaValidator
{
    public static void Validate(CollectionSchema schema)
    {
        if (schema.Fields.Count == 0) throw new SchemaNotReadyException("The field of the schema cannot be empty.");
        var primaries = schema.Fields.Where(f => f.IsPrimary).ToList();
        if (primaries.Count == 0) throw new PrimaryKeyException(ExceptionMessages.NoPrimaryKey);
        if (primaries.Count > 1) throw new PrimaryKeyException(ExceptionMessages.PrimaryKeyOnlyOne(primaries[0].Name, primaries[1].Name));
        var primary = primaries[0];
        if (primary.DataType is not (DataType.Int64 or DataType.VarChar)) throw new PrimaryKeyException(ExceptionMessages.PrimaryKeyType);
        if (schema.Fields.Any(f => f.AutoId && !f.IsPrimary)) throw new AutoIDException(ExceptionMessages.AutoIdOnlyOnPk);

        var partitionKeys = schema.Fields.Where(f => f.IsPartitionKey).ToList();
        if (partitionKeys.Count > 1) throw new PartitionKeyException(ExceptionMessages.PartitionKeyOnlyOne(partitionKeys[0].Name, partitionKeys[1].Name));
        if (partitionKeys.Count == 1)
        {
            if (partitionKeys[0].IsPrimary) throw new PartitionKeyException(ExceptionMessages.PartitionKeyNotPrimary);
            if (partitionKeys[0].DataType is not (DataType.Int64 or DataType.VarChar)) throw new PartitionKeyException(ExceptionMessages.PartitionKeyType);
        }
        var clusteringKeys = schema.Fields.Where(f => f.IsClusteringKey).ToList();
        if (clusteringKeys.Count > 1) throw new ClusteringKeyException(ExceptionMessages.ClusteringKeyOnlyOne(clusteringKeys[0].Name, clusteringKeys[1].Name));

        foreach (var field in schema.Fields)
        {
            if (field.HasDefaultValue && field.DefaultValue is not null) SchemaConverter.ToValueField(field, field.DefaultValue);
        }
        foreach (var function in schema.Functions) ValidateFunction(schema, function);
    }

    private static void ValidateFunction(CollectionSchema schema, FunctionSchema function)
    {
        if (function.FunctionType != FunctionType.BM25) return;
        if (function.InputFieldNames.Count != 1 || function.OutputFieldNames.Count != 1)
            throw new ParamError($"BM25 function {function.Name} needs exactly one input and one output field");
        var input = schema.Fields.FirstOrDefault(f => f.Name == function.InputFieldNames[0])
            ?? throw new ParamError($"The input field {function.InputFieldNames[0]} of function {function.Name} is not in the schema");
        var output = schema.Fields.FirstOrDefault(f => f.Name == function.OutputFieldNames[0])
            ?? throw new ParamError($"The output field {function.OutputFieldNames[0]} of function {function.Name} is not in the schema");
        if (input.DataType != DataType.VarChar) throw new ParamError($"BM25 function input field {input.Name} must be VARCHAR");
        if (output.DataType != DataType.SparseFloatVector) throw new ParamError($"BM25 function output field {output.Name} must be SPARSE_FLOAT_VECTOR");
        output.IsFunctionOutput = true;
    }
}
