namespace Milvus.Local.Expressions;

/// <summary>
/// Parse tree of a filter, one node per Plan.g4 alternative. <see cref="Text"/> is the ANTLR GetText()
/// of the node (its tokens concatenated without whitespace), which Milvus quotes in error messages.
/// </summary>
internal abstract record Syntax(SourceText Source)
{
    public string Text => Source.ToString();

    /// <summary>Nesting depth (and/or chains count once), bounded so evaluation cannot overflow the stack.</summary>
    public int Depth { get; init; } = 1;
}

internal sealed record LiteralSyntax(SourceText Source, TokenKind Kind) : Syntax(Source);

/// <summary>A bare identifier or <c>$meta</c>.</summary>
internal sealed record IdentifierSyntax(SourceText Source) : Syntax(Source);

/// <summary><c>name["key"][0]...</c> lexed as one token.</summary>
internal sealed record JsonIdentifierSyntax(SourceText Source) : Syntax(Source);

internal sealed record TemplateSyntax(SourceText Source, string Name) : Syntax(Source);

internal sealed record ArraySyntax(SourceText Source, IReadOnlyList<Syntax> Items) : Syntax(Source);

internal sealed record UnarySyntax(SourceText Source, TokenKind Op, string OpText, Syntax Operand) : Syntax(Source);

internal sealed record BinarySyntax(SourceText Source, TokenKind Op, string OpText, Syntax Left, Syntax Right) : Syntax(Source);

internal sealed record TermSyntax(SourceText Source, Syntax Left, Syntax Right, bool Not) : Syntax(Source);

/// <summary><c>lower op1 column op2 upper</c>; <see cref="Reverse"/> for the &gt;/&gt;= form.</summary>
internal sealed record RangeSyntax(SourceText Source, Syntax Lower, TokenKind Op1, Syntax Column, TokenKind Op2, Syntax Upper, bool Reverse) : Syntax(Source);

internal sealed record LikeSyntax(SourceText Source, Syntax Left, string PatternLiteral) : Syntax(Source);

internal sealed record ExistsSyntax(SourceText Source, Syntax Operand) : Syntax(Source);

internal sealed record IsNullSyntax(SourceText Source, Syntax Column, bool Not) : Syntax(Source);

/// <summary>json_contains*/array_contains* (kind = the function token).</summary>
internal sealed record ContainsSyntax(SourceText Source, TokenKind Function, Syntax Field, Syntax Element) : Syntax(Source);

internal sealed record ArrayLengthSyntax(SourceText Source, Syntax Column) : Syntax(Source);

internal sealed record TextMatchSyntax(SourceText Source, string Field, string QueryLiteral, string? MinimumShouldMatch) : Syntax(Source);

internal sealed record PhraseMatchSyntax(SourceText Source, string Field, string QueryLiteral, Syntax? Slop) : Syntax(Source);

internal sealed record RandomSampleSyntax(SourceText Source, Syntax Factor) : Syntax(Source);

/// <summary>st_* geometry predicates: field, WKT literal, optional distance.</summary>
internal sealed record SpatialSyntax(SourceText Source, string Function, string Field, string WktLiteral, Syntax? Distance) : Syntax(Source);

/// <summary>
/// <c>field [+|- INTERVAL "P1D"] op ISO "2025-01-01T00:00:00Z"</c>, or with <see cref="Reverse"/> the
/// <c>ISO "..." op field [+|- INTERVAL "..."]</c> form. Literals keep their quotes.
/// </summary>
internal sealed record TimestampCompareSyntax(SourceText Source, string Field, TokenKind Op, string IsoLiteral,
    TokenKind? IntervalOp, string? IntervalLiteral, bool Reverse) : Syntax(Source);

/// <summary>A generic <c>name(args)</c> call.</summary>
internal sealed record CallSyntax(SourceText Source, string Name, IReadOnlyList<Syntax> Args) : Syntax(Source);

/// <summary>
/// The source of a node: either literal text or a token range whose text (tokens joined without whitespace,
/// as ANTLR's GetText) is built only when an error message needs it, keeping parsing linear.
/// </summary>
internal readonly struct SourceText
{
    private readonly string? _text;
    private readonly IReadOnlyList<Token>? _tokens;
    private readonly int _start;
    private readonly int _end;

    public SourceText(IReadOnlyList<Token> tokens, int start, int end)
    {
        _tokens = tokens;
        _start = start;
        _end = end;
    }

    private SourceText(string text) => _text = text;

    public static implicit operator SourceText(string text) => new(text);

    public override string ToString()
    {
        if (_tokens is null) return _text ?? "";
        var builder = new System.Text.StringBuilder();
        for (var k = _start; k < _end; k++) builder.Append(_tokens[k].Text);
        return builder.ToString();
    }
}
