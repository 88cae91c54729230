using System.Management.Automation;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Get-* name filtering with Get-Service semantics: wildcards select from a listing (no match = no output), an exact
/// name that is not listed is reported as not found.
/// </summary>
internal static class WildcardNames
{
    /// <summary>Names from <paramref name="available"/> matching any pattern (all when none), each once, in listing order.</summary>
    public static IReadOnlyList<string> Select(IEnumerable<string> available, IReadOnlyCollection<string>? patterns, out IReadOnlyList<string> missingExactNames)
    {
        var names = available.ToList();
        if (patterns is null || patterns.Count == 0)
        {
            missingExactNames = Array.Empty<string>();
            return names;
        }

        var compiled = patterns.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToList();
        missingExactNames = patterns
            .Where(p => !WildcardPattern.ContainsWildcardCharacters(p) && !names.Contains(p, StringComparer.Ordinal))
            .ToList();
        return names.Where(n => compiled.Any(w => w.IsMatch(n))).ToList();
    }

    /// <summary>Writes a non-terminating Milvus&lt;Thing&gt;NotFound error for each exact name that does not exist.</summary>
    public static void ReportMissing(Cmdlet cmdlet, IEnumerable<string> missingExactNames, string thing)
    {
        foreach (string name in missingExactNames)
        {
            var record = new ErrorRecord(new ItemNotFoundException($"{thing} '{name}' does not exist."),
                $"Milvus{thing.Replace(" ", string.Empty)}NotFound", ErrorCategory.ObjectNotFound, name);
            cmdlet.WriteError(record);
        }
    }
}
