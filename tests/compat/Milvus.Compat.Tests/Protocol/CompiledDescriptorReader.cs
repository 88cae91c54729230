using Google.Protobuf.Reflection;

namespace Milvus.Compat.Tests.Protocol;

/// <summary>Reads the protocol facts the project declares, from the compiled C# descriptors (Milvus.Protocol).</summary>
public static class CompiledDescriptorReader
{
    /// <summary>The project's six protocol files, as compiled into Milvus.Protocol.</summary>
    public static IReadOnlyList<FileDescriptor> ProjectFiles =>
    [
        Milvus.Protocol.Api.MilvusReflection.Descriptor,
        Milvus.Protocol.Common.CommonReflection.Descriptor,
        Milvus.Protocol.Schema.SchemaReflection.Descriptor,
        Milvus.Protocol.ResourceGroups.RgReflection.Descriptor,
        Milvus.Protocol.Federation.FederReflection.Descriptor,
        Milvus.Protocol.Messages.MsgReflection.Descriptor,
    ];

    public static ProtocolFacts Read(IEnumerable<FileDescriptor> files)
    {
        var facts = new ProtocolFacts();
        foreach (var file in files)
        {
            foreach (var message in file.MessageTypes) AddMessage(facts, message);
            foreach (var enumType in file.EnumTypes) AddEnum(facts, enumType);
            foreach (var service in file.Services) AddService(facts, service);
            foreach (var extension in file.Extensions.UnorderedExtensions) AddExtension(facts, extension);
        }
        return facts;
    }

    private static void AddMessage(ProtocolFacts facts, MessageDescriptor message)
    {
        facts.Add(FactKind.Message, message.FullName, "message");
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var proto3Optional = field.ContainingOneof?.IsSynthetic == true;
            var type = field.IsMap
                ? $"map<{TypeName(field.MessageType.FindFieldByNumber(1))},{TypeName(field.MessageType.FindFieldByNumber(2))}>"
                : TypeName(field);
            facts.Add(FactKind.Field, $"{message.FullName}.{field.Name}", ProtocolFacts.FieldValue(
                field.FieldNumber, type, ProtocolFacts.Label(field.IsRepeated, proto3Optional),
                field.RealContainingOneof?.Name));
        }
        // Map entry types are protoc's encoding of map<,> fields, which the field facts already cover.
        foreach (var nested in message.NestedTypes.Where(n => n.GetOptions()?.MapEntry != true)) AddMessage(facts, nested);
        foreach (var nested in message.EnumTypes) AddEnum(facts, nested);
        foreach (var extension in message.Extensions.UnorderedExtensions) AddExtension(facts, extension);
    }

    private static void AddEnum(ProtocolFacts facts, EnumDescriptor enumType)
    {
        facts.Add(FactKind.Enum, enumType.FullName, "enum");
        foreach (var value in enumType.Values)
            facts.Add(FactKind.EnumValue, $"{enumType.FullName}.{value.Name}", value.Number.ToString());
    }

    private static void AddService(ProtocolFacts facts, ServiceDescriptor service)
    {
        facts.Add(FactKind.Service, service.FullName, "service");
        foreach (var method in service.Methods)
            facts.Add(FactKind.Method, $"{service.FullName}/{method.Name}", ProtocolFacts.MethodValue(
                method.InputType.FullName, method.OutputType.FullName, method.IsClientStreaming, method.IsServerStreaming));
    }

    private static void AddExtension(ProtocolFacts facts, FieldDescriptor extension) =>
        facts.Add(FactKind.Extension, extension.FullName,
            ProtocolFacts.ExtensionValue(extension.FieldNumber, TypeName(extension), extension.ExtendeeType.FullName));

    private static string TypeName(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => field.MessageType.FullName,
        FieldType.Enum => field.EnumType.FullName,
        FieldType.SFixed32 => "sfixed32",
        FieldType.SFixed64 => "sfixed64",
        FieldType.SInt32 => "sint32",
        FieldType.SInt64 => "sint64",
        FieldType.UInt32 => "uint32",
        FieldType.UInt64 => "uint64",
        _ => field.FieldType.ToString().ToLowerInvariant(),
    };
}
