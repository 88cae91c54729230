namespace Milvus.Compat.Tests.Protocol;

/// <summary>Kinds of protocol facts, used for the counts in the conformance report.</summary>
public enum FactKind { Service, Method, Message, Field, Enum, EnumValue, Extension }

/// <summary>
/// A flat, comparable view of a protobuf schema: one entry per service, method, message, field,
/// enum, enum value and extension, keyed by its full name, whose value spells out everything the
/// wire depends on (numbers, types, labels, map key/value, oneof, streaming). Two schemas agree
/// exactly when their fact sets are equal, and a mismatch reads as a line-per-difference diff.
/// </summary>
public sealed class ProtocolFacts
{
    private readonly SortedDictionary<string, (FactKind Kind, string Value)> _facts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (FactKind Kind, string Value)> Entries => _facts;

    public void Add(FactKind kind, string fullName, string value)
    {
        var key = $"{kind.ToString().ToLowerInvariant()} {fullName}";
        if (!_facts.TryAdd(key, (kind, value)))
            throw new InvalidOperationException($"duplicate protocol fact '{key}'");
    }

    public int Count(FactKind kind) => _facts.Values.Count(f => f.Kind == kind);

    /// <summary>Labels as protoc understands them: "repeated", "optional" (proto3 optional) or "singular".</summary>
    public static string Label(bool repeated, bool proto3Optional) =>
        repeated ? "repeated" : proto3Optional ? "optional" : "singular";

    public static string FieldValue(int number, string type, string label, string? oneof) =>
        $"#{number} {label} {type}" + (oneof is null ? "" : $" oneof {oneof}");

    public static string ExtensionValue(int number, string type, string extendee) => $"#{number} {type} extends {extendee}";

    public static string MethodValue(string request, string response, bool clientStreaming, bool serverStreaming) =>
        $"({(clientStreaming ? "stream " : "")}{request}) returns ({(serverStreaming ? "stream " : "")}{response})";
}
