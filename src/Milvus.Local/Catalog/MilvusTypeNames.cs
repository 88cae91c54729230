using System.Reflection;
using Google.Protobuf.Reflection;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Catalog;

/// <summary>
/// A data type as Milvus names it in its messages (schemapb's DataType_name: "BFloat16Vector", "JSON"), which is the
/// .proto spelling, not the C# enum member's ("Bfloat16Vector", "Json").
/// </summary>
internal static class MilvusTypeNames
{
    public static string Of(DataType type)
        => typeof(DataType).GetField(type.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? type.ToString();
}
