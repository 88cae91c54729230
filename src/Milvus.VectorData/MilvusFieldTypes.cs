using Microsoft.Extensions.AI;
using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>Which .NET property types map to which Milvus field types (keys, data and vectors).</summary>
internal static class MilvusFieldTypes
{
    /// <summary>VARCHAR length for string keys and data: Milvus's maximum.</summary>
    public const int MaxVarCharLength = 65535;

    /// <summary>Guids are stored as their 36-character "D" text.</summary>
    public const int GuidLength = 36;

    /// <summary>ARRAY max_capacity: the largest Milvus accepts.</summary>
    public const int MaxArrayCapacity = 4096;

    private static readonly Dictionary<Type, DataType> Scalars = new()
    {
        [typeof(bool)] = DataType.Bool,
        [typeof(sbyte)] = DataType.Int8,
        [typeof(short)] = DataType.Int16,
        [typeof(int)] = DataType.Int32,
        [typeof(long)] = DataType.Int64,
        [typeof(float)] = DataType.Float,
        [typeof(double)] = DataType.Double,
        [typeof(string)] = DataType.VarChar,
        [typeof(Guid)] = DataType.VarChar,
        // Milvus TIMESTAMPTZ stores UTC instants (microseconds): read back in UTC.
        [typeof(DateTimeOffset)] = DataType.Timestamptz,
        [typeof(DateTime)] = DataType.Timestamptz,
    };

    public const string SupportedKeyTypes = "long, string, Guid";

    public static readonly string SupportedDataTypes =
        string.Join(", ", Scalars.Keys.Select(t => t.Name)) + ", and arrays or List<T> of these (except Guid, DateTime and DateTimeOffset)";

    public const string SupportedVectorTypes = "ReadOnlyMemory<float>, float[], Embedding<float>, ReadOnlyMemory<Half>, Half[]";

    public static bool IsKeyType(Type type) => type == typeof(long) || type == typeof(string) || type == typeof(Guid);

    public static DataType KeyDataType(Type type) => type == typeof(long) ? DataType.Int64 : DataType.VarChar;

    /// <summary>The Milvus type of a scalar data property (nullable value types unwrapped).</summary>
    public static bool TryGetScalar(Type type, out DataType dataType)
        => Scalars.TryGetValue(Nullable.GetUnderlyingType(type) ?? type, out dataType);

    /// <summary>The element type of an array or List&lt;T&gt; data property (stored as a Milvus ARRAY).</summary>
    public static bool TryGetArrayElement(Type type, out Type elementType, out DataType dataType)
    {
        elementType = type.IsArray ? type.GetElementType()!
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GenericTypeArguments[0]
            : typeof(void);
        dataType = DataType.None;
        return elementType != typeof(Guid) && elementType != typeof(sbyte) && Scalars.TryGetValue(elementType, out dataType)
            && dataType != DataType.Timestamptz;
    }

    /// <summary>
    /// A date and time as the UTC instant Milvus stores: a DateTimeOffset's instant, a UTC or local DateTime converted,
    /// an unspecified-kind DateTime taken as UTC (so what is written is what a filter on it compares and a read returns).
    /// </summary>
    public static DateTimeOffset ToUtcInstant(object value) => value switch
    {
        DateTimeOffset dto => dto.ToUniversalTime(),
        DateTime { Kind: DateTimeKind.Unspecified } naive => new DateTimeOffset(naive, TimeSpan.Zero),
        DateTime dateTime => new DateTimeOffset(dateTime.ToUniversalTime(), TimeSpan.Zero),
        _ => throw new ArgumentException($"{value.GetType().Name} is not a date and time.", nameof(value)),
    };

    public static bool IsDataType(Type type) => TryGetScalar(type, out _) || TryGetArrayElement(type, out _, out _);

    /// <summary>FLOAT_VECTOR for float embeddings, FLOAT16_VECTOR for Half embeddings.</summary>
    public static bool TryGetVector(Type type, out DataType dataType)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        dataType = type == typeof(ReadOnlyMemory<float>) || type == typeof(float[]) || type == typeof(Embedding<float>) ? DataType.FloatVector
            : type == typeof(ReadOnlyMemory<Half>) || type == typeof(Half[]) ? DataType.Float16Vector
            : DataType.None;
        return dataType != DataType.None;
    }
}
