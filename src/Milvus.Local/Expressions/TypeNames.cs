using Milvus.Protocol.Schema;

namespace Milvus.Local.Expressions;

/// <summary>Data-type predicates and the Go enum spellings Milvus prints in its messages.</summary>
internal static class TypeNames
{
    public static string Go(DataType type) => type switch
    {
        DataType.Json => "JSON",
        DataType.Bfloat16Vector => "BFloat16Vector",
        _ => type.ToString(),
    };

    public static bool IsInteger(DataType t) => t is DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64;

    public static bool IsFloating(DataType t) => t is DataType.Float or DataType.Double;

    public static bool IsArithmetic(DataType t) => IsInteger(t) || IsFloating(t);

    public static bool IsString(DataType t) => t is DataType.String or DataType.VarChar or DataType.Text;

    /// <summary>The element type of an array constant: its items' common type, or None when mixed or empty.</summary>
    public static DataType ElementTypeOf(ConstValue array) => array.ElementKind switch
    {
        ConstKind.Bool => DataType.Bool,
        ConstKind.Int => DataType.Int64,
        ConstKind.Float => DataType.Double,
        ConstKind.String => DataType.VarChar,
        ConstKind.Array => DataType.Array,
        _ => DataType.None,
    };
}
