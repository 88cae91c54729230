namespace Milvus.Client.Tests.Unit;

/// <summary>
/// Reads tests/data/pymilvus-methods.txt, the one list of pymilvus method names shared with the Pester coverage test
/// (tests/Pester/Coverage.Tests.ps1): "[Section]" headers, one name per line, '#' comments.
/// </summary>
internal static class PymilvusMethodList
{
    private static readonly Lazy<string[]> s_lines = new(() => File.ReadAllLines(FindFile()));

    /// <summary>The method names listed under "[<paramref name="section"/>]", in file order.</summary>
    public static string[] Section(string section)
    {
        var names = new List<string>();
        string? current = null;
        foreach (var raw in s_lines.Value)
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('[') && line.EndsWith(']')) current = line[1..^1];
            else if (current == section) names.Add(line);
        }
        return names.Count > 0 ? names.ToArray() : throw new InvalidDataException($"No [{section}] methods in tests/data/pymilvus-methods.txt");
    }

    /// <summary>Methods whose comment starts with "pending:" (another branch delivers them), with the text after it.</summary>
    public static IReadOnlyDictionary<string, string> Pending()
    {
        var pending = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in s_lines.Value)
        {
            var parts = raw.Split('#', 2);
            var name = parts[0].Trim();
            var comment = parts.Length > 1 ? parts[1].Trim() : "";
            if (name.Length > 0 && !name.StartsWith('[') && comment.StartsWith("pending:", StringComparison.Ordinal))
                pending[name] = comment["pending:".Length..].Trim();
        }
        return pending;
    }

    private static string FindFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data", "pymilvus-methods.txt");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("tests/data/pymilvus-methods.txt not found above " + AppContext.BaseDirectory);
    }
}
