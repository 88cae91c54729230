using System.Text;
using System.Text.RegularExpressions;

namespace Milvus.Local.Analysis.Filters;

/// <summary>"lowercase" (Tantivy's LowerCaser): each character's full lowercase mapping; Greek final sigma is not special-cased.</summary>
internal sealed class LowercaseFilter : TokenTextFilter
{
    public static readonly LowercaseFilter Instance = new();

    protected override string Rewrite(string text)
    {
        if (Ascii.IsValid(text)) return text.ToLowerInvariant();
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            // U+0130 is the one character whose full lowercase mapping is two characters.
            if (rune.Value == 0x130) builder.Append("i\u0307");
            else builder.Append(Rune.ToLowerInvariant(rune).ToString());
        }
        return builder.ToString();
    }
}

/// <summary>"asciifolding" (Tantivy's AsciiFoldingFilter, a port of Lucene's): folds accented and similar characters to ASCII.</summary>
internal sealed class AsciiFoldingFilter : TokenTextFilter
{
    public static readonly AsciiFoldingFilter Instance = new();

    protected override string Rewrite(string text)
    {
        if (Ascii.IsValid(text)) return text;
        var input = text.ToCharArray();
        var output = new char[input.Length * 4];
        var length = Lucene.Net.Analysis.Miscellaneous.ASCIIFoldingFilter.FoldToASCII(input, 0, output, 0, input.Length);
        return new string(output, 0, length);
    }
}

/// <summary>"alphanumonly": keeps tokens made only of ASCII letters and digits.</summary>
internal sealed class AlphaNumOnlyFilter : TokenPredicateFilter
{
    public static readonly AlphaNumOnlyFilter Instance = new();

    protected override bool Keep(string text) => text.EnumerateRunes().All(UnicodeClasses.IsAsciiAlphanumeric);
}

/// <summary>"cncharonly": keeps tokens holding at least one Han character (Milvus tests <c>\p{Han}+</c> anywhere in the token).</summary>
internal sealed class CnCharOnlyFilter : TokenPredicateFilter
{
    public static readonly CnCharOnlyFilter Instance = new();

    protected override bool Keep(string text) => text.EnumerateRunes().Any(UnicodeClasses.IsHan);
}

/// <summary>"cnalphanumonly": keeps tokens holding at least one Han character or ASCII letter or digit.</summary>
internal sealed class CnAlphaNumOnlyFilter : TokenPredicateFilter
{
    public static readonly CnAlphaNumOnlyFilter Instance = new();

    protected override bool Keep(string text) => text.EnumerateRunes().Any(r => UnicodeClasses.IsHan(r) || UnicodeClasses.IsAsciiAlphanumeric(r));
}

/// <summary>"removepunct": drops tokens that contain any punctuation or whitespace character (Milvus tests <c>[\p{Punct}\s]+</c> anywhere).</summary>
internal sealed partial class RemovePunctFilter : TokenPredicateFilter
{
    public static readonly RemovePunctFilter Instance = new();

    [GeneratedRegex(@"[\p{P}\s]")]
    private static partial Regex PunctuationOrSpace();

    protected override bool Keep(string text) => !PunctuationOrSpace().IsMatch(text);
}

/// <summary>"length": keeps tokens of at most <c>max</c> UTF-8 bytes (Tantivy's RemoveLongFilter with limit max + 1).</summary>
internal sealed class LengthFilter(ulong max) : TokenPredicateFilter
{
    protected override bool Keep(string text) => (ulong)Encoding.UTF8.GetByteCount(text) <= max;
}

/// <summary>"regex": keeps tokens the expression matches somewhere in (a failed match keeps the token, as Milvus does).</summary>
internal sealed class RegexFilter(Regex regex) : TokenPredicateFilter
{
    protected override bool Keep(string text)
    {
        try { return regex.IsMatch(text); }
        catch (RegexMatchTimeoutException) { return true; }
    }
}

/// <summary>"stop": drops tokens equal (case-sensitively) to a stop word.</summary>
internal sealed class StopWordFilter(IEnumerable<string> words) : TokenPredicateFilter
{
    private readonly HashSet<string> _words = new(words, StringComparer.Ordinal);

    protected override bool Keep(string text) => !_words.Contains(text);
}
