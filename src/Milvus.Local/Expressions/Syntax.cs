namespace Milvus.Local.Expressions;

/// <summary>
/// Parse tree of a filter, one node per Plan.g4 alternative. <see cref="Text"/> is the ANTLR GetText()
/// of the node (its tokens concatenated without whitespace), which Milvus quotes in error messages.
/// </summary>
internal abstract record Syntax(string Text)
{
    /// <summary>Nesting depth (and/or chains count once), bounded so evaluation cannot overflow the stack.</summary>
    public int Depth { get; init; } = 1;
}

internal sealed record LiteralSyntax(string Text, TokenKind Kind) : Syntax(Text);

/// <summary>A bare identifier or <c>$meta</c>.</summary>
internal sealed record IdentifierSyntax(string Text) : Syntax(Text);

/// <summary><c>name["key"][0]...</c> lexed as one token.</summary>
internal sealed record JsonIdentifierSyntax(string Text) : Syntax(Text);

internal sealed record TemplateSyntax(string Text, string Name) : Syntax(Text);

internal sealed record ArraySyntax(string Text, IReadOnlyList<Syntax> Items) : Syntax(Text);

internal sealed record UnarySyntax(string Text, TokenKind Op, string OpText, Syntax Operand) : Syntax(Text);

internal sealed record BinarySyntax(string Text, TokenKind Op, string OpText, Syntax Left, Syntax Right) : Syntax(Text);

internal sealed record TermSyntax(string Text, Syntax Left, Syntax Right, bool Not) : Syntax(Text);

/// <summary><c>lower op1 column op2 upper</c>; <see cref="Reverse"/> for the &gt;/&gt;= form.</summary>
internal sealed record RangeSyntax(string Text, Syntax Lower, TokenKind Op1, Syntax Column, TokenKind Op2, Syntax Upper, bool Reverse) : Syntax(Text);

internal sealed record LikeSyntax(string Text, Syntax Left, string PatternLiteral) : Syntax(Text);

internal sealed record ExistsSyntax(string Text, Syntax Operand) : Syntax(Text);

internal sealed record IsNullSyntax(string Text, Syntax Column, bool Not) : Syntax(Text);

/// <summary>json_contains*/array_contains* (kind = the function token).</summary>
internal sealed record ContainsSyntax(string Text, TokenKind Function, Syntax Field, Syntax Element) : Syntax(Text);

internal sealed record ArrayLengthSyntax(string Text, Syntax Column) : Syntax(Text);

internal sealed record TextMatchSyntax(string Text, string Field, string QueryLiteral, string? MinimumShouldMatch) : Syntax(Text);

internal sealed record PhraseMatchSyntax(string Text, string Field, string QueryLiteral, Syntax? Slop) : Syntax(Text);

internal sealed record RandomSampleSyntax(string Text, Syntax Factor) : Syntax(Text);

/// <summary>st_* geometry predicates: field, WKT literal, optional distance.</summary>
internal sealed record SpatialSyntax(string Text, string Function, string Field, string WktLiteral, Syntax? Distance) : Syntax(Text);

/// <summary><c>field [+|- INTERVAL "P1D"] op ISO "2025-01-01T00:00:00Z"</c>.</summary>
internal sealed record TimestampCompareSyntax(string Text, string Field) : Syntax(Text);

/// <summary>A generic <c>name(args)</c> call.</summary>
internal sealed record CallSyntax(string Text, string Name, IReadOnlyList<Syntax> Args) : Syntax(Text);
