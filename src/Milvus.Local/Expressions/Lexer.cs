namespace Milvus.Local.Expressions;

/// <summary>
/// Splits a filter into tokens following Plan.g4's lexer rules: longest match wins, keywords have exactly
/// an all-lower and an all-UPPER spelling, <c>field["key"][0]</c> is one JSON-identifier token, whitespace is skipped.
/// </summary>
internal static class Lexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = BuildKeywords();

    private static Dictionary<string, TokenKind> BuildKeywords()
    {
        var words = new Dictionary<string, TokenKind>(StringComparer.Ordinal);
        void Add(string lower, TokenKind kind)
        {
            words[lower] = kind;
            words[lower.ToUpperInvariant()] = kind;
        }
        Add("and", TokenKind.And);
        Add("or", TokenKind.Or);
        Add("not", TokenKind.Not);
        Add("in", TokenKind.In);
        Add("like", TokenKind.Like);
        Add("exists", TokenKind.Exists);
        Add("text_match", TokenKind.TextMatch);
        Add("phrase_match", TokenKind.PhraseMatch);
        Add("random_sample", TokenKind.RandomSample);
        Add("minimum_should_match", TokenKind.MinimumShouldMatch);
        Add("json_contains", TokenKind.JsonContains);
        Add("json_contains_all", TokenKind.JsonContainsAll);
        Add("json_contains_any", TokenKind.JsonContainsAny);
        Add("array_contains", TokenKind.ArrayContains);
        Add("array_contains_all", TokenKind.ArrayContainsAll);
        Add("array_contains_any", TokenKind.ArrayContainsAny);
        Add("array_length", TokenKind.ArrayLength);
        Add("interval", TokenKind.Interval);
        Add("iso", TokenKind.Iso);
        foreach (var spatial in new[] { "st_equals", "st_touches", "st_overlaps", "st_crosses", "st_contains", "st_intersects", "st_within" })
            Add(spatial, TokenKind.SpatialBinary);
        Add("st_dwithin", TokenKind.StDWithin);
        Add("st_isvalid", TokenKind.StIsValid);
        foreach (var b in new[] { "true", "True", "TRUE", "false", "False", "FALSE" }) words[b] = TokenKind.BooleanConstant;
        return words;
    }

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (ch is ' ' or '\t' or '\r' or '\n') { i++; continue; }
            var start = i;
            var kind = Next(text, ref i);
            tokens.Add(new Token(kind, text[start..i], start));
        }
        tokens.Add(new Token(TokenKind.Eof, "", text.Length));
        return tokens;
    }

    private static TokenKind Next(string s, ref int i)
    {
        var start = i;
        var ch = s[i];
        char At(int k) => k < s.Length ? s[k] : '\0';

        // $[sub]: a struct sub-field of the current element inside element_filter / MATCH_* (Milvus 3.0).
        if (ch == '$' && At(i + 1) == '[')
        {
            var close = s.IndexOf(']', i + 2);
            if (close > i + 2 && s[(i + 2)..close].All(c => IsIdentChar(c)))
            {
                i = close + 1;
                return TokenKind.Identifier;
            }
        }
        if (IsNondigit(ch) || (ch == '$' && string.CompareOrdinal(s, i, "$meta", 0, 5) == 0))
        {
            if (TryStringPrefixed(s, ref i)) return TokenKind.StringLiteral;
            if (TryRawString(s, ref i)) return TokenKind.RawStringLiteral;
            int end;
            if (ch == '$') end = i + 5;
            else { end = i + 1; while (end < s.Length && (IsNondigit(s[end]) || char.IsAsciiDigit(s[end]))) end++; }
            var word = s[i..end];
            // ISNULL / ISNOTNULL are single tokens with exactly one space: 'is null', 'is not null'.
            if (word is "is" or "IS")
            {
                var upper = word == "IS";
                foreach (var (tail, tk) in new[] { (" not null", TokenKind.IsNotNull), (" null", TokenKind.IsNull) })
                {
                    var t = upper ? tail.ToUpperInvariant() : tail;
                    if (string.CompareOrdinal(s, end, t, 0, t.Length) == 0 && !IsIdentChar(At(end + t.Length)))
                    {
                        i = end + t.Length;
                        return tk;
                    }
                }
            }
            var jsonEnd = MatchJsonSuffix(s, end);
            if (jsonEnd > end) { i = jsonEnd; return TokenKind.JsonIdentifier; }
            i = end;
            if (ch == '$') return TokenKind.Meta;
            return Keywords.TryGetValue(word, out var kw) ? kw : TokenKind.Identifier;
        }
        if (char.IsAsciiDigit(ch) || (ch == '.' && char.IsAsciiDigit(At(i + 1))))
            return LexNumber(s, ref i);
        if (ch is '"' or '\'')
        {
            if (TryQuoted(s, ref i)) return TokenKind.StringLiteral;
            throw Recognition(s, start);
        }
        i++;
        switch (ch)
        {
            case '(': return TokenKind.LParen;
            case ')': return TokenKind.RParen;
            case '{': return TokenKind.LBrace;
            case '}': return TokenKind.RBrace;
            case ',': return TokenKind.Comma;
            case ']': return TokenKind.RBracket;
            case '[':
                {
                    var k = i;
                    while (k < s.Length && s[k] is ' ' or '\t' or '\r' or '\n') k++;
                    if (k < s.Length && s[k] == ']') { i = k + 1; return TokenKind.EmptyArray; }
                    return TokenKind.LBracket;
                }
            case '<':
                if (At(i) == '=') { i++; return TokenKind.Le; }
                if (At(i) == '<') { i++; return TokenKind.Shl; }
                return TokenKind.Lt;
            case '>':
                if (At(i) == '=') { i++; return TokenKind.Ge; }
                if (At(i) == '>') { i++; return TokenKind.Shr; }
                return TokenKind.Gt;
            case '=':
                if (At(i) == '=') { i++; return TokenKind.Eq; }
                return TokenKind.Assign;
            case '!':
                if (At(i) == '=') { i++; return TokenKind.Ne; }
                return TokenKind.Not;
            case '+': return TokenKind.Add;
            case '-': return TokenKind.Sub;
            case '*':
                if (At(i) == '*') { i++; return TokenKind.Pow; }
                return TokenKind.Mul;
            case '/': return TokenKind.Div;
            case '%': return TokenKind.Mod;
            case '~': return TokenKind.BNot;
            case '^': return TokenKind.BXor;
            case '&':
                if (At(i) == '&') { i++; return TokenKind.And; }
                return TokenKind.BAnd;
            case '|':
                if (At(i) == '|') { i++; return TokenKind.Or; }
                return TokenKind.BOr;
        }
        throw Recognition(s, start);
    }

    private static FilterSyntaxException Recognition(string s, int at) =>
        new(at, $"token recognition error at: '{s[at]}'");

    private static bool IsNondigit(char c) => c == '_' || char.IsAsciiLetter(c);

    private static bool IsIdentChar(char c) => IsNondigit(c) || char.IsAsciiDigit(c);

    // EncodingPrefix ('u8' | 'u' | 'U' | 'L') immediately followed by a quoted string.
    private static bool TryStringPrefixed(string s, ref int i)
    {
        foreach (var prefix in new[] { "u8", "u", "U", "L" })
        {
            if (string.CompareOrdinal(s, i, prefix, 0, prefix.Length) != 0) continue;
            var k = i + prefix.Length;
            if (k < s.Length && s[k] is '"' or '\'' && TryQuoted(s, ref k)) { i = k; return true; }
        }
        return false;
    }

    private static bool TryRawString(string s, ref int i)
    {
        if (s[i] is not ('r' or 'R') || i + 1 >= s.Length || s[i + 1] is not ('"' or '\'')) return false;
        var quote = s[i + 1];
        var k = i + 2;
        while (k < s.Length)
        {
            var c = s[k];
            if (c is '\r' or '\n') return false;
            if (c == quote) { i = k + 1; return true; }
            if (c == '\\') { if (k + 1 >= s.Length || s[k + 1] is '\r' or '\n') return false; k += 2; continue; }
            k++;
        }
        return false;
    }

    /// <summary>Matches a quoted string starting at s[i] (the quote); on success i is past the closing quote.</summary>
    private static bool TryQuoted(string s, ref int i)
    {
        var quote = s[i];
        var k = i + 1;
        while (k < s.Length)
        {
            var c = s[k];
            if (c == quote) { i = k + 1; return true; }
            if (c is '\r' or '\n') return false;
            if (c == '\\')
            {
                if (k + 1 >= s.Length) return false;
                if (s[k + 1] == '\r') { k += s.Length > k + 2 && s[k + 2] == '\n' ? 3 : 2; continue; }
                k += 2;
                continue;
            }
            k++;
        }
        return false;
    }

    /// <summary>('[' (StringLiteral | RawStringLiteral | DecimalConstant) ']')+ right after an identifier.</summary>
    private static int MatchJsonSuffix(string s, int pos)
    {
        var end = pos;
        while (end < s.Length && s[end] == '[')
        {
            var k = end + 1;
            if (k >= s.Length) break;
            var c = s[k];
            if (c is '"' or '\'')
            {
                if (!TryQuoted(s, ref k)) break;
            }
            else if (c is 'r' or 'R' or 'u' or 'U' or 'L')
            {
                if (!TryRawString(s, ref k) && !TryStringPrefixed(s, ref k)) break;
            }
            else if (c == '0') k++;
            else if (c is >= '1' and <= '9') { while (k < s.Length && char.IsAsciiDigit(s[k])) k++; }
            else break;
            if (k >= s.Length || s[k] != ']') break;
            end = k + 1;
        }
        return end;
    }

    private static TokenKind LexNumber(string s, ref int i)
    {
        char At(int k) => k < s.Length ? s[k] : '\0';
        var start = i;
        if (s[i] == '0' && At(i + 1) is 'x' or 'X' && Uri.IsHexDigit(At(i + 2)) || (s[i] == '0' && At(i + 1) is 'x' or 'X' && At(i + 2) == '.' && Uri.IsHexDigit(At(i + 3))))
        {
            var k = i + 2;
            while (Uri.IsHexDigit(At(k))) k++;
            var intEnd = k;
            if (At(k) == '.') { k++; while (Uri.IsHexDigit(At(k))) k++; }
            if (At(k) is 'p' or 'P')
            {
                var e = k + 1;
                if (At(e) is '+' or '-') e++;
                if (char.IsAsciiDigit(At(e)))
                {
                    while (char.IsAsciiDigit(At(e))) e++;
                    i = e;
                    return TokenKind.FloatingConstant;
                }
            }
            if (intEnd > i + 2) { i = intEnd; return TokenKind.IntegerConstant; }
            i = start + 1;
            return TokenKind.IntegerConstant;
        }
        if (s[i] == '0' && At(i + 1) is 'b' or 'B' && At(i + 2) is '0' or '1')
        {
            var k = i + 2;
            while (At(k) is '0' or '1') k++;
            i = k;
            return TokenKind.IntegerConstant;
        }
        var d = i;
        while (char.IsAsciiDigit(At(d))) d++;
        var isFloat = false;
        var end = d;
        if (At(d) == '.')
        {
            var f = d + 1;
            while (char.IsAsciiDigit(At(f))) f++;
            if (f > d + 1 || d > i) { isFloat = true; end = f; }
        }
        if (end > i && At(end) is 'e' or 'E')
        {
            var e = end + 1;
            if (At(e) is '+' or '-') e++;
            if (char.IsAsciiDigit(At(e)))
            {
                while (char.IsAsciiDigit(At(e))) e++;
                isFloat = true;
                end = e;
            }
        }
        if (isFloat) { i = end; return TokenKind.FloatingConstant; }
        // Integer: '0' OctalDigit* | NonzeroDigit Digit*.
        if (s[i] == '0')
        {
            var k = i + 1;
            while (At(k) is >= '0' and <= '7') k++;
            i = k;
            return TokenKind.IntegerConstant;
        }
        i = d;
        return TokenKind.IntegerConstant;
    }
}
