using System.Text.Json;
using Milvus.Compat.Tests.Infrastructure;

namespace Milvus.Compat.Tests.Protocol;

/// <summary>
/// Reads the protocol facts from a protobufjs JSON descriptor (the form the Node SDK ships), resolving
/// type references the way protoc does: innermost enclosing scope first.
/// </summary>
public static class NodeDescriptorReader
{
    private static readonly HashSet<string> ScalarTypes = new(StringComparer.Ordinal)
    {
        "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64",
        "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes",
    };

    /// <summary>Runs node to turn a pinned SDK's descriptor module into JSON text.</summary>
    public static async Task<string> LoadDescriptorJsonAsync(NodeSdkInstall install)
    {
        var script = "process.stdout.write(JSON.stringify(require(process.argv[1]).default))";
        var result = await NodeSdk.RunNodeAsync(["-e", script, install.DescriptorPath], TimeSpan.FromMinutes(1));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"node could not load {install.DescriptorPath}: {result}");
        return result.StandardOutput;
    }

    /// <summary>Facts for every type under the given packages (e.g. milvus.proto.common).</summary>
    public static ProtocolFacts Read(string descriptorJson, IReadOnlyCollection<string> packages)
    {
        using var document = JsonDocument.Parse(descriptorJson);
        var nodes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        Index(document.RootElement, "", nodes);

        var facts = new ProtocolFacts();
        foreach (var (fullName, node) in nodes)
        {
            if (!packages.Any(p => fullName.StartsWith(p + ".", StringComparison.Ordinal))) continue;
            var scope = fullName[..fullName.LastIndexOf('.')];
            if (node.TryGetProperty("fields", out var fields)) AddMessage(facts, nodes, fullName, node, fields);
            else if (node.TryGetProperty("values", out var values)) AddEnum(facts, fullName, values);
            else if (node.TryGetProperty("methods", out var methods)) AddService(facts, nodes, fullName, methods);
            else if (node.TryGetProperty("extend", out var extendee))
                facts.Add(FactKind.Extension, fullName, ProtocolFacts.ExtensionValue(
                    node.GetProperty("id").GetInt32(),
                    Resolve(node.GetProperty("type").GetString()!, scope, nodes),
                    Resolve(extendee.GetString()!, scope, nodes)));
        }
        return facts;
    }

    private static void Index(JsonElement node, string fullName, Dictionary<string, JsonElement> nodes)
    {
        if (fullName.Length > 0) nodes[fullName] = node;
        if (!node.TryGetProperty("nested", out var nested)) return;
        foreach (var child in nested.EnumerateObject())
            Index(child.Value, fullName.Length == 0 ? child.Name : $"{fullName}.{child.Name}", nodes);
    }

    private static void AddMessage(ProtocolFacts facts, Dictionary<string, JsonElement> nodes, string fullName,
        JsonElement message, JsonElement fields)
    {
        facts.Add(FactKind.Message, fullName, "message");
        var oneofOf = new Dictionary<string, string>(StringComparer.Ordinal);
        if (message.TryGetProperty("oneofs", out var oneofs))
            foreach (var oneof in oneofs.EnumerateObject())
                foreach (var member in oneof.Value.GetProperty("oneof").EnumerateArray())
                    oneofOf[member.GetString()!] = oneof.Name;

        foreach (var field in fields.EnumerateObject())
        {
            var f = field.Value;
            var proto3Optional = f.TryGetProperty("options", out var options) &&
                                 options.TryGetProperty("proto3_optional", out var flag) && flag.GetBoolean();
            var repeated = f.TryGetProperty("rule", out var rule) && rule.GetString() == "repeated";
            var type = Resolve(f.GetProperty("type").GetString()!, fullName, nodes);
            if (f.TryGetProperty("keyType", out var keyType))
            {
                type = $"map<{keyType.GetString()},{type}>";
                repeated = true;
            }
            // protobufjs lists a proto3 optional field in a synthetic oneof "_name"; protoc does not count it as a oneof.
            var oneof = proto3Optional ? null : oneofOf.GetValueOrDefault(field.Name);
            facts.Add(FactKind.Field, $"{fullName}.{field.Name}", ProtocolFacts.FieldValue(
                f.GetProperty("id").GetInt32(), type, ProtocolFacts.Label(repeated, proto3Optional), oneof));
        }
    }

    private static void AddEnum(ProtocolFacts facts, string fullName, JsonElement values)
    {
        facts.Add(FactKind.Enum, fullName, "enum");
        foreach (var value in values.EnumerateObject())
            facts.Add(FactKind.EnumValue, $"{fullName}.{value.Name}", value.Value.GetInt32().ToString());
    }

    private static void AddService(ProtocolFacts facts, Dictionary<string, JsonElement> nodes, string fullName,
        JsonElement methods)
    {
        facts.Add(FactKind.Service, fullName, "service");
        var scope = fullName[..fullName.LastIndexOf('.')];
        foreach (var method in methods.EnumerateObject())
        {
            var m = method.Value;
            facts.Add(FactKind.Method, $"{fullName}/{method.Name}", ProtocolFacts.MethodValue(
                Resolve(m.GetProperty("requestType").GetString()!, scope, nodes),
                Resolve(m.GetProperty("responseType").GetString()!, scope, nodes),
                m.TryGetProperty("requestStream", out var rs) && rs.GetBoolean(),
                m.TryGetProperty("responseStream", out var ss) && ss.GetBoolean()));
        }
    }

    private static string Resolve(string reference, string scope, Dictionary<string, JsonElement> nodes)
    {
        if (ScalarTypes.Contains(reference)) return reference;
        if (reference.StartsWith('.')) return reference[1..];
        for (var s = scope; ;)
        {
            var candidate = s.Length == 0 ? reference : $"{s}.{reference}";
            if (nodes.ContainsKey(candidate)) return candidate;
            if (s.Length == 0) break;
            var dot = s.LastIndexOf('.');
            s = dot < 0 ? "" : s[..dot];
        }
        throw new InvalidOperationException($"descriptor type '{reference}' cannot be resolved from scope '{scope}'");
    }
}
