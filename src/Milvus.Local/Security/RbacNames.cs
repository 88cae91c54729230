using Milvus.Local.Catalog;

namespace Milvus.Local.Security;

/// <summary>Milvus's proxy validators for RBAC names and passwords (internal/proxy/util.go), with their exact messages.</summary>
internal static class RbacNames
{
    public const string AnyWord = "*";
    public const int MaxUsernameLength = 32;
    public const int MinPasswordLength = 6;
    public const int MaxPasswordLength = 256;

    /// <summary>ValidateUsername: not empty, at most 32 bytes, a letter first, then letters, digits and underscores.</summary>
    public static void Username(string username)
    {
        username = username.Trim();
        if (username.Length == 0) throw RbacErrors.Invalid("username must be not empty");
        if (username.Length > MaxUsernameLength)
            throw RbacErrors.Invalid(
                $"invalid username {username} with length {username.Length}, the length of username must be less than {MaxUsernameLength}");
        if (!char.IsAsciiLetter(username[0]))
            throw RbacErrors.Invalid($"invalid user name {username}, the first character must be a letter, but got {username[0]}");
        for (var i = 1; i < username.Length; i++)
        {
            var c = username[i];
            // Go formats the offending byte with %s, which prints "%!s(uint8=N)".
            if (c != '_' && !char.IsAsciiLetterOrDigit(c))
                throw RbacErrors.Invalid(
                    $"invalid user name {username}, username must contain only numbers, letters and underscores, but got %!s(uint8={(int)c})");
        }
    }

    /// <summary>ValidatePassword: 6..256 bytes (UTF-8 length, as Go's len).</summary>
    public static void Password(string password)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(password);
        if (length < MinPasswordLength || length > MaxPasswordLength)
            throw RbacErrors.OutOfRange("invalid password length", MinPasswordLength, MaxPasswordLength, length);
    }

    public static void RoleName(string name) => Name(name, "role name");

    /// <summary>ValidateObjectName: "*" or a generic name.</summary>
    public static void ObjectName(string name)
    {
        if (name != AnyWord) Name(name, "object name");
    }

    public static void ObjectType(string name) => Name(name, "ObjectType");

    /// <summary>ValidatePrivilege: "*" or a generic name.</summary>
    public static void Privilege(string name)
    {
        if (name != AnyWord) Name(name, "Privilege");
    }

    /// <summary>ValidateCollectionName (the RBAC one): "*" or a generic name.</summary>
    public static void CollectionName(string name)
    {
        if (name != AnyWord) Name(name, "collection name");
    }

    /// <summary>ValidatePrivilegeGroupName, with Milvus's mixed error kinds.</summary>
    public static void PrivilegeGroupName(string name)
    {
        if (name.Length == 0) throw RbacErrors.GroupNameInvalid("privilege group name should not be empty");
        if (name.Length > NameRules.MaxNameLength)
            throw RbacErrors.GroupNameInvalid("the length of a privilege group name %s must be less than %s characters",
                name, NameRules.MaxNameLength.ToString());
        if (name[0] != '_' && !char.IsAsciiLetter(name[0]))
            throw RbacErrors.GroupNameInvalid("the first character of a privilege group name %s must be an underscore or letter", name);
        if (!name.Skip(1).All(c => c == '_' || char.IsAsciiLetterOrDigit(c)))
            throw RbacErrors.Invalid($"privilege group name {name} can only contain numbers, letters and underscores");
    }

    /// <summary>validateName: the generic RBAC name rule (letters, digits, '_' and '$', a letter or '_' first).</summary>
    private static void Name(string entity, string nameType)
    {
        entity = entity.Trim();
        if (entity.Length == 0)
            throw Errors.MilvusError.InvalidParameter($"{nameType} should be not empty", "not empty", entity);
        if (entity.Length > NameRules.MaxNameLength)
            throw RbacErrors.OutOfRange($"the length of {nameType} must be not greater than limit", 0, NameRules.MaxNameLength, entity.Length);
        // Go passes the rune '_' and the byte found, both printed as numbers.
        if (entity[0] != '_' && !char.IsAsciiLetter(entity[0]))
            throw Errors.MilvusError.InvalidParameter($"the first character of {nameType} must be an underscore or letter", (int)'_', (int)entity[0]);
        for (var i = 1; i < entity.Length; i++)
        {
            var c = entity[i];
            if (c != '_' && c != '$' && !char.IsAsciiLetterOrDigit(c))
                throw RbacErrors.Invalid($"{nameType} can only contain numbers, letters, dollars and underscores, found {c} at {i}");
        }
    }
}
