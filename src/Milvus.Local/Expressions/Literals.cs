using System.Globalization;
using System.Text;

namespace Milvus.Local.Expressions;

/// <summary>Literal tokens to values with Go's rules (strconv.ParseInt base 0, ParseFloat, Unquote), as Milvus parses them.</summary>
internal static class Literals
{
    public static ConstValue Parse(LiteralSyntax literal)
    {
        var text = literal.Text;
        switch (literal.Kind)
        {
            case TokenKind.IntegerConstant:
                var value = ParseInteger(text, out var ok);
                if (!ok) throw new FilterSemanticException($"strconv.ParseInt: parsing \"{text}\": value out of range");
                return ConstValue.Of(value);
            case TokenKind.FloatingConstant:
                return ConstValue.Of(ParseFloat(text));
            case TokenKind.BooleanConstant:
                return ConstValue.Of(text is "true" or "True" or "TRUE");
            case TokenKind.RawStringLiteral:
                return ConstValue.Of(text[2..^1]);
            default:
                return ConstValue.Of(Unquote(text));
        }
    }

    /// <summary>Go strconv.ParseInt(text, 0, 64) for the forms the lexer produces: decimal, 0-octal, 0x, 0b.</summary>
    public static long ParseInteger(string text, out bool ok)
    {
        ok = true;
        int radix = 10;
        var digits = text;
        if (text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X') { radix = 16; digits = text[2..]; }
        else if (text.Length > 2 && text[0] == '0' && text[1] is 'b' or 'B') { radix = 2; digits = text[2..]; }
        else if (text.Length > 1 && text[0] == '0') { radix = 8; digits = text[1..]; }
        ulong acc = 0;
        foreach (var ch in digits)
        {
            var d = ch switch
            {
                >= '0' and <= '9' => ch - '0',
                >= 'a' and <= 'f' => ch - 'a' + 10,
                >= 'A' and <= 'F' => ch - 'A' + 10,
                _ => 99,
            };
            if (d >= radix) { ok = false; return 0; }
            if (acc > (ulong.MaxValue - (ulong)d) / (ulong)radix) { ok = false; return 0; }
            acc = acc * (ulong)radix + (ulong)d;
        }
        if (acc > long.MaxValue) { ok = false; return 0; }
        return (long)acc;
    }

    private static double ParseFloat(string text)
    {
        if (text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X') return ParseHexFloat(text[2..]);
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    // Hex float "h.hhhp±d": mantissa in base 16, binary exponent.
    private static double ParseHexFloat(string body)
    {
        var p = body.IndexOfAny(['p', 'P']);
        var mantissa = body[..p];
        var exponent = double.Parse(body[(p + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        double value = 0;
        var dot = mantissa.IndexOf('.');
        var fractionDigits = 0;
        foreach (var ch in mantissa)
        {
            if (ch == '.') continue;
            value = value * 16 + Convert.ToInt32(ch.ToString(), 16);
        }
        if (dot >= 0) fractionDigits = mantissa.Length - dot - 1;
        return value * Math.Pow(2, exponent - 4 * fractionDigits);
    }

    /// <summary>
    /// A quoted string literal's value: single or double quotes (optionally u8/u/U/L-prefixed) with C escapes,
    /// decoded like Go's strconv.Unquote; an unknown escape fails with "invalid syntax".
    /// </summary>
    public static string Unquote(string literal)
    {
        var start = literal.IndexOfAny(['"', '\'']);
        var body = literal[(start + 1)..^1];
        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var ch = body[i];
            if (ch != '\\') { builder.Append(ch); continue; }
            if (++i >= body.Length) throw InvalidSyntax();
            var e = body[i];
            switch (e)
            {
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'v': builder.Append('\v'); break;
                case '\\': builder.Append('\\'); break;
                case '"': builder.Append('"'); break;
                case '\'': builder.Append('\''); break;
                case 'x': builder.Append((char)HexDigits(body, ref i, 2)); break;
                case 'u': builder.Append(char.ConvertFromUtf32(CheckRune(HexDigits(body, ref i, 4)))); break;
                case 'U': builder.Append(char.ConvertFromUtf32(CheckRune(HexDigits(body, ref i, 8)))); break;
                case >= '0' and <= '7':
                    {
                        if (i + 2 >= body.Length) throw InvalidSyntax();
                        var v = 0;
                        for (var k = 0; k < 3; k++)
                        {
                            var d = body[i + k];
                            if (d is < '0' or > '7') throw InvalidSyntax();
                            v = v * 8 + (d - '0');
                        }
                        if (v > 255) throw InvalidSyntax();
                        i += 2;
                        builder.Append((char)v);
                        break;
                    }
                default: throw InvalidSyntax();
            }
        }
        return builder.ToString();
    }

    private static int HexDigits(string body, ref int i, int count)
    {
        if (i + count >= body.Length) throw InvalidSyntax();
        var v = 0;
        for (var k = 1; k <= count; k++)
        {
            var d = body[i + k];
            if (!Uri.IsHexDigit(d)) throw InvalidSyntax();
            v = v * 16 + Convert.ToInt32(d.ToString(), 16);
        }
        i += count;
        return v;
    }

    private static int CheckRune(int rune) =>
        rune is > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) ? throw InvalidSyntax() : rune;

    private static FilterSemanticException InvalidSyntax() => new("invalid syntax");
}
