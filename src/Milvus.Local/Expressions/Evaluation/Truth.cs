using System.Numerics;
using System.Runtime.InteropServices;

namespace Milvus.Local.Expressions;

/// <summary>
/// A predicate's answer for every row in three-valued form: <see cref="True"/> where the row certainly
/// matches, <see cref="False"/> where it certainly does not; rows in neither are unknown (a null operand),
/// which never match, even under <c>not</c>.
/// </summary>
internal readonly struct Truth(bool[] isTrue, bool[] isFalse)
{
    public bool[] True { get; } = isTrue;

    public bool[] False { get; } = isFalse;

    /// <summary>From a leaf's raw result and the validity of its operand (null = every row valid).</summary>
    public static Truth FromLeaf(bool[] result, bool[]? validity)
    {
        var falses = new bool[result.Length];
        if (validity is null)
        {
            Not(result, falses);
            return new Truth(result, falses);
        }
        And(result, validity, result);
        AndNot(validity, result, falses);
        return new Truth(result, falses);
    }

    public static Truth Constant(int rows, bool value)
    {
        var a = new bool[rows];
        var b = new bool[rows];
        Array.Fill(value ? a : b, true);
        return new Truth(a, b);
    }

    public Truth Negate() => new(False, True);

    public static Truth AndAll(Truth left, Truth right)
    {
        And(left.True, right.True, left.True);
        Or(left.False, right.False, left.False);
        return left;
    }

    public static Truth OrAll(Truth left, Truth right)
    {
        Or(left.True, right.True, left.True);
        And(left.False, right.False, left.False);
        return left;
    }

    // Bool arrays hold 0/1 bytes, so byte-wise SIMD and/or/andnot keep them canonical.
    private static Span<byte> Bytes(bool[] a) => MemoryMarshal.AsBytes(a.AsSpan());

    internal static void And(bool[] x, bool[] y, bool[] into) => Apply(x, y, into, static (a, b) => a & b, static (a, b) => (byte)(a & b));

    internal static void Or(bool[] x, bool[] y, bool[] into) => Apply(x, y, into, static (a, b) => a | b, static (a, b) => (byte)(a | b));

    /// <summary>into = x and not y.</summary>
    internal static void AndNot(bool[] x, bool[] y, bool[] into) => Apply(x, y, into, static (a, b) => Vector.AndNot(a, b), static (a, b) => (byte)(a & ~b & 1));

    internal static void Not(bool[] x, bool[] into)
    {
        var src = Bytes(x);
        var dst = Bytes(into);
        var ones = new Vector<byte>(1);
        var i = 0;
        for (; i <= src.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            (new Vector<byte>(src[i..]) ^ ones).CopyTo(dst[i..]);
        for (; i < src.Length; i++) dst[i] = (byte)(src[i] ^ 1);
    }

    private static void Apply(bool[] x, bool[] y, bool[] into, Func<Vector<byte>, Vector<byte>, Vector<byte>> vector, Func<byte, byte, byte> scalar)
    {
        var a = Bytes(x);
        var b = Bytes(y);
        var dst = Bytes(into);
        var i = 0;
        for (; i <= a.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            vector(new Vector<byte>(a[i..]), new Vector<byte>(b[i..])).CopyTo(dst[i..]);
        for (; i < a.Length; i++) dst[i] = scalar(a[i], b[i]);
    }
}
