using System.Text;

namespace Milvus.Compat.Tests.Protocol;

/// <summary>Every difference between the reference protocol (the Node SDK descriptor) and the project's.</summary>
public sealed class ProtocolDiff
{
    private ProtocolDiff(List<string> missing, List<string> extra, List<string> different)
    {
        Missing = missing;
        Extra = extra;
        Different = different;
    }

    /// <summary>Declared by the reference but not by the project.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Declared by the project but not by the reference.</summary>
    public IReadOnlyList<string> Extra { get; }

    /// <summary>Declared by both, with a different number, type, label, oneof or streaming mode.</summary>
    public IReadOnlyList<string> Different { get; }

    public int Count => Missing.Count + Extra.Count + Different.Count;

    public static ProtocolDiff Compare(ProtocolFacts reference, ProtocolFacts project)
    {
        var missing = new List<string>();
        var extra = new List<string>();
        var different = new List<string>();
        foreach (var (key, fact) in reference.Entries)
        {
            if (!project.Entries.TryGetValue(key, out var ours))
                missing.Add($"{key}: {fact.Value}");
            else if (ours.Value != fact.Value)
                different.Add($"{key}: reference {fact.Value} | project {ours.Value}");
        }
        foreach (var (key, fact) in project.Entries)
            if (!reference.Entries.ContainsKey(key))
                extra.Add($"{key}: {fact.Value}");
        return new ProtocolDiff(missing, extra, different);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        Section(text, "missing from the project (declared by the SDK descriptor)", Missing);
        Section(text, "declared by the project but not by the SDK descriptor", Extra);
        Section(text, "different", Different);
        return text.Length == 0 ? "no differences" : text.ToString();
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0) return;
        text.AppendLine($"{lines.Count} {title}:");
        foreach (var line in lines) text.AppendLine("  - " + line);
    }
}
