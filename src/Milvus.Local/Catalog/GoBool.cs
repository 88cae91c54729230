namespace Milvus.Local.Catalog;

/// <summary>Go's <c>strconv.ParseBool</c>, which Milvus uses for boolean parameters and properties.</summary>
internal static class GoBool
{
    /// <summary>1, t, T, TRUE, true, True are true; 0, f, F, FALSE, false, False are false; anything else (or null) is null.</summary>
    public static bool? Parse(string? value) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };
}
