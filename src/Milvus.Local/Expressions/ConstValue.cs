using System.Globalization;
using System.Text;

namespace Milvus.Local.Expressions;

/// <summary>The kind of a constant in a filter: Milvus's planpb.GenericValue cases.</summary>
internal enum ConstKind { Bool, Int, Float, String, Array }

/// <summary>
/// A constant value of the filter language (a literal, a folded constant or a bound template value),
/// mirroring Milvus's GenericValue: bool, int64, double, string, or an array of those.
/// </summary>
internal sealed class ConstValue
{
    private ConstValue(ConstKind kind) => Kind = kind;

    public ConstKind Kind { get; }
    public bool Bool { get; private init; }
    public long Int { get; private init; }
    public double Float { get; private init; }
    public string String { get; private init; } = "";
    public IReadOnlyList<ConstValue> Items { get; private init; } = [];

    private byte[]? _utf8;

    /// <summary>UTF-8 bytes of a string constant, for comparisons against raw JSON strings.</summary>
    public byte[] Utf8 => _utf8 ??= Encoding.UTF8.GetBytes(String);

    public static ConstValue Of(bool value) => new(ConstKind.Bool) { Bool = value };
    public static ConstValue Of(long value) => new(ConstKind.Int) { Int = value };
    public static ConstValue Of(double value) => new(ConstKind.Float) { Float = value };
    public static ConstValue Of(string value) => new(ConstKind.String) { String = value };
    public static ConstValue Array(IReadOnlyList<ConstValue> items) => new(ConstKind.Array) { Items = items };

    public bool IsNumber => Kind is ConstKind.Int or ConstKind.Float;
    public double AsDouble => Kind == ConstKind.Int ? Int : Float;

    /// <summary>The element kind when every array item has the same kind (Milvus's same_type), else null.</summary>
    public ConstKind? ElementKind
    {
        get
        {
            if (Kind != ConstKind.Array || Items.Count == 0) return null;
            var first = Items[0].Kind;
            foreach (var item in Items) if (item.Kind != first) return null;
            return first;
        }
    }

    /// <summary>The Milvus data type name of this constant (as the Go visitor reports it).</summary>
    public string TypeName => Kind switch
    {
        ConstKind.Bool => "Bool",
        ConstKind.Int => "Int64",
        ConstKind.Float => "Double",
        ConstKind.String => "VarChar",
        _ => "Array",
    };

    /// <summary>Protobuf text form, as Milvus prints a GenericValue in messages (e.g. <c>int64_val:5</c>).</summary>
    public string ProtoText() => Kind switch
    {
        ConstKind.Bool => $"bool_val:{(Bool ? "true" : "false")}",
        ConstKind.Int => $"int64_val:{Int.ToString(CultureInfo.InvariantCulture)}",
        ConstKind.Float => $"float_val:{FormatDouble(Float)}",
        ConstKind.String => $"string_val:\"{EscapeProto(String)}\"",
        _ => "array_val:{" + string.Join(" ", Items.Select(i => "array:{" + i.ProtoText() + "}")) + "}",
    };

    public override string ToString() => Kind switch
    {
        ConstKind.Bool => Bool ? "true" : "false",
        ConstKind.Int => Int.ToString(CultureInfo.InvariantCulture),
        ConstKind.Float => FormatDouble(Float),
        ConstKind.String => "\"" + String + "\"",
        _ => "[" + string.Join(",", Items) + "]",
    };

    internal static string FormatDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string EscapeProto(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            builder.Append(ch switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                _ => ch.ToString(),
            });
        }
        return builder.ToString();
    }
}
