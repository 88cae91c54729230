using Milvus.Local.Errors;

namespace Milvus.Local.Security;

/// <summary>The RBAC error texts of Milvus 2.6 (proxy util.go validators, rootcoord root_coord.go / meta_table.go).</summary>
internal static class RbacErrors
{
    /// <summary>merr.WrapErrParameterInvalidMsg: "&lt;message&gt;: invalid parameter", code 1100.</summary>
    public static MilvusError Invalid(string message) => MilvusError.InvalidParameter(message);

    /// <summary>merr.WrapErrParameterInvalidRange: "&lt;message&gt;: invalid parameter[&lt;v&gt; out of range &lt;lo&gt; &lt;= value &lt;= &lt;hi&gt;]".</summary>
    public static MilvusError OutOfRange(string message, int lower, int upper, int actual)
        => new(1100, $"{message}: invalid parameter[{actual} out of range {lower} <= value <= {upper}]", isInputError: true);

    /// <summary>merr.WrapErrPrivilegeNotPermitted: code 1401.</summary>
    public static MilvusError NotPermitted(string message) => new(1401, $"{message}: privilege not permitted", isInputError: true);

    /// <summary>merr.WrapErrPrivilegeNotAuthenticated: code 1400.</summary>
    public static MilvusError NotAuthenticated(string message) => new(1400, $"{message}: not authenticated", isInputError: true);

    /// <summary>
    /// merr.WrapErrPrivilegeGroupNameInvalid(privilegeGroup, msg...): code 1402. Milvus passes the format text as the
    /// field value and the format arguments as the context, so the reason reads oddly; reproduced as Milvus sends it.
    /// </summary>
    public static MilvusError GroupNameInvalid(string text, params string[] context)
    {
        var reason = $"invalid privilege group name[privilegeGroup={text}]";
        if (context.Length > 0) reason = $"{string.Join("->", context)}: {reason}";
        return new MilvusError(1402, reason, isInputError: true);
    }

    /// <summary>merr.WrapErrServiceQuotaExceeded(reason): code 9.</summary>
    public static MilvusError QuotaExceeded(string reason) => new(9, $"quota exceeded[reason={reason}]");

    /// <summary>A plain Go error (errors.New / fmt.Errorf): code 65535.</summary>
    public static MilvusError Plain(string message) => MilvusError.Unexpected(message);
}
