namespace Milvus.Local.Expressions;

/// <summary>A lexer/parser failure, reported as ANTLR does: "line 1:&lt;column&gt; &lt;message&gt;".</summary>
internal sealed class FilterSyntaxException(int column, string detail) : Exception(detail)
{
    public int Column { get; } = column;

    public string Detail => $"line 1:{Column} {Message}";
}

/// <summary>A semantic (type-check) failure; its message is the detail after "cannot parse expression: X, error: ".</summary>
internal sealed class FilterSemanticException(string message, bool wrapped = true) : Exception(message)
{
    /// <summary>False for errors Milvus reports without the "cannot parse expression" prefix (template filling, non-boolean result).</summary>
    public bool Wrapped { get; } = wrapped;
}
