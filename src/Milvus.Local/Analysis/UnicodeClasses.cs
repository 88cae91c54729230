using System.Globalization;
using System.Text;
using ICU4N;
using ICU4N.Globalization;

namespace Milvus.Local.Analysis;

/// <summary>The character classes Milvus's analyzers test, with Rust's definitions.</summary>
internal static class UnicodeClasses
{
    /// <summary>Rust's <c>char::is_alphanumeric</c>: the Alphabetic property or a numeric category (Nd, Nl, No).</summary>
    public static bool IsAlphanumeric(Rune rune)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                return true;
            default:
                // Alphabetic also covers Other_Alphabetic marks and symbols (Devanagari vowel signs, circled letters).
                return rune.Value > 0x7F && UChar.HasBinaryProperty(rune.Value, UProperty.Alphabetic);
        }
    }

    /// <summary>Regex <c>\p{Han}</c>: the code point's script is Han.</summary>
    public static bool IsHan(Rune rune) => rune.Value > 0x7F && UScript.GetScript(rune.Value) == UScript.Han;

    public static bool IsAsciiAlphanumeric(Rune rune) => rune.IsAscii && char.IsAsciiLetterOrDigit((char)rune.Value);

    /// <summary>Number of Unicode scalar values (Rust chars) in <paramref name="text"/>.</summary>
    public static int CodePointCount(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }
}
