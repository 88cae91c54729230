namespace Milvus.PowerShell.Completion;

/// <summary>Object types of grant_privilege.</summary>
public sealed class ObjectTypeCompleter : FixedValuesCompleter
{
    protected override IReadOnlyList<string> Values { get; } = ["Collection", "Global", "User"];
}
