using Milvus.Local.Errors;

namespace Milvus.Local.Catalog;

/// <summary>Milvus's proxy name validators (internal/proxy/util.go), with their exact messages.</summary>
internal static class NameRules
{
    public const int MaxNameLength = 255;

    // Expression keywords and system names a field may not take (pkg/common IsFieldNameKeyword).
    private static readonly HashSet<string> FieldKeywords = new(StringComparer.Ordinal)
    {
        "$meta", "like", "LIKE", "exists", "EXISTS", "json_contains", "JSON_CONTAINS", "json_contains_all", "JSON_CONTAINS_ALL",
        "json_contains_any", "JSON_CONTAINS_ANY", "array_contains", "ARRAY_CONTAINS", "array_contains_all", "ARRAY_CONTAINS_ALL",
        "array_contains_any", "ARRAY_CONTAINS_ANY", "array_length", "ARRAY_LENGTH", "text_match", "TEXT_MATCH", "phrase_match",
        "PHRASE_MATCH", "random_sample", "RANDOM_SAMPLE", "and", "AND", "or", "OR", "not", "NOT", "in", "IN", "true", "TRUE", "True",
        "false", "FALSE", "False", "is", "IS", "null", "NULL", "RowID", "Timestamp",
    };

    public static void CollectionName(string name) => CollectionOrAlias(name, "name");

    public static void AliasName(string name) => CollectionOrAlias(name, "alias");

    public static void DatabaseName(string name)
    {
        if (name.Length == 0) throw MilvusError.InvalidDatabaseName(name, "database name couldn't be empty");
        if (name.Length > MaxNameLength)
            throw MilvusError.InvalidDatabaseName(name, $"the length of a database name must be less than {MaxNameLength} characters");
        if (!IsLetterOrUnderscore(name[0]))
            throw MilvusError.InvalidDatabaseName(name, "the first character of a database name must be an underscore or letter");
        if (!name.Skip(1).All(IsWordChar))
            throw MilvusError.InvalidDatabaseName(name, "database name can only contain numbers, letters and underscores");
    }

    public static void PartitionName(string name)
    {
        name = name.Trim();
        var invalid = $"Invalid partition name: {name}. ";
        if (name.Length == 0) throw MilvusError.InvalidParameter(invalid + "Partition name should not be empty.");
        if (name.Length > MaxNameLength)
            throw MilvusError.InvalidParameter(invalid + $"The length of a partition name must be less than {MaxNameLength} characters.");
        if (!IsLetterOrUnderscore(name[0]) && !char.IsAsciiDigit(name[0]))
            throw MilvusError.InvalidParameter(invalid + "The first character of a partition name must be an underscore or letter.");
        if (!name.Skip(1).All(c => IsWordChar(c) || c == '-'))
            throw MilvusError.InvalidParameter(invalid + "Partition name can only contain numbers, letters and underscores.");
    }

    public static void FieldName(string name)
    {
        name = name.Trim();
        if (name.Length == 0) throw MilvusError.InvalidFieldName(name, "field name should not be empty");
        var invalid = $"Invalid field name: {name}. ";
        if (name.Length > MaxNameLength)
            throw MilvusError.InvalidFieldName(name, invalid + $"The length of a field name must be less than {MaxNameLength} characters.");
        if (!IsLetterOrUnderscore(name[0]))
            throw MilvusError.InvalidFieldName(name, invalid + "The first character of a field name must be an underscore or letter.");
        if (!name.Skip(1).All(IsWordChar))
            throw MilvusError.InvalidFieldName(name, invalid + "Field name can only contain numbers, letters, and underscores.");
        if (FieldKeywords.Contains(name)) throw MilvusError.InvalidFieldName(name, invalid + $"{name} is keyword in milvus.");
    }

    /// <summary>Index names follow the generic rule (letters, digits, underscores; letter or underscore first).</summary>
    public static void IndexName(string name)
    {
        var invalid = $"Invalid index name: {name}. ";
        if (name.Length > MaxNameLength)
            throw MilvusError.InvalidParameter(invalid + $"The length of a index name must be less than {MaxNameLength} characters.");
        if (!IsLetterOrUnderscore(name[0]))
            throw MilvusError.InvalidParameter(invalid + "The first character of a index name must be an underscore or letter.");
        if (!name.Skip(1).All(IsWordChar))
            throw MilvusError.InvalidParameter(invalid + "Index name can only contain numbers, letters, and underscores.");
    }

    private static void CollectionOrAlias(string name, string kind)
    {
        if (name.Length == 0) throw MilvusError.InvalidParameter($"collection {kind} should not be empty");
        var invalid = $"Invalid collection {kind}: {name}. ";
        if (name.Length > MaxNameLength)
            throw MilvusError.InvalidParameter($"{invalid} the length of a collection {kind} must be less than {MaxNameLength} characters");
        if (!IsLetterOrUnderscore(name[0]))
            throw MilvusError.InvalidParameter($"{invalid} the first character of a collection {kind} must be an underscore or letter");
        if (!name.Skip(1).All(IsWordChar))
            throw MilvusError.InvalidParameter($"{invalid} collection {kind} can only contain numbers, letters and underscores");
    }

    private static bool IsLetterOrUnderscore(char c) => c == '_' || char.IsAsciiLetter(c);

    private static bool IsWordChar(char c) => c == '_' || char.IsAsciiLetterOrDigit(c);
}
