using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Expressions;

/// <summary>
/// A parsed, type-checked Milvus filter expression (the language of Milvus's Plan.g4), ready to be
/// evaluated a column at a time. Contract used by the engine; the implementation lives in this folder.
/// </summary>
public sealed class FilterExpression
{
    private FilterExpression(string text) => Text = text;

    public string Text { get; }

    /// <summary>
    /// Parses and type-checks <paramref name="expression"/> against the collection schema.
    /// Placeholders <c>{name}</c> are bound from <paramref name="templateValues"/>.
    /// Throws <see cref="MilvusError"/> with Milvus's code and message for any malformed or ill-typed input.
    /// </summary>
    public static FilterExpression Parse(
        string expression,
        CollectionSchema schema,
        IReadOnlyDictionary<string, TemplateValue>? templateValues = null)
        => throw MilvusError.NotSupported("filter expressions are not implemented yet");

    /// <summary>Evaluates the filter over every row of <paramref name="rows"/>: true where the row matches.</summary>
    public bool[] Evaluate(IRowSet rows) => throw MilvusError.NotSupported("filter expressions are not implemented yet");
}
