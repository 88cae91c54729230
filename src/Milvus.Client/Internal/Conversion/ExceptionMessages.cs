namespace Milvus.Client.Internal.Conversion;

/// <summary>pymilvus's <c>ExceptionsMessage</c> texts used by the client-side checks.</summary>
internal static class ExceptionMessages
{
    public const string DataTypeInconsistent = "The Input data type is inconsistent with defined schema, please check it.";
    public const string FieldsNumInconsistent = "The data fields number is not match with schema.";
    public const string NoPrimaryKey = "Schema must have a primary key field.";
    public const string PrimaryKeyType = "Primary key type must be DataType.INT64 or DataType.VARCHAR.";
    public const string AutoIdOnlyOnPk = "The auto_id can only be specified on the primary key field";
    public const string AutoIdFieldType = "The auto_id can only be specified on field with DataType.INT64 and DataType.VARCHAR.";
    public const string PartitionKeyType = "Partition key field type must be DataType.INT64 or DataType.VARCHAR.";
    public const string PartitionKeyNotPrimary = "Partition key field should not be primary field";
    public const string AmbiguousDeleteFilterParam = "Ambiguous filter parameter, only one deletion condition can be specified.";
    public const string AmbiguousQueryFilterParam = "Ambiguous parameter, either ids or filter should be specified, cannot support both.";
    public const string JsonKeyMustBeStr = "JSON key must be str.";

    public static string FieldDataInconsistent(string field, string expected, object? got)
        => $"The Input data type is inconsistent with defined schema, {{{field}}} field should be a {expected}, but got a {{{DescribeType(got)}}} instead.";

    public static string InsertUnexpectedField(string field)
        => $"Attempt to insert an unexpected field `{field}` to collection without enabling dynamic field";

    public static string InsertMissedField(string field)
        => $"Insert missed an field `{field}` to collection without set nullable==true or set default_value";

    public static string PrimaryKeyOnlyOne(string first, string second)
        => $"Expected only one primary key field, got [{first}, {second}, ...].";

    public static string PartitionKeyOnlyOne(string first, string second)
        => $"Expected only one partition key field, got [{first}, {second}, ...].";

    public static string ClusteringKeyOnlyOne(string first, string second)
        => $"Expected only one clustering key field, got [{first}, {second}, ...].";

    public static string StringTooLong(string field, int length, int max)
        => $"invalid input of field ({field}), length of string exceeds max length. length: {length}, max length: {max}";

    public static string DescribeType(object? value) => value is null ? "null" : value.GetType().Name;

    /// <summary>pymilvus lower-case type names (int64, float_vector...).</summary>
    public static string TypeName(DataType type) => type switch
    {
        DataType.VarChar => "varchar",
        DataType.Json => "json",
        DataType.BinaryVector => "binary_vector",
        DataType.FloatVector => "float_vector",
        DataType.Float16Vector => "float16_vector",
        DataType.BFloat16Vector => "bfloat16_vector",
        DataType.SparseFloatVector => "sparse_float_vector",
        DataType.Int8Vector => "int8_vector",
        _ => type.ToString().ToLowerInvariant(),
    };
}
