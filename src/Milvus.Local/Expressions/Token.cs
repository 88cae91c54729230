namespace Milvus.Local.Expressions;

/// <summary>Token kinds of Milvus's Plan.g4 lexer (the subset Milvus 2.6 ships, plus ISO/INTERVAL).</summary>
internal enum TokenKind
{
    Eof,
    LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma,
    Lt, Le, Gt, Ge, Eq, Ne,
    Add, Sub, Mul, Div, Mod, Pow, Shl, Shr, BAnd, BOr, BXor, BNot,
    And, Or, Not, In, Like, Exists, IsNull, IsNotNull, Assign,
    TextMatch, PhraseMatch, RandomSample, MinimumShouldMatch,
    JsonContains, JsonContainsAll, JsonContainsAny,
    ArrayContains, ArrayContainsAll, ArrayContainsAny, ArrayLength,
    SpatialBinary, StDWithin, StIsValid, Interval, Iso,
    BooleanConstant, IntegerConstant, FloatingConstant, StringLiteral, RawStringLiteral,
    Identifier, Meta, JsonIdentifier, EmptyArray,
}

/// <summary>One lexed token: kind, source text and 0-based column (Milvus reports "line 1:col").</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Column)
{
    /// <summary>How ANTLR names the token in error messages.</summary>
    public string Display => Kind == TokenKind.Eof ? "<EOF>" : Text;
}
