using System.Text.Json;

namespace Milvus.Local.Expressions;

internal enum DynKind { Missing, Null, Bool, Int, Float, String, Array, Object }

/// <summary>
/// One loosely typed value read from a JSON path or an ARRAY element, compared against constants the way
/// Milvus's JSON/array executors do: numbers compare across int/float, other kinds only with their own kind.
/// </summary>
internal readonly struct Dyn
{
    private readonly JsonElement _json;
    private readonly Array? _typed;
    private readonly string? _string;
    // An unescaped JSON string is kept as its UTF-8 bytes in the row: compared without building a string.
    private readonly ReadOnlyMemory<byte> _utf8;

    private Dyn(DynKind kind, long i = 0, double d = 0, string? s = null, bool b = false, JsonElement json = default,
        Array? typed = null, ReadOnlyMemory<byte> utf8 = default)
    {
        _utf8 = utf8;
        Kind = kind;
        Int = i;
        Float = d;
        _string = s;
        Bool = b;
        _json = json;
        _typed = typed;
    }

    public DynKind Kind { get; }
    public long Int { get; }
    public double Float { get; }
    /// <summary>The string value (decoded on demand when it was read as raw UTF-8).</summary>
    public string? String => _string ?? (Kind == DynKind.String ? System.Text.Encoding.UTF8.GetString(_utf8.Span) : null);
    public bool Bool { get; }

    public static readonly Dyn Missing = new(DynKind.Missing);

    public static readonly Dyn Null = new(DynKind.Null);

    public static Dyn Of(long value) => new(DynKind.Int, i: value);

    public static Dyn Of(double value) => new(DynKind.Float, d: value);

    public static Dyn Of(string value) => new(DynKind.String, s: value);

    public static Dyn OfUtf8(ReadOnlyMemory<byte> utf8) => new(DynKind.String, utf8: utf8);

    public static Dyn Of(bool value) => new(DynKind.Bool, b: value);

    public bool IsNumber => Kind is DynKind.Int or DynKind.Float;

    public double AsDouble => Kind == DynKind.Int ? Int : Float;

    public static Dyn FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetInt64(out var l) ? new Dyn(DynKind.Int, i: l) : new Dyn(DynKind.Float, d: e.GetDouble()),
        JsonValueKind.String => new Dyn(DynKind.String, s: e.GetString()),
        JsonValueKind.True => new Dyn(DynKind.Bool, b: true),
        JsonValueKind.False => new Dyn(DynKind.Bool, b: false),
        JsonValueKind.Array => new Dyn(DynKind.Array, json: e),
        JsonValueKind.Object => new Dyn(DynKind.Object, json: e),
        JsonValueKind.Null => new Dyn(DynKind.Null),
        _ => Missing,
    };

    public static Dyn FromTypedArray(Array array) => new(DynKind.Array, typed: array);

    public static Dyn Element(Array array, int index) => array switch
    {
        long[] l => new Dyn(DynKind.Int, i: l[index]),
        double[] d => new Dyn(DynKind.Float, d: d[index]),
        float[] f => new Dyn(DynKind.Float, d: f[index]),
        bool[] b => new Dyn(DynKind.Bool, b: b[index]),
        string[] s => new Dyn(DynKind.String, s: s[index]),
        int[] n => new Dyn(DynKind.Int, i: n[index]),
        _ => Missing,
    };

    public int Length => Kind != DynKind.Array ? 0 : _typed?.Length ?? _json.GetArrayLength();

    public IEnumerable<Dyn> Items()
    {
        if (Kind != DynKind.Array) yield break;
        if (_typed is not null)
        {
            for (var i = 0; i < _typed.Length; i++) yield return Element(_typed, i);
            yield break;
        }
        foreach (var item in _json.EnumerateArray()) yield return FromJson(item);
    }

    /// <summary>Follows one path step: an object key, or an integer index into an array.</summary>
    public Dyn Step(string segment)
    {
        if (Kind == DynKind.Object)
            return _json.TryGetProperty(segment, out var child) ? FromJson(child) : Missing;
        if (Kind == DynKind.Array && int.TryParse(segment, out var index) && index >= 0 && index < Length)
            return _typed is not null ? Element(_typed, index) : FromJson(_json[index]);
        return Missing;
    }

    /// <summary>Milvus equality between a stored value and a constant (1 == 1.0; arrays element-wise).</summary>
    public bool EqualsConst(ConstValue value)
    {
        switch (value.Kind)
        {
            case ConstKind.Int:
                return Kind == DynKind.Int ? Int == value.Int : Kind == DynKind.Float && Float == value.Int;
            case ConstKind.Float:
                return IsNumber && AsDouble == value.Float;
            case ConstKind.String:
                if (Kind != DynKind.String) return false;
                return _string is null
                    ? _utf8.Span.SequenceEqual(value.Utf8)
                    : string.Equals(_string, value.String, StringComparison.Ordinal);
            case ConstKind.Bool:
                return Kind == DynKind.Bool && Bool == value.Bool;
            default:
                if (Kind != DynKind.Array || Length != value.Items.Count) return false;
                var k = 0;
                foreach (var item in Items())
                    if (!item.EqualsConst(value.Items[k++])) return false;
                return true;
        }
    }

    /// <summary>Ordering against a constant; null when the kinds cannot be ordered (a type mismatch).</summary>
    public int? CompareConst(ConstValue value)
    {
        if (value.IsNumber && IsNumber)
        {
            if (Kind == DynKind.Int && value.Kind == ConstKind.Int) return Int.CompareTo(value.Int);
            var a = AsDouble;
            var b = value.AsDouble;
            return a < b ? -1 : a > b ? 1 : a == b ? 0 : null;
        }
        // Byte-wise UTF-8 order, as Milvus compares strings.
        if (value.Kind == ConstKind.String && Kind == DynKind.String)
            return Math.Sign(_string is null
                ? _utf8.Span.SequenceCompareTo(value.Utf8)
                : ((ReadOnlySpan<byte>)System.Text.Encoding.UTF8.GetBytes(_string)).SequenceCompareTo(value.Utf8));
        if (value.Kind == ConstKind.Bool && Kind == DynKind.Bool) return Bool.CompareTo(value.Bool);
        return null;
    }

    /// <summary>Applies a comparison; a type mismatch or missing value satisfies only <c>!=</c>.</summary>
    public bool Satisfies(CompareOp op, ConstValue value)
    {
        if (op is CompareOp.Eq) return EqualsConst(value);
        if (op is CompareOp.Ne) return !EqualsConst(value);
        var c = CompareConst(value);
        if (c is null) return false;
        return op switch
        {
            CompareOp.Lt => c < 0,
            CompareOp.Le => c <= 0,
            CompareOp.Gt => c > 0,
            _ => c >= 0,
        };
    }
}
