using System.Text;
using System.Text.RegularExpressions;

namespace Milvus.Local.Expressions;

/// <summary>
/// A LIKE pattern: <c>%</c> any run of characters, <c>_</c> exactly one, a backslash makes the next character
/// literal. Plain prefix / suffix / infix / exact patterns use ordinal string operations; others a regex
/// that cannot backtrack catastrophically.
/// </summary>
internal sealed class LikePattern
{
    private enum Kind { Exact, Prefix, Suffix, Infix, Any, General }

    private readonly Kind _kind;
    private readonly string _literal = "";
    private readonly Regex? _regex;

    public LikePattern(string pattern)
    {
        var parts = new List<(bool Wild, char Ch)>();
        for (var i = 0; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            if (ch == '\\' && i + 1 < pattern.Length) { parts.Add((false, pattern[++i])); continue; }
            parts.Add((ch is '%' or '_', ch));
        }
        var hasUnderscore = parts.Any(p => p.Wild && p.Ch == '_');
        var percentAt = parts.Select((p, i) => (p, i)).Where(x => x.p.Wild && x.p.Ch == '%').Select(x => x.i).ToList();
        var literal = new string(parts.Where(p => !p.Wild).Select(p => p.Ch).ToArray());
        if (!hasUnderscore)
        {
            var lead = percentAt.Count > 0 && percentAt[0] == 0;
            var trail = percentAt.Count > 0 && percentAt[^1] == parts.Count - 1;
            var inner = percentAt.Count(i => i != 0 && i != parts.Count - 1);
            _literal = literal;
            if (percentAt.Count == 0) { _kind = Kind.Exact; return; }
            if (literal.Length == 0) { _kind = Kind.Any; return; }
            if (inner == 0)
            {
                _kind = (lead, trail) switch
                {
                    (false, true) => Kind.Prefix,
                    (true, false) => Kind.Suffix,
                    _ => Kind.Infix,
                };
                return;
            }
        }
        _kind = Kind.General;
        var regex = new StringBuilder("^");
        foreach (var (wild, ch) in parts)
            regex.Append(wild ? (ch == '%' ? ".*" : ".") : Regex.Escape(ch.ToString()));
        regex.Append('$');
        _regex = new Regex(regex.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    public bool IsMatch(string value) => _kind switch
    {
        Kind.Exact => string.Equals(value, _literal, StringComparison.Ordinal),
        Kind.Prefix => value.StartsWith(_literal, StringComparison.Ordinal),
        Kind.Suffix => value.EndsWith(_literal, StringComparison.Ordinal),
        Kind.Infix => value.Contains(_literal, StringComparison.Ordinal),
        Kind.Any => true,
        _ => _regex!.IsMatch(value),
    };
}
