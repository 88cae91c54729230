using System.Reflection;
using Google.Protobuf.Reflection;

namespace Milvus.Local.Catalog;

/// <summary>
/// A protocol enum value (a data type, a placeholder type) as Milvus names it in its messages (schemapb's DataType_name:
/// "BFloat16Vector", "JSON"), which is the .proto spelling, not the C# enum member's ("Bfloat16Vector", "Json").
/// </summary>
internal static class MilvusTypeNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();
}
