using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.Reflection;
using Milvus.Protocol.Common;

namespace Milvus.Local.Security;

/// <summary>
/// The privilege a request needs, read from its message's <c>common.privilege_ext_obj</c> option exactly as Milvus's
/// privilege interceptor does (funcutil.GetPrivilegeExtObj / GetObjectName / GetObjectNames). The .proto files carry
/// the option on every request Milvus checks, so the per-RPC table is the protocol itself: a new RPC with the option
/// is enforced without code here, and a request without it is not checked (Connect, GetVersion, ShowCollections...).
/// </summary>
internal sealed record PrivilegeRequirement(string ObjectType, string MetastoreName, int ObjectNameIndex, int ObjectNamesIndex)
{
    private static readonly ConcurrentDictionary<MessageDescriptor, PrivilegeRequirement?> s_byMessage = new();

    /// <summary>The API name of the privilege ("Load" for PrivilegeLoad).</summary>
    public string ApiName => MetastoreName.StartsWith("Privilege", StringComparison.Ordinal) ? MetastoreName["Privilege".Length..] : MetastoreName;

    /// <summary>The requirement of the request's message type, or null when Milvus does not check it.</summary>
    public static PrivilegeRequirement? Of(IMessage request) => s_byMessage.GetOrAdd(request.Descriptor, Read);

    private static PrivilegeRequirement? Read(MessageDescriptor descriptor)
    {
        var options = descriptor.GetOptions();
        if (options is null || !options.HasExtension(CommonExtensions.PrivilegeExtObj)) return null;
        var ext = options.GetExtension(CommonExtensions.PrivilegeExtObj);
        var privilege = EnumName(nameof(ObjectPrivilege), (int)ext.ObjectPrivilege);
        var objectType = EnumName(nameof(Protocol.Common.ObjectType), (int)ext.ObjectType);
        return new PrivilegeRequirement(objectType, privilege, ext.ObjectNameIndex, ext.ObjectNameIndexs);
    }

    /// <summary>The .proto name of an enum value of common.proto (the C# names drop prefixes).</summary>
    private static string EnumName(string enumName, int number)
        => CommonReflection.Descriptor.EnumTypes.Single(e => e.Name == enumName).FindValueByNumber(number)?.Name ?? number.ToString();

    /// <summary>GetObjectName: the string field at the index (or field 1 of a message there); "*" when none.</summary>
    public string ObjectName(IMessage request)
    {
        if (ObjectNameIndex <= 0) return RbacNames.AnyWord;
        var value = request.Descriptor.FindFieldByNumber(ObjectNameIndex)?.Accessor.GetValue(request);
        if (value is IMessage message)
        {
            var name = message.Descriptor.FindFieldByNumber(1)?.Accessor.GetValue(message) as string;
            return string.IsNullOrEmpty(name) ? RbacNames.AnyWord : name;
        }
        // An unset message field reads as null in C#, as an empty message (so "*") in Go.
        return value is null ? RbacNames.AnyWord : value.ToString() ?? "";
    }

    /// <summary>GetObjectNames: the repeated string field at the index (Flush's collection_names).</summary>
    public IReadOnlyList<string> ObjectNames(IMessage request)
    {
        if (ObjectNamesIndex <= 0) return [];
        return request.Descriptor.FindFieldByNumber(ObjectNamesIndex)?.Accessor.GetValue(request) is RepeatedField<string> names
            ? names.ToList()
            : [];
    }
}
