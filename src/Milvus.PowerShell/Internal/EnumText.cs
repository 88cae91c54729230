namespace Milvus.PowerShell;

/// <summary>Reads an enum value a model property holds as text (its name, any case, or its number).</summary>
internal static class EnumText
{
    public static T Parse<T>(string value) where T : struct, Enum
        => Enum.TryParse(value, ignoreCase: true, out T parsed) && (Enum.IsDefined(parsed) || long.TryParse(value, out _))
            ? parsed
            : throw new ArgumentException($"'{value}' is not a {typeof(T).Name}: use one of {string.Join(", ", Enum.GetNames<T>())}.");
}
